// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "connection.h"
#include "jsonobject.h"
#include "options.h"
#include "processstats.h"
#include "traffic.h"

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace parley::bench {

class ChildProcess;
class Worker;

// One benchmark run: sets up users, chats and connections, runs the traffic steps, pages through
// history, and reports what it measured, bounded in time at every stage.
class Bench
{
public:
    explicit Bench(Options options);
    ~Bench();

    int run(); // the parent: everything, and the report
    int runChild(); // a child: hold idle connections until told to stop

private:
    struct User
    {
        std::string id;
        std::string email;
        std::string token;
        Connection *primary = nullptr; // the connection that registered or logged in
        std::size_t worker = 0;
        std::vector<Connection *> connections;
    };
    struct Chat
    {
        std::string id;
        std::vector<int> members; // indexes into m_users
    };
    struct SetupErrors
    {
        std::mutex mutex;
        std::string first;
    };
    using Job = std::function<void(int index, std::size_t worker, std::function<void()> finished)>;
    using Frame = std::function<std::string(std::uint64_t id)>;
    using Done = std::function<void(Connection &, const Incoming &)>;

    // bench.cpp
    bool runJobs(int count, int window, double timeoutSeconds, const Job &job);
    void openThen(std::size_t worker, Frame frame, Done done);
    ProcessSample sampleServer() const;
    ProcessSample sampleClient() const; // this process and its children
    std::string userName(const std::string &prefix, int index) const;

    // benchsetup.cpp
    // Completes a sign-in on `connection`: authenticates it when signing in did not.
    void signIn(Connection &connection, User &user, const std::shared_ptr<SetupErrors> &errors,
                const std::function<void()> &finished);
    bool registerUsers(std::vector<User> &users, int count, const std::string &prefix,
                       double *seconds);
    bool loginUsers(std::vector<User> &users, double *seconds);
    bool createChats();
    bool openMoreConnections(JsonObject &report);
    bool saveSetup(const std::string &path) const;
    bool loadSetup(const std::string &path);

    // benchidle.cpp, with runChild()
    bool holdIdleConnections(JsonObject &report);

    // benchsteps.cpp
    void runSteps(std::vector<JsonObject> &steps);
    JsonObject runStep(int step, double rate, bool measured);
    JsonObject loginBurst();
    void drain();

    // benchhistory.cpp
    JsonObject runHistory();

    // benchtable.cpp
    void printTable(const JsonObject &setup, const std::vector<JsonObject> &steps,
                    const JsonObject *idle, const JsonObject *history) const;

    Options m_options;
    std::unique_ptr<Wire> m_wire;
    Endpoint m_endpoint;
    std::vector<std::unique_ptr<Worker>> m_workers;
    std::vector<std::unique_ptr<Traffic>> m_traffic; // one per worker
    BurstWindow m_burst;
    std::atomic<std::uint32_t> m_nextConnection{0};
    std::vector<User> m_users;
    std::vector<User> m_idleUsers;
    std::vector<Chat> m_chats;
    std::vector<std::unique_ptr<ChildProcess>> m_children;
    std::string m_tokensFile;
    std::string m_lastError;
};

} // namespace parley::bench
