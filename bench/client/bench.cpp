#include "bench.h"

#include "childprocess.h"
#include "clock.h"
#include "json.h"
#include "worker.h"

#include <algorithm>
#include <boost/asio/ip/address.hpp>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <mutex>
#include <random>
#include <sstream>
#include <thread>
#include <unistd.h>

namespace parley::bench {

namespace {

// Counts finished jobs down to zero, waited for with a deadline.
class Latch
{
public:
    explicit Latch(int count)
        : m_count(count)
    { }
    void countDown()
    {
        {
            const std::lock_guard lock(m_mutex);
            --m_count;
        }
        m_done.notify_all();
    }
    bool wait(double seconds)
    {
        std::unique_lock lock(m_mutex);
        return m_done.wait_for(lock, std::chrono::duration<double>(seconds),
                               [this] { return m_count <= 0; });
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_done;
    int m_count;
};

const Incoming ConnectFailed{
    Incoming::Kind::Response, 0, false, {}, R"({"code":"connect_failed"})"};

std::string errorCode(const Incoming &in)
{
    const std::string code = json::text(json::member(in.error, "code"));
    return code.empty() ? "unknown" : code;
}

void sleepSeconds(double seconds)
{
    if (seconds > 0)
        std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
}

std::string fixed(double value, int decimals)
{
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

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

void Bench::signIn(Connection &connection, User &user, const std::shared_ptr<SetupErrors> &errors,
                   const std::function<void()> &finished)
{
    auto done = [&user, finished](Connection &c) {
        user.primary = &c;
        user.connections.push_back(&c);
        finished();
    };
    if (m_wire->signInAuthenticates())
        return done(connection);
    connection.request(
        [this, token = user.token](std::uint64_t id) { return m_wire->authenticate(id, token); },
        [errors, finished, done](Connection &c, const Incoming &in) {
            if (in.ok)
                return done(c);
            const std::lock_guard lock(errors->mutex);
            if (errors->first.empty())
                errors->first = "authentication failed: " + errorCode(in);
            finished();
        });
}

bool Bench::registerUsers(std::vector<User> &users, int count, const std::string &prefix,
                          double *seconds)
{
    users.assign(std::size_t(count), User{});
    // Shared with the callbacks, which may outlive this call when it times out.
    auto errors = std::make_shared<SetupErrors>();
    const bool watch = prefix == "a";
    const std::int64_t start = monotonicNs();
    const bool finished = runJobs(
        count, 64, 600, [&users, errors, watch, prefix, this](int i, std::size_t w, auto finished) {
            User &user = users[std::size_t(i)];
            user.email = userName(prefix, i) + "@bench.test";
            user.worker = w;
            const std::string name = "Bench " + prefix + std::to_string(i);
            openThen(
                w,
                [this, &user, name](std::uint64_t id) {
                    return m_wire->registerUser(id, name, user.email, m_options.password);
                },
                [this, &user, errors, watch, w, finished](Connection &c, const Incoming &in) {
                    if (!in.ok) {
                        const std::lock_guard lock(errors->mutex);
                        if (errors->first.empty())
                            errors->first = "registration failed: " + errorCode(in);
                        return finished();
                    }
                    user.id =
                        json::text(json::member(json::member(in.data, "user"), m_wire->idKey()));
                    user.token = json::text(json::member(in.data, m_wire->tokenKey()));
                    if (watch)
                        m_traffic[w]->watch(c);
                    signIn(c, user, errors, finished);
                });
        });
    *seconds = secondsBetween(start, monotonicNs());
    const std::lock_guard lock(errors->mutex);
    std::string error = errors->first;
    if (!finished)
        error = "registration did not finish within 600 s";
    for (const User &user : users) {
        if (finished && user.primary == nullptr && error.empty())
            error = "registration failed";
    }
    m_lastError = error;
    return error.empty();
}

bool Bench::loginUsers(std::vector<User> &users, double *seconds)
{
    auto errors = std::make_shared<SetupErrors>();
    const std::int64_t start = monotonicNs();
    const bool finished = runJobs(
        int(users.size()), 64, 600, [&users, errors, this](int i, std::size_t w, auto finished) {
            User &user = users[std::size_t(i)];
            user.worker = w;
            openThen(
                w,
                [this, &user](std::uint64_t id) {
                    return m_wire->login(id, user.email, m_options.password);
                },
                [this, &user, errors, w, finished](Connection &c, const Incoming &in) {
                    if (!in.ok) {
                        const std::lock_guard lock(errors->mutex);
                        if (errors->first.empty())
                            errors->first = "login failed: " + errorCode(in);
                        return finished();
                    }
                    user.token = json::text(json::member(in.data, m_wire->tokenKey()));
                    m_traffic[w]->watch(c);
                    signIn(c, user, errors, finished);
                });
        });
    *seconds = secondsBetween(start, monotonicNs());
    const std::lock_guard lock(errors->mutex);
    m_lastError = finished ? errors->first : "logins did not finish within 600 s";
    return m_lastError.empty();
}

bool Bench::createChats()
{
    m_chats.clear();
    const int users = int(m_users.size());
    if (m_options.chatKind == "direct") {
        for (int i = 0; i + 1 < users; i += 2)
            m_chats.push_back(Chat{{}, {i, i + 1}});
    } else if (m_options.chatKind == "star") {
        for (int i = 1; i < users; ++i)
            m_chats.push_back(Chat{{}, {0, i}});
    } else {
        for (int first = 0; first + 3 <= users; first += m_options.groupSize) {
            Chat chat;
            for (int i = first; i < std::min(users, first + m_options.groupSize); ++i)
                chat.members.push_back(i);
            m_chats.push_back(std::move(chat));
        }
    }
    auto latch = std::make_shared<Latch>(int(m_chats.size()));
    auto errors = std::make_shared<SetupErrors>();
    const bool direct = m_options.chatKind != "group";
    for (std::size_t c = 0; c < m_chats.size(); ++c) {
        Chat *chat = &m_chats[c];
        const User *creator = &m_users[std::size_t(chat->members.front())];
        std::vector<std::string> others;
        for (std::size_t m = 1; m < chat->members.size(); ++m)
            others.push_back(m_users[std::size_t(chat->members[m])].id);
        const std::string name = "Bench group " + std::to_string(c);
        m_workers[creator->worker]->post(
            [this, chat, creator, others, direct, name, latch, errors] {
                creator->primary->request(
                    [this, others, direct, name](std::uint64_t id) {
                        return direct ? m_wire->directChat(id, others.front())
                                      : m_wire->createGroup(id, name, others);
                    },
                    [this, chat, latch, errors](Connection &, const Incoming &in) {
                        if (in.ok) {
                            chat->id = json::text(
                                json::member(json::member(in.data, "chat"), m_wire->idKey()));
                        } else {
                            const std::lock_guard lock(errors->mutex);
                            if (errors->first.empty())
                                errors->first = "could not create a chat: " + errorCode(in);
                        }
                        latch->countDown();
                    });
            });
    }
    const bool finished = latch->wait(120);
    const std::lock_guard lock(errors->mutex);
    m_lastError = finished ? errors->first : "chats were not created within 120 s";
    return m_lastError.empty();
}

bool Bench::openMoreConnections(JsonObject &report)
{
    const int extra = m_options.connectionsPerUser - 1;
    if (extra <= 0 || m_users.empty())
        return true;
    const int total = extra * int(m_users.size());
    struct Opened
    {
        std::mutex mutex;
        std::vector<std::pair<Connection *, int>> connections; // with their user's index
        int failed = 0;
    };
    auto opened = std::make_shared<Opened>();
    const std::int64_t start = monotonicNs();
    const bool finished = runJobs(
        total, m_options.connectWindow, 600, [this, opened](int k, std::size_t w, auto finished) {
            const int userIndex = k % int(m_users.size());
            const std::string token = m_users[std::size_t(userIndex)].token;
            openThen(
                w, [this, token](std::uint64_t id) { return m_wire->authenticate(id, token); },
                [this, opened, w, userIndex, finished](Connection &c, const Incoming &in) {
                    if (in.ok)
                        m_traffic[w]->watch(c);
                    {
                        const std::lock_guard lock(opened->mutex);
                        if (in.ok)
                            opened->connections.emplace_back(&c, userIndex);
                        else
                            ++opened->failed;
                    }
                    finished();
                });
        });
    const double seconds = secondsBetween(start, monotonicNs());
    const std::lock_guard lock(opened->mutex);
    const int ok = int(opened->connections.size());
    for (const auto &[connection, userIndex] : opened->connections)
        m_users[std::size_t(userIndex)].connections.push_back(connection);
    report.integer("extraConnections", ok)
        .integer("extraConnectionsFailed", opened->failed)
        .number("extraConnectSeconds", seconds)
        .number("connectionsPerSecond", seconds > 0 ? ok / seconds : 0);
    if (!finished)
        m_lastError = "connections did not open within 600 s";
    return finished;
}

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

void Bench::drain()
{
    const std::int64_t deadline = monotonicNs() + std::int64_t(m_options.drainSeconds * 1e9);
    std::int64_t quietSince = 0;
    while (monotonicNs() < deadline) {
        Traffic::Progress total;
        for (std::size_t w = 0; w < m_workers.size(); ++w) {
            const auto p = m_workers[w]->call([&] { return m_traffic[w]->progress(); });
            total.unanswered += p.unanswered;
            total.deliveries += p.deliveries;
            total.expectedDeliveries += p.expectedDeliveries;
        }
        const std::int64_t now = monotonicNs();
        if (total.unanswered == 0) {
            if (total.deliveries >= total.expectedDeliveries)
                return;
            if (quietSince == 0)
                quietSince = now;
            else if (now - quietSince > 2'000'000'000)
                return; // whatever has not arrived two seconds after the last answer is lost
        } else {
            quietSince = 0;
        }
        sleepSeconds(0.02);
    }
}

JsonObject Bench::loginBurst()
{
    struct Logins
    {
        std::mutex mutex;
        Histogram latency;
        int ok = 0;
        int failed = 0;
    };
    auto logins = std::make_shared<Logins>();
    const int count = m_options.loginBurst;
    const std::int64_t start = monotonicNs();
    m_burst.startNs = start;
    const bool finished =
        runJobs(count, count, 120, [this, logins](int i, std::size_t w, auto finished) {
            const User &user = m_users[std::size_t(i) % m_users.size()];
            const std::int64_t sentNs = monotonicNs();
            openThen(
                w,
                [this, &user](std::uint64_t id) {
                    return m_wire->login(id, user.email, m_options.password);
                },
                [logins, sentNs, finished](Connection &, const Incoming &in) {
                    {
                        const std::lock_guard lock(logins->mutex);
                        if (in.ok) {
                            ++logins->ok;
                            logins->latency.record(monotonicNs() - sentNs);
                        } else {
                            ++logins->failed;
                        }
                    }
                    finished();
                });
        });
    const std::int64_t end = monotonicNs();
    m_burst.endNs = end;
    JsonObject burst;
    const std::lock_guard lock(logins->mutex);
    burst.integer("logins", count)
        .integer("ok", logins->ok)
        .integer("failed", logins->failed)
        .flag("finished", finished)
        .number("seconds", secondsBetween(start, end))
        .latency("loginMs", logins->latency);
    return burst;
}

JsonObject Bench::runStep(int step, double rate, bool measured)
{
    const double duration = measured ? m_options.stepSeconds : m_options.warmupSeconds;
    std::size_t slots = 0;
    for (const auto &traffic : m_traffic)
        slots += traffic->slotCount();
    m_burst.startNs = std::numeric_limits<std::int64_t>::max();
    m_burst.endNs = std::numeric_limits<std::int64_t>::max();
    const ProcessSample serverStart = sampleServer();
    const ProcessSample clientStart = sampleClient();
    const std::int64_t start = monotonicNs();
    const std::int64_t end = start + std::int64_t(duration * 1e9);
    for (std::size_t w = 0; w < m_workers.size(); ++w) {
        const double share =
            slots == 0 ? 0 : rate * double(m_traffic[w]->slotCount()) / double(slots);
        m_workers[w]->post([this, w, step, share, end] {
            m_traffic[w]->startStep(step, share, end, m_options.maxOutstanding);
        });
    }
    std::optional<JsonObject> burst;
    std::int64_t peakRss = serverStart.rssKiB;
    auto watchUntil = [&](std::int64_t until) {
        while (monotonicNs() < until) {
            sleepSeconds(std::min(0.1, secondsBetween(monotonicNs(), until)));
            peakRss = std::max(peakRss, sampleServer().rssKiB);
        }
    };
    if (measured && step == 1 && m_options.loginBurst > 0
        && m_options.loginBurstAtSeconds < duration) {
        watchUntil(start + std::int64_t(m_options.loginBurstAtSeconds * 1e9));
        burst = loginBurst();
    }
    watchUntil(end);
    drain();
    StepStats stats;
    for (std::size_t w = 0; w < m_workers.size(); ++w)
        stats.merge(m_workers[w]->call([&] { return m_traffic[w]->takeStats(); }));
    const ProcessSample serverEnd = sampleServer();
    const ProcessSample clientEnd = sampleClient();

    const std::int64_t firstSend = std::min(stats.firstSendNs, start);
    const double ackSeconds = std::max(duration, secondsBetween(firstSend, stats.lastAckNs));
    const double deliverySeconds =
        std::max(duration, secondsBetween(firstSend, stats.lastDeliveryNs));
    JsonObject result;
    result.integer("step", step)
        .number("targetRate", rate)
        .number("durationSeconds", duration)
        .integer("sent", std::int64_t(stats.sent))
        .integer("acked", std::int64_t(stats.acked))
        .integer("failed", std::int64_t(stats.failed))
        .integer("skipped", std::int64_t(stats.skipped))
        .number("ackedPerSecond", double(stats.acked) / ackSeconds)
        .integer("deliveries", std::int64_t(stats.deliveries))
        .integer("expectedDeliveries", std::int64_t(stats.expectedDeliveries))
        .integer("lostDeliveries",
                 std::int64_t(stats.expectedDeliveries > stats.deliveries
                                  ? stats.expectedDeliveries - stats.deliveries
                                  : 0))
        .integer("staleDeliveries", std::int64_t(stats.stale))
        .number("deliveriesPerSecond", double(stats.deliveries) / deliverySeconds)
        .latency("deliveryMs", stats.delivery)
        .latency("ackMs", stats.ack);
    JsonObject server;
    server.number("cpuPercent", cpuPercent(serverStart, serverEnd))
        .integer("rssKiB", serverEnd.rssKiB)
        .integer("rssPeakKiB", std::max(peakRss, serverEnd.rssKiB));
    result.object("server", server);
    JsonObject client;
    client.number("cpuPercent", cpuPercent(clientStart, clientEnd))
        .integer("threads", std::int64_t(m_workers.size()));
    result.object("client", client);
    JsonObject errors;
    for (const auto &[code, count] : stats.errors)
        errors.integer(code, std::int64_t(count));
    result.object("errors", errors);
    if (burst) {
        const double before = stats.deliveryBefore.percentileMs(99);
        const double during = stats.deliveryDuring.percentileMs(99);
        burst->latency("deliveryMsBefore", stats.deliveryBefore)
            .latency("deliveryMsDuring", stats.deliveryDuring)
            .latency("deliveryMsAfter", stats.deliveryAfter)
            .number("p99Degradation", before > 0 ? during / before : 0);
        result.object("loginBurst", *burst);
    }
    return result;
}

void Bench::runSteps(std::vector<JsonObject> &steps)
{
    if (m_options.rates.empty())
        return;
    if (m_options.warmupSeconds > 0)
        runStep(0, m_options.rates.front(), false);
    for (std::size_t i = 0; i < m_options.rates.size(); ++i) {
        JsonObject step = runStep(int(i) + 1, m_options.rates[i], true);
        const std::string text = step.str();
        steps.push_back(step);
        // The p99 is read back from the step's own numbers to decide whether to go on.
        const auto p99 = json::member(json::member(text, "deliveryMs"), "p99");
        const double value = std::strtod(std::string(p99).c_str(), nullptr);
        if (m_options.stopAboveP99Ms > 0 && value > m_options.stopAboveP99Ms)
            break;
    }
}

JsonObject Bench::runHistory()
{
    JsonObject result;
    if (m_options.historyRequests <= 0 || m_chats.empty())
        return result;
    // Pages are asked for one after another (or --history-concurrency at once) from the first
    // chat's first member, each from a random point of the chat.
    struct Pager : std::enable_shared_from_this<Pager>
    {
        const Wire *wire = nullptr;
        Connection *connection = nullptr;
        std::string chatId;
        int total = 0;
        int limit = 50;
        std::int64_t size = 0;
        std::mutex mutex;
        Histogram latency;
        int issued = 0; // on the worker's thread only
        int ok = 0;
        int failed = 0;
        long firstPageSize = -1;
        std::mt19937_64 random{7447};
        std::unique_ptr<Latch> latch;

        void issue()
        {
            if (issued >= total)
                return;
            ++issued;
            std::int64_t before = 0; // the newest page
            if (size > limit)
                before = std::uniform_int_distribution<std::int64_t>(limit + 1, size + 1)(random);
            const std::int64_t sentNs = monotonicNs();
            connection->request(
                [this, before](std::uint64_t id) {
                    return wire->history(id, chatId, before, limit);
                },
                [self = shared_from_this(), sentNs](Connection &, const Incoming &in) {
                    self->answered(in, monotonicNs() - sentNs);
                    self->issue();
                });
        }
        void answered(const Incoming &in, std::int64_t ns)
        {
            {
                const std::lock_guard lock(mutex);
                latency.record(ns);
                if (!in.ok) {
                    ++failed;
                } else if (++ok == 1) {
                    const auto messages = json::member(in.data, "messages");
                    long n = 0;
                    while (!json::element(messages, int(n)).empty())
                        ++n;
                    firstPageSize = n;
                }
            }
            latch->countDown();
        }
    };
    const User &user = m_users[std::size_t(m_chats.front().members.front())];
    auto pager = std::make_shared<Pager>();
    pager->wire = m_wire.get();
    pager->connection = user.primary;
    pager->chatId = m_chats.front().id;
    pager->total = m_options.historyRequests;
    pager->limit = m_options.historyLimit;
    pager->size = m_options.historySize;
    pager->latch = std::make_unique<Latch>(pager->total);
    const std::int64_t start = monotonicNs();
    const int concurrency = std::max(1, m_options.historyConcurrency);
    m_workers[user.worker]->post([pager, concurrency] {
        for (int i = 0; i < concurrency; ++i)
            pager->issue();
    });
    const bool finished = pager->latch->wait(300);
    const double seconds = secondsBetween(start, monotonicNs());
    if (!finished)
        m_workers[user.worker]->call([&] { pager->issued = pager->total; }); // no more
    const std::lock_guard lock(pager->mutex);
    result.integer("requests", pager->total)
        .integer("ok", pager->ok)
        .integer("failed", pager->failed)
        .flag("finished", finished)
        .integer("limit", pager->limit)
        .integer("chatMessages", pager->size)
        .integer("firstPageSize", pager->firstPageSize)
        .integer("concurrency", concurrency)
        .number("pagesPerSecond", seconds > 0 ? pager->ok / seconds : 0)
        .latency("pageMs", pager->latency);
    return result;
}

bool Bench::saveSetup(const std::string &path) const
{
    std::ofstream out(path);
    out << "{\"users\":[";
    for (std::size_t i = 0; i < m_users.size(); ++i)
        out << (i ? "," : "") << "{\"id\":" << json::quote(m_users[i].id)
            << ",\"email\":" << json::quote(m_users[i].email) << '}';
    out << "],\"chats\":[";
    for (std::size_t c = 0; c < m_chats.size(); ++c) {
        out << (c ? "," : "") << "{\"id\":" << json::quote(m_chats[c].id) << ",\"members\":[";
        for (std::size_t m = 0; m < m_chats[c].members.size(); ++m)
            out << (m ? "," : "") << m_chats[c].members[m];
        out << "]}";
    }
    out << "]}\n";
    return bool(out);
}

bool Bench::loadSetup(const std::string &path)
{
    std::ifstream in(path);
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();
    const auto users = json::member(text, "users");
    const auto chats = json::member(text, "chats");
    if (users.empty() || chats.empty()) {
        m_lastError = "cannot read the setup file " + path;
        return false;
    }
    m_users.clear();
    for (int i = 0;; ++i) {
        const auto user = json::element(users, i);
        if (user.empty())
            break;
        User loaded;
        loaded.id = json::text(json::member(user, "id"));
        loaded.email = json::text(json::member(user, "email"));
        m_users.push_back(std::move(loaded));
    }
    m_chats.clear();
    for (int c = 0;; ++c) {
        const auto chat = json::element(chats, c);
        if (chat.empty())
            break;
        Chat loaded;
        loaded.id = json::text(json::member(chat, "id"));
        const auto members = json::member(chat, "members");
        for (int m = 0;; ++m) {
            const auto member = json::integer(json::element(members, m));
            if (!member)
                break;
            loaded.members.push_back(int(*member));
        }
        m_chats.push_back(std::move(loaded));
    }
    return !m_users.empty();
}

void Bench::printTable(const JsonObject &setup, const std::vector<JsonObject> &steps,
                       const JsonObject *idle, const JsonObject *history) const
{
    const std::string setupText = setup.str();
    auto num = [](std::string_view object, std::string_view key) {
        return std::strtod(std::string(json::member(object, key)).c_str(), nullptr);
    };
    std::cout << "parley-bench " << (m_options.label.empty() ? "" : m_options.label + " ") << "→ "
              << (m_options.server == ServerKind::Parley ? "parley" : "socketio") << " at "
              << m_endpoint.host << ", " << m_workers.size() << " threads\n";
    std::cout << "setup: " << m_users.size() << " users, " << m_chats.size() << " chats";
    if (const double rate = num(setupText, "connectionsPerSecond"); rate > 0)
        std::cout << ", extra connections " << fixed(rate, 0) << "/s";
    std::cout << '\n';
    if (idle) {
        const std::string text = idle->str();
        std::cout << "idle: " << fixed(num(text, "authenticated"), 0) << " of "
                  << fixed(num(text, "requested"), 0) << " authenticated ("
                  << fixed(num(text, "failed"), 0) << " failed), "
                  << fixed(num(text, "connectionsPerSecond"), 0) << " connections/s, server RSS "
                  << fixed(num(text, "serverRssBeforeKiB") / 1024, 1) << " → "
                  << fixed(num(text, "serverRssAfterKiB") / 1024, 1)
                  << " MiB = " << fixed(num(text, "serverRssPerConnectionBytes") / 1024, 2)
                  << " KiB per connection\n";
    }
    if (!steps.empty()) {
        std::printf("%5s %9s %9s %10s %8s %8s %8s %8s %8s %8s %8s\n", "step", "target/s", "acked/s",
                    "deliv/s", "p50 ms", "p99 ms", "p99.9 ms", "lost", "srv CPU%", "srv MiB",
                    "cli CPU%");
        for (const JsonObject &step : steps) {
            const std::string text = step.str();
            const auto delivery = json::member(text, "deliveryMs");
            const auto server = json::member(text, "server");
            const auto client = json::member(text, "client");
            std::printf("%5.0f %9.0f %9.0f %10.0f %8.2f %8.2f %8.2f %8.0f %8.0f %8.1f %8.0f\n",
                        num(text, "step"), num(text, "targetRate"), num(text, "ackedPerSecond"),
                        num(text, "deliveriesPerSecond"), num(delivery, "p50"),
                        num(delivery, "p99"), num(delivery, "p999"), num(text, "lostDeliveries"),
                        num(server, "cpuPercent"), num(server, "rssKiB") / 1024,
                        num(client, "cpuPercent"));
            if (const auto burst = json::member(text, "loginBurst"); !burst.empty()) {
                std::printf("      login burst: %.0f of %.0f logins in %.2f s; delivery p99 "
                            "%.2f ms before, %.2f ms during (x%.2f)\n",
                            num(burst, "ok"), num(burst, "logins"), num(burst, "seconds"),
                            num(json::member(burst, "deliveryMsBefore"), "p99"),
                            num(json::member(burst, "deliveryMsDuring"), "p99"),
                            num(burst, "p99Degradation"));
            }
        }
    }
    if (history) {
        const std::string text = history->str();
        const auto page = json::member(text, "pageMs");
        std::printf("history: %.0f pages of %.0f in a chat of %.0f: p50 %.2f ms, p99 %.2f ms, "
                    "p99.9 %.2f ms, %.0f pages/s\n",
                    num(text, "ok"), num(text, "limit"), num(text, "chatMessages"),
                    num(page, "p50"), num(page, "p99"), num(page, "p999"),
                    num(text, "pagesPerSecond"));
    }
    std::cout.flush();
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
