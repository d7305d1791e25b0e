// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "stepstats.h"

#include <atomic>
#include <boost/asio/steady_timer.hpp>
#include <cstdint>
#include <string>
#include <vector>

namespace parley::bench {

class Connection;
class Wire;

// The window of a login burst, set by the main thread and read by every worker to file each
// delivery under before / during / after by its send time.
struct BurstWindow
{
    std::atomic<std::int64_t> startNs{std::numeric_limits<std::int64_t>::max()};
    std::atomic<std::int64_t> endNs{std::numeric_limits<std::int64_t>::max()};
};

// One worker's share of the message traffic: it sends at its share of the target rate from the
// sending slots it was given, and times every delivery its connections receive. Lives on, and is
// used only from, the worker's thread.
class Traffic
{
public:
    struct Slot
    {
        Connection *connection = nullptr; // a member's connection that sends
        std::string chatId;
        std::uint64_t recipients = 0; // connections that must receive each message
        std::uint64_t sequence = 0; // for client ids
    };

    Traffic(boost::asio::io_context &context, const Wire &wire, const BurstWindow &burst,
            std::string runTag, int contentBytes);

    void addSlot(Slot slot) { m_slots.push_back(std::move(slot)); }
    std::size_t slotCount() const { return m_slots.size(); }
    void watch(Connection &connection); // time what this connection receives

    // Sends `rate` messages per second from now until `endNs`, no more than `maxOutstanding`
    // unanswered per connection.
    void startStep(int step, double rate, std::int64_t endNs, std::size_t maxOutstanding);
    struct Progress
    {
        std::uint64_t unanswered = 0;
        std::uint64_t deliveries = 0;
        std::uint64_t expectedDeliveries = 0;
    };
    Progress progress() const
    {
        return {m_unanswered, m_stats.deliveries, m_stats.expectedDeliveries};
    }
    StepStats takeStats();

private:
    void tick();
    void sendFrom(Slot &slot);
    void onMessage(Connection &receiver, std::string_view message);

    boost::asio::steady_timer m_timer;
    const Wire &m_wire;
    const BurstWindow &m_burst;
    std::string m_runTag;
    std::string m_padding;
    std::vector<Slot> m_slots;
    std::size_t m_nextSlot = 0;
    int m_step = -1;
    double m_rate = 0;
    std::int64_t m_startNs = 0;
    std::int64_t m_endNs = 0;
    std::uint64_t m_issued = 0;
    std::size_t m_maxOutstanding = 0;
    std::uint64_t m_unanswered = 0;
    bool m_sending = false;
    StepStats m_stats;
};

} // namespace parley::bench
