// SPDX-License-Identifier: GPL-3.0-or-later
#include "options.h"

#include <charconv>
#include <functional>
#include <map>
#include <sstream>

namespace parley::bench {

namespace {

template<typename T> bool number(const std::string &text, T *out)
{
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
    return ec == std::errc() && end == text.data() + text.size();
}

bool parseRates(const std::string &text, std::vector<double> *out)
{
    std::istringstream in(text);
    std::string item;
    out->clear();
    while (std::getline(in, item, ',')) {
        double rate = 0;
        if (!number(item, &rate) || rate < 0)
            return false;
        out->push_back(rate);
    }
    return !out->empty();
}

} // namespace

std::optional<Options> Options::parse(int argc, char **argv, std::string *error)
{
    Options o;
    using Setter = std::function<bool(const std::string &)>;
    auto value = [](auto *field) {
        return Setter([field](const std::string &v) { return number(v, field); });
    };
    auto text = [](std::string *field) {
        return Setter([field](const std::string &v) {
            *field = v;
            return true;
        });
    };
    const std::map<std::string, Setter> setters = {
        {"--server",
         [&o](const std::string &v) {
             if (v == "parley")
                 o.server = ServerKind::Parley;
             else if (v == "socketio")
                 o.server = ServerKind::SocketIo;
             else
                 return false;
             return true;
         }},
        {"--host", text(&o.host)},
        {"--port", value(&o.port)},
        {"--server-pid", value(&o.serverPid)},
        {"--threads", value(&o.threads)},
        {"--label", text(&o.label)},
        {"--json", text(&o.jsonPath)},
        {"--run-tag", text(&o.runTag)},
        {"--users", value(&o.users)},
        {"--connections-per-user", value(&o.connectionsPerUser)},
        {"--chat",
         [&o](const std::string &v) {
             o.chatKind = v;
             return v == "direct" || v == "group" || v == "star";
         }},
        {"--group-size", value(&o.groupSize)},
        {"--password", text(&o.password)},
        {"--idle", value(&o.idleConnections)},
        {"--idle-users", value(&o.idleUsers)},
        {"--processes", value(&o.processes)},
        {"--hold", value(&o.holdSeconds)},
        {"--connect-window", value(&o.connectWindow)},
        {"--rates", [&o](const std::string &v) { return parseRates(v, &o.rates); }},
        {"--rate", [&o](const std::string &v) { return parseRates(v, &o.rates); }},
        {"--duration", value(&o.stepSeconds)},
        {"--warmup", value(&o.warmupSeconds)},
        {"--drain", value(&o.drainSeconds)},
        {"--max-outstanding", value(&o.maxOutstanding)},
        {"--content-bytes", value(&o.contentBytes)},
        {"--stop-above-p99-ms", value(&o.stopAboveP99Ms)},
        {"--login-burst", value(&o.loginBurst)},
        {"--login-burst-at", value(&o.loginBurstAtSeconds)},
        {"--history-requests", value(&o.historyRequests)},
        {"--history-limit", value(&o.historyLimit)},
        {"--history-size", value(&o.historySize)},
        {"--history-concurrency", value(&o.historyConcurrency)},
        {"--save-setup", text(&o.saveSetup)},
        {"--load-setup", text(&o.loadSetup)},
        {"--tokens-file", text(&o.tokensFile)},
        {"--child-connections", value(&o.childConnections)},
        {"--child-first-index", value(&o.childFirstIndex)},
    };
    for (int i = 1; i < argc; ++i) {
        const std::string name = argv[i];
        if (name == "--child") {
            o.child = true;
            continue;
        }
        if (name == "--help" || name == "-h") {
            *error = usage();
            return std::nullopt;
        }
        const auto it = setters.find(name);
        if (it == setters.end()) {
            *error = "unknown option " + name + "\n\n" + usage();
            return std::nullopt;
        }
        if (i + 1 >= argc || !it->second(argv[i + 1])) {
            *error = "bad or missing value for " + name;
            return std::nullopt;
        }
        ++i;
    }
    if (o.port == 0) {
        *error = "--port is required\n\n" + usage();
        return std::nullopt;
    }
    if (o.host.rfind("127.", 0) != 0 && o.host != "::1") {
        *error =
            "--host must be a loopback address: parley-bench only loads servers on this machine";
        return std::nullopt;
    }
    if (o.chatKind == "group" && o.groupSize < 3) {
        *error = "--group-size must be at least 3";
        return std::nullopt;
    }
    if (o.idleConnections > 0 && o.idleUsers <= 0)
        o.idleUsers = std::max(1, o.idleConnections / 100);
    if (o.processes < 1)
        o.processes = 1;
    if (o.stepSeconds <= 0 || o.stepSeconds > 600 || o.holdSeconds > 600 || o.drainSeconds > 120) {
        *error = "--duration is 0..600 s, --hold at most 600 s, --drain at most 120 s";
        return std::nullopt;
    }
    return o;
}

std::string Options::usage()
{
    return R"(parley-bench: a load client for Parley and the socket.io peer (loopback only)

  --server parley|socketio   the protocol to speak (default parley)
  --host 127.0.0.1 --port P  the server (loopback only)
  --server-pid PID           sample the server's CPU and RSS from /proc/PID
  --json FILE                write the results as JSON (a table goes to stdout)
  --label TEXT               a name for this run in the results
  --threads N                worker threads, one io_context each (default: one per core)

 population
  --users N                  active users, registered (auth.register) for this run
  --connections-per-user N   connections each active user opens (auth.token), default 1
  --chat direct|group|star   direct chats of pairs, groups of --group-size (default 10), or
                             star: the first user in a direct chat with each of the others
  --idle N                   idle authenticated connections on top, held by child processes
  --idle-users N             users the idle connections sign in as (default N/100)
  --processes N              child processes for the idle connections (default 1)
  --hold S                   keep everything open S seconds before reporting
  --connect-window N         connection attempts under way at once per process (256)

 traffic (one step per rate; every sent message carries its send time)
  --rate R[,R2,...]          messages per second over all senders
  --duration S               seconds per step (10)   --warmup S  (1)   --drain S  (10)
  --max-outstanding N        unanswered sends per connection before skipping (32)
  --stop-above-p99-ms MS     stop after the first step whose delivery p99 is above MS
  --login-burst N            N logins (auth.login) at --login-burst-at S of the first step

 history
  --history-requests N       message.history pages from the first chat
  --history-limit N          page size (50)   --history-size N  messages in that chat
  --history-concurrency N    requests under way at once (1)

 setup files
  --save-setup FILE          register users, make chats, write them to FILE and stop
  --load-setup FILE          log in as FILE's users and use its chats instead of registering
)";
}

} // namespace parley::bench
