// SPDX-License-Identifier: GPL-3.0-or-later
// The traffic steps: messages at each target rate, the login burst during the first step, and the
// drain that waits for every answer and delivery before a step is counted.
#include "bench.h"
#include "clock.h"
#include "json.h"
#include "worker.h"

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>

namespace parley::bench {

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

} // namespace parley::bench
