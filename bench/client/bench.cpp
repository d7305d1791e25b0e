// SPDX-License-Identifier: GPL-3.0-or-later
// Bench: its workers, the job runner every stage uses, and run(), which goes through the stages
// in order and writes the report.
#include "bench.h"

#include "childprocess.h"
#include "clock.h"
#include "latch.h"
#include "worker.h"

#include <algorithm>
#include <boost/asio/ip/address.hpp>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <thread>
#include <unistd.h>

namespace parley::bench {

namespace {

const Incoming ConnectFailed{
    Incoming::Kind::Response, 0, false, {}, R"({"code":"connect_failed"})"};

} // namespace

Bench::Bench(Options options)
    : m_options(std::move(options))
    , m_wire(Wire::make(m_options.server))
{
    boost::system::error_code ec;
    const auto address = boost::asio::ip::make_address(m_options.host, ec);
    m_endpoint.address = boost::asio::ip::tcp::endpoint(address, m_options.port);
    m_endpoint.host = m_options.host + ':' + std::to_string(m_options.port);
    if (m_options.runTag.empty())
        m_options.runTag =
            std::to_string(getpid()) + 't' + std::to_string(monotonicNs() % 1'000'000'000);
    const int threads = m_options.threads > 0
        ? m_options.threads
        : std::max(1, int(std::thread::hardware_concurrency()));
    for (int i = 0; i < threads; ++i) {
        m_workers.push_back(std::make_unique<Worker>(*m_wire));
        m_traffic.push_back(std::make_unique<Traffic>(m_workers.back()->context(), *m_wire, m_burst,
                                                      m_options.runTag, m_options.contentBytes));
    }
}

Bench::~Bench()
{
    m_children.clear();
    // Threads stop first; then the timers, then the sockets and their io_contexts.
    for (auto &worker : m_workers)
        worker->stop();
    m_traffic.clear();
    m_workers.clear();
    if (!m_tokensFile.empty())
        unlink(m_tokensFile.c_str());
}

std::string Bench::userName(const std::string &prefix, int index) const
{
    return "b" + m_options.runTag + '-' + prefix + std::to_string(index);
}

ProcessSample Bench::sampleServer() const
{
    return m_options.serverPid > 0 ? sampleProcess(m_options.serverPid) : ProcessSample{};
}

ProcessSample Bench::sampleClient() const
{
    ProcessSample sample = sampleSelf();
    for (const auto &child : m_children) {
        const ProcessSample own = sampleProcess(child->pid());
        sample.cpuSeconds += own.cpuSeconds;
        sample.rssKiB += own.rssKiB;
    }
    return sample;
}

bool Bench::runJobs(int count, int window, double timeoutSeconds, const Job &job)
{
    if (count <= 0)
        return true;
    // Each worker starts its share of the window; a finished job starts the next on its worker.
    struct Runner : std::enable_shared_from_this<Runner>
    {
        Job job;
        int count = 0;
        std::atomic<int> next{0};
        Latch latch;
        explicit Runner(int n)
            : latch(n)
        { }
        void launch(std::size_t worker)
        {
            const int index = next.fetch_add(1);
            if (index >= count)
                return;
            job(index, worker, [self = shared_from_this(), worker] {
                self->latch.countDown();
                self->launch(worker);
            });
        }
    };
    auto runner = std::make_shared<Runner>(count);
    runner->job = job;
    runner->count = count;
    const std::size_t workers = m_workers.size();
    const int perWorker = std::max(1, window / int(workers));
    for (std::size_t w = 0; w < workers; ++w) {
        m_workers[w]->post([runner, w, perWorker] {
            for (int i = 0; i < perWorker; ++i)
                runner->launch(w);
        });
    }
    return runner->latch.wait(timeoutSeconds);
}

void Bench::openThen(std::size_t worker, Frame frame, Done done)
{
    Connection &connection = m_workers[worker]->addConnection(m_nextConnection++);
    connection.open(m_endpoint,
                    [frame = std::move(frame), done = std::move(done)](Connection &c, bool ok) {
                        if (!ok)
                            return done(c, ConnectFailed);
                        c.request(frame, done);
                    });
}

int Bench::run()
{
    const ProcessSample clientStart = sampleClient();
    const std::int64_t start = monotonicNs();
    JsonObject setup;
    bool ok = true;
    double seconds = 0;
    if (!m_options.loadSetup.empty()) {
        ok = loadSetup(m_options.loadSetup) && loginUsers(m_users, &seconds);
        setup.number("loginSeconds", seconds);
    } else if (m_options.users > 0) {
        ok = registerUsers(m_users, m_options.users, "a", &seconds) && createChats();
        setup.number("registerSeconds", seconds);
    }
    setup.integer("users", std::int64_t(m_users.size()))
        .integer("chats", std::int64_t(m_chats.size()));
    if (ok && !m_options.saveSetup.empty()) {
        if (!saveSetup(m_options.saveSetup)) {
            std::cerr << "parley-bench: cannot write " << m_options.saveSetup << '\n';
            return 1;
        }
        std::cout << "setup: " << m_users.size() << " users and " << m_chats.size()
                  << " chats written to " << m_options.saveSetup << '\n';
        return 0;
    }
    ok = ok && openMoreConnections(setup);
    std::size_t connections = 0;
    for (User &user : m_users)
        connections += user.connections.size();
    setup.integer("connections", std::int64_t(connections));
    if (ok) {
        // Every member's first connection sends; every connection of every member receives.
        for (const Chat &chat : m_chats) {
            std::uint64_t receivers = 0;
            for (const int member : chat.members)
                receivers += m_users[std::size_t(member)].connections.size();
            for (const int member : chat.members) {
                const User &user = m_users[std::size_t(member)];
                m_traffic[user.worker]->addSlot(
                    Traffic::Slot{user.primary, chat.id, receivers - 1, 0});
            }
        }
    }
    JsonObject idle;
    ok = ok && holdIdleConnections(idle);

    std::vector<JsonObject> steps;
    JsonObject history;
    if (ok) {
        runSteps(steps);
        history = runHistory();
        const std::int64_t holdEnd = monotonicNs() + std::int64_t(m_options.holdSeconds * 1e9);
        while (monotonicNs() < holdEnd)
            sleepSeconds(std::min(0.5, secondsBetween(monotonicNs(), holdEnd)));
    }
    // What is still open at the end, then the children let go of theirs.
    const ProcessSample serverEnd = sampleServer();
    long alive = 0;
    for (std::size_t w = 0; w < m_workers.size(); ++w)
        alive += long(m_workers[w]->call([&] { return m_workers[w]->openConnections(); }));
    long idleAlive = 0;
    for (const User &user : m_idleUsers) {
        if (user.primary && m_workers[user.worker]->call([&] { return user.primary->isOpen(); }))
            ++idleAlive;
    }
    for (const auto &child : m_children) {
        child->writeLine("stop");
        long held = 0;
        if (const auto line = child->readLine(60'000))
            std::sscanf(line->c_str(), "done %ld", &held);
        idleAlive += held;
        alive += held;
    }
    const ProcessSample clientEnd = sampleClient();
    m_children.clear();
    if (m_options.idleConnections > 0)
        idle.integer("openAtEnd", idleAlive);

    JsonObject report;
    report.text("tool", "parley-bench")
        .text("label", m_options.label)
        .text("server", m_options.server == ServerKind::Parley ? "parley" : "socketio")
        .text("url", "ws://" + m_endpoint.host + m_wire->target())
        .integer("serverPid", m_options.serverPid)
        .flag("ok", ok)
        .text("error", m_lastError)
        .number("wallSeconds", secondsBetween(start, monotonicNs()))
        .integer("openConnectionsAtEnd", alive)
        .object("setup", setup);
    if (m_options.idleConnections > 0)
        report.object("idle", idle);
    report.array("steps", steps);
    if (m_options.historyRequests > 0)
        report.object("history", history);
    JsonObject server;
    server.integer("rssKiB", serverEnd.rssKiB).number("cpuSeconds", serverEnd.cpuSeconds);
    report.object("serverAtEnd", server);
    JsonObject client;
    client.number("cpuSeconds", clientEnd.cpuSeconds - clientStart.cpuSeconds)
        .number("cpuPercent", cpuPercent(clientStart, clientEnd))
        .integer("threads", std::int64_t(m_workers.size()));
    report.object("client", client);

    const std::string text = report.str() + '\n';
    if (!m_options.jsonPath.empty()) {
        std::ofstream out(m_options.jsonPath);
        out << text;
    }
    printTable(setup, steps, m_options.idleConnections > 0 ? &idle : nullptr,
               m_options.historyRequests > 0 ? &history : nullptr);
    if (!ok)
        std::cerr << "parley-bench: " << m_lastError << '\n';
    return ok ? 0 : 1;
}

} // namespace parley::bench
