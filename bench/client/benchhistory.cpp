// SPDX-License-Identifier: GPL-3.0-or-later
// The history stage: pages of one chat's history, asked for from random points.
#include "bench.h"
#include "clock.h"
#include "json.h"
#include "latch.h"
#include "worker.h"

#include <algorithm>
#include <memory>
#include <mutex>
#include <random>

namespace parley::bench {

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

} // namespace parley::bench
