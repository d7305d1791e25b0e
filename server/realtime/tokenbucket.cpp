// SPDX-License-Identifier: GPL-3.0-or-later
#include "tokenbucket.h"

#include <algorithm>
#include <cmath>

namespace parley::server {

TokenBucket::TokenBucket(double burst, double perSecond)
    : m_burst(std::max(1.0, burst))
    , m_perSecond(std::max(0.001, perSecond))
    , m_tokens(m_burst)
{ }

std::optional<qint64> TokenBucket::take(qint64 nowMs)
{
    if (m_lastMs >= 0 && nowMs > m_lastMs)
        m_tokens = std::min(m_burst, m_tokens + double(nowMs - m_lastMs) * m_perSecond / 1000.0);
    m_lastMs = std::max(m_lastMs, nowMs);
    if (m_tokens >= 1.0) {
        m_tokens -= 1.0;
        return std::nullopt;
    }
    return std::max<qint64>(1, qint64(std::ceil((1.0 - m_tokens) * 1000.0 / m_perSecond)));
}

} // namespace parley::server
