// SPDX-License-Identifier: GPL-3.0-or-later
// The idle-connection stage: child processes hold connections that only stay open, and what each
// costs the server is measured. runChild() is the child's side.
#include "bench.h"
#include "childprocess.h"
#include "clock.h"
#include "worker.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <unistd.h>

namespace parley::bench {

bool Bench::holdIdleConnections(JsonObject &report)
{
    if (m_options.idleConnections <= 0)
        return true;
    double registerSeconds = 0;
    const int idleUsers = std::min(m_options.idleUsers, m_options.idleConnections);
    if (!registerUsers(m_idleUsers, idleUsers, "i", &registerSeconds))
        return false;

    char path[] = "/tmp/parley-bench-tokens-XXXXXX";
    const int fd = mkstemp(path);
    if (fd < 0) {
        m_lastError = "cannot write the tokens file";
        return false;
    }
    close(fd);
    m_tokensFile = path;
    {
        std::ofstream tokens(m_tokensFile);
        for (const User &user : m_idleUsers)
            tokens << user.token << '\n';
    }

    sleepSeconds(0.5);
    const ProcessSample before = sampleServer();
    const int remaining = m_options.idleConnections - idleUsers;
    const int processes = std::max(1, std::min(m_options.processes, remaining));
    const std::int64_t start = monotonicNs();
    for (int p = 0; p < processes && remaining > 0; ++p) {
        const int share = remaining / processes + (p < remaining % processes ? 1 : 0);
        auto child = std::make_unique<ChildProcess>();
        std::string error;
        const std::vector<std::string> arguments = {
            "parley-bench",
            "--child",
            "--server",
            m_options.server == ServerKind::Parley ? "parley" : "socketio",
            "--host",
            m_options.host,
            "--port",
            std::to_string(m_options.port),
            "--tokens-file",
            m_tokensFile,
            "--child-connections",
            std::to_string(share),
            "--child-first-index",
            std::to_string((p + 1) * 10'000'000),
            "--connect-window",
            std::to_string(m_options.connectWindow),
            "--threads",
            "1",
        };
        if (!child->start(arguments, &error)) {
            m_lastError = error;
            return false;
        }
        m_children.push_back(std::move(child));
    }
    long authenticated = 0;
    long failed = 0;
    double slowest = 0;
    for (const auto &child : m_children) {
        const auto line = child->readLine(600'000);
        long ok = 0;
        long bad = 0;
        double seconds = 0;
        if (!line || std::sscanf(line->c_str(), "ready %ld %ld %lf", &ok, &bad, &seconds) != 3) {
            m_lastError = "a child process did not report its connections";
            return false;
        }
        authenticated += ok;
        failed += bad;
        slowest = std::max(slowest, seconds);
    }
    const double wall = secondsBetween(start, monotonicNs());
    sleepSeconds(1); // the server settles what it allocated for them
    const ProcessSample after = sampleServer();
    report.integer("requested", m_options.idleConnections)
        .integer("users", idleUsers)
        .number("registerSeconds", registerSeconds)
        .integer("processes", processes)
        .integer("authenticated", authenticated + idleUsers)
        .integer("failed", failed)
        .number("connectSeconds", wall)
        .number("connectionsPerSecond", slowest > 0 ? double(authenticated) / slowest : 0)
        .integer("serverRssBeforeKiB", before.rssKiB)
        .integer("serverRssAfterKiB", after.rssKiB)
        .number("serverRssPerConnectionBytes",
                authenticated > 0
                    ? double(after.rssKiB - before.rssKiB) * 1024.0 / double(authenticated)
                    : 0);
    return true;
}

int Bench::runChild()
{
    std::vector<std::string> tokens;
    {
        std::ifstream in(m_options.tokensFile);
        for (std::string line; std::getline(in, line);)
            if (!line.empty())
                tokens.push_back(line);
    }
    if (tokens.empty()) {
        std::cout << "ready 0 0 0" << std::endl;
        return 1;
    }
    m_nextConnection = std::uint32_t(m_options.childFirstIndex);
    struct Counts
    {
        std::atomic<long> ok{0};
        std::atomic<long> failed{0};
    };
    auto counts = std::make_shared<Counts>();
    const std::int64_t start = monotonicNs();
    runJobs(m_options.childConnections, m_options.connectWindow, 600,
            [this, counts, &tokens](int i, std::size_t w, auto finished) {
                const std::string token = tokens[std::size_t(i) % tokens.size()];
                openThen(
                    w, [this, token](std::uint64_t id) { return m_wire->authenticate(id, token); },
                    [counts, finished](Connection &, const Incoming &in) {
                        ++(in.ok ? counts->ok : counts->failed);
                        finished();
                    });
            });
    std::cout << "ready " << counts->ok << ' ' << counts->failed << ' '
              << secondsBetween(start, monotonicNs()) << std::endl;
    std::string line;
    std::getline(std::cin, line); // "stop", or the parent went away
    long alive = 0;
    for (auto &worker : m_workers)
        alive += long(worker->call([&] { return worker->openConnections(); }));
    std::cout << "done " << alive << std::endl;
    return 0;
}

} // namespace parley::bench
