// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "wire.h"

#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace parley::bench {

// What parley-bench is asked to do; see usage() for the meaning of each option.
struct Options
{
    ServerKind server = ServerKind::Parley;
    std::string host = "127.0.0.1";
    unsigned short port = 0;
    pid_t serverPid = 0;
    int threads = 0; // 0: one per core
    std::string label;
    std::string jsonPath;
    std::string runTag; // tells this run's users and client ids from earlier runs'

    // The active population: users, their connections, and the chats they share.
    int users = 0;
    int connectionsPerUser = 1;
    std::string chatKind = "direct"; // direct | group | star
    int groupSize = 10;
    std::string password = "bench-password-1";

    // Idle authenticated connections, held by child processes (each process has its own file
    // limit) on top of the active population.
    int idleConnections = 0;
    int idleUsers = 0;
    int processes = 1;
    double holdSeconds = 0;
    int connectWindow = 256; // connection attempts under way at once, per process

    // Traffic: one step per rate.
    std::vector<double> rates;
    double stepSeconds = 10;
    double warmupSeconds = 1;
    double drainSeconds = 10;
    std::size_t maxOutstanding = 32; // unanswered sends per connection
    int contentBytes = 64;
    double stopAboveP99Ms = 0; // stop the steps after one whose delivery p99 is above this

    // A burst of logins during the first step.
    int loginBurst = 0;
    double loginBurstAtSeconds = 10;

    // message.history pages.
    int historyRequests = 0;
    int historyLimit = 50;
    std::int64_t historySize = 0; // messages in the chat: pages start at random points below it
    int historyConcurrency = 1;

    std::string saveSetup; // write users and chats to this file after setting them up, and stop
    std::string loadSetup; // log in as the users of this file instead of registering

    // Child mode: hold idle connections for the parent (internal).
    bool child = false;
    std::string tokensFile;
    int childConnections = 0;
    int childFirstIndex = 0;

    static std::optional<Options> parse(int argc, char **argv, std::string *error);
    static std::string usage();
};

} // namespace parley::bench
