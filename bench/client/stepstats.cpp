// SPDX-License-Identifier: GPL-3.0-or-later
#include "stepstats.h"

#include <algorithm>

namespace parley::bench {

void StepStats::merge(const StepStats &other)
{
    sent += other.sent;
    acked += other.acked;
    failed += other.failed;
    skipped += other.skipped;
    deliveries += other.deliveries;
    expectedDeliveries += other.expectedDeliveries;
    stale += other.stale;
    firstSendNs = std::min(firstSendNs, other.firstSendNs);
    lastSendNs = std::max(lastSendNs, other.lastSendNs);
    lastAckNs = std::max(lastAckNs, other.lastAckNs);
    lastDeliveryNs = std::max(lastDeliveryNs, other.lastDeliveryNs);
    ack.merge(other.ack);
    delivery.merge(other.delivery);
    deliveryBefore.merge(other.deliveryBefore);
    deliveryDuring.merge(other.deliveryDuring);
    deliveryAfter.merge(other.deliveryAfter);
    for (const auto &[code, count] : other.errors)
        errors[code] += count;
}

} // namespace parley::bench
