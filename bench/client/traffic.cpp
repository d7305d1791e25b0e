// SPDX-License-Identifier: GPL-3.0-or-later
#include "traffic.h"

#include "clock.h"
#include "connection.h"
#include "json.h"
#include "wire.h"

#include <algorithm>
#include <charconv>
#include <chrono>

namespace parley::bench {

namespace {

constexpr std::string_view Marker = "bench ";

// Parses "bench <step> <sendNs> <senderConnection> ..." from a message's raw content.
bool parseContent(std::string_view raw, int *step, std::int64_t *sendNs, std::uint32_t *sender)
{
    if (raw.size() < 2 || raw.front() != '"')
        return false;
    raw = raw.substr(1);
    if (raw.substr(0, Marker.size()) != Marker)
        return false;
    const char *p = raw.data() + Marker.size();
    const char *end = raw.data() + raw.size();
    auto next = [&](auto &value) {
        const auto result = std::from_chars(p, end, value);
        if (result.ec != std::errc())
            return false;
        p = result.ptr + 1; // the space after
        return p <= end;
    };
    return next(*step) && next(*sendNs) && next(*sender);
}

} // namespace

Traffic::Traffic(boost::asio::io_context &context, const Wire &wire, const BurstWindow &burst,
                 std::string runTag, int contentBytes)
    : m_timer(context)
    , m_wire(wire)
    , m_burst(burst)
    , m_runTag(std::move(runTag))
    , m_padding(std::size_t(std::max(0, contentBytes - 40)), 'x')
{ }

void Traffic::watch(Connection &connection)
{
    connection.setMessageHandler(
        [this](Connection &receiver, std::string_view message) { onMessage(receiver, message); });
}

void Traffic::startStep(int step, double rate, std::int64_t endNs, std::size_t maxOutstanding)
{
    m_stats = StepStats();
    m_step = step;
    m_rate = rate;
    m_startNs = monotonicNs();
    m_endNs = endNs;
    m_issued = 0;
    m_maxOutstanding = std::max<std::size_t>(1, maxOutstanding);
    m_sending = !m_slots.empty() && rate > 0;
    if (m_sending)
        tick();
}

StepStats Traffic::takeStats()
{
    StepStats stats = std::move(m_stats);
    m_stats = StepStats();
    return stats;
}

void Traffic::tick()
{
    const std::int64_t now = monotonicNs();
    if (now >= m_endNs) {
        m_sending = false;
        return;
    }
    // Open loop: what the elapsed time calls for is sent now, whatever came back so far.
    const auto due = std::uint64_t(secondsBetween(m_startNs, now) * m_rate) + 1;
    while (m_issued < due) {
        sendFrom(m_slots[m_nextSlot]);
        m_nextSlot = (m_nextSlot + 1) % m_slots.size();
        ++m_issued;
    }
    m_timer.expires_after(std::chrono::milliseconds(1));
    m_timer.async_wait([this](boost::system::error_code ec) {
        if (!ec)
            tick();
    });
}

void Traffic::sendFrom(Slot &slot)
{
    Connection &connection = *slot.connection;
    if (!connection.isOpen() || connection.pendingRequests() >= m_maxOutstanding) {
        ++m_stats.skipped;
        return;
    }
    const std::int64_t sendNs = monotonicNs();
    std::string content = std::string(Marker) + std::to_string(m_step) + ' '
        + std::to_string(sendNs) + ' ' + std::to_string(connection.index()) + ' ' + m_padding;
    const std::string clientId =
        m_runTag + '-' + std::to_string(connection.index()) + '-' + std::to_string(++slot.sequence);
    ++m_stats.sent;
    ++m_unanswered;
    m_stats.firstSendNs = std::min(m_stats.firstSendNs, sendNs);
    m_stats.lastSendNs = sendNs;
    const int step = m_step;
    const std::uint64_t recipients = slot.recipients;
    connection.request(
        [&](std::uint64_t id) { return m_wire.sendMessage(id, slot.chatId, clientId, content); },
        [this, step, sendNs, recipients](Connection &, const Incoming &in) {
            --m_unanswered;
            if (step != m_step)
                return; // an answer to an earlier step, after its report
            const std::int64_t now = monotonicNs();
            if (in.ok) {
                ++m_stats.acked;
                m_stats.expectedDeliveries += recipients;
                m_stats.ack.record(now - sendNs);
                m_stats.lastAckNs = now;
            } else {
                ++m_stats.failed;
                ++m_stats.errors[json::text(json::member(in.error, "code"))];
            }
        });
}

void Traffic::onMessage(Connection &receiver, std::string_view message)
{
    const std::int64_t now = monotonicNs();
    int step = -1;
    std::int64_t sendNs = 0;
    std::uint32_t sender = 0;
    if (!parseContent(json::member(message, "content"), &step, &sendNs, &sender))
        return;
    if (sender == receiver.index())
        return; // the sender's own connection: not a delivery to a recipient
    if (step != m_step) {
        ++m_stats.stale;
        return;
    }
    const std::int64_t latency = now - sendNs;
    ++m_stats.deliveries;
    m_stats.lastDeliveryNs = now;
    m_stats.delivery.record(latency);
    if (sendNs < m_burst.startNs.load(std::memory_order_relaxed))
        m_stats.deliveryBefore.record(latency);
    else if (sendNs <= m_burst.endNs.load(std::memory_order_relaxed))
        m_stats.deliveryDuring.record(latency);
    else
        m_stats.deliveryAfter.record(latency);
}

} // namespace parley::bench
