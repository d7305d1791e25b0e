// SPDX-License-Identifier: GPL-3.0-or-later
#include "ratelimiter.h"

#include <algorithm>

namespace parley::server {

RateLimiter::RateLimiter(int maxEvents, std::chrono::milliseconds window)
    : m_maxEvents(maxEvents)
    , m_windowMs(window.count())
{
    Q_ASSERT(maxEvents > 0);
    Q_ASSERT(window.count() > 0);
}

std::optional<qint64> RateLimiter::retryAfterMs(const QString &key, qint64 nowMs) const
{
    const auto it = m_events.constFind(key);
    if (it == m_events.cend() || it->size() < m_maxEvents)
        return std::nullopt;
    // The list is full, so its oldest event is the one that has to leave the window.
    const qint64 oldest = it->constFirst();
    if (!inWindow(oldest, nowMs))
        return std::nullopt;
    return std::max<qint64>(1, oldest + m_windowMs - nowMs);
}

void RateLimiter::record(const QString &key, qint64 nowMs)
{
    QList<qint64> &events = m_events[key];
    events.append(nowMs);
    if (events.size() > m_maxEvents)
        events.removeFirst();
}

void RateLimiter::reset(const QString &key)
{
    m_events.remove(key);
}

void RateLimiter::prune(qint64 nowMs)
{
    m_events.removeIf(
        [&](const auto &entry) { return !inWindow(entry.value().constLast(), nowMs); });
}

int RateLimiter::size() const
{
    return int(m_events.size());
}

} // namespace parley::server
