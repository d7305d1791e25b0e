// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "histogram.h"

#include <cstdint>
#include <limits>
#include <map>
#include <string>

namespace parley::bench {

// What one worker saw during one traffic step; merged over workers for the report.
struct StepStats
{
    std::uint64_t sent = 0;
    std::uint64_t acked = 0;
    std::uint64_t failed = 0;
    std::uint64_t skipped = 0; // not sent: the connection had too many sends unanswered
    std::uint64_t deliveries = 0;
    std::uint64_t expectedDeliveries = 0; // recipients of every acknowledged message
    std::uint64_t stale = 0; // deliveries of an earlier step, arriving late
    std::int64_t firstSendNs = std::numeric_limits<std::int64_t>::max();
    std::int64_t lastSendNs = 0;
    std::int64_t lastAckNs = 0;
    std::int64_t lastDeliveryNs = 0;
    Histogram ack; // send → response
    Histogram delivery; // send → receipt, per recipient connection
    // delivery split by send time around a login burst: before it, while it lasts, after it
    Histogram deliveryBefore;
    Histogram deliveryDuring;
    Histogram deliveryAfter;
    std::map<std::string, std::uint64_t> errors; // failed sends by error code

    void merge(const StepStats &other);
};

} // namespace parley::bench
