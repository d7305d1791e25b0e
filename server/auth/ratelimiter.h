// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QList>
#include <QString>

#include <chrono>
#include <optional>

namespace parley::server {

// A sliding-window limit per key (an account, an address): at most maxEvents events within any
// window. Time is passed in, so callers and tests decide what "now" is. Not thread-safe: one
// limiter belongs to one thread.
class RateLimiter
{
public:
    RateLimiter(int maxEvents, std::chrono::milliseconds window);

    // Null when one more event is allowed now; else how long until it is (at least 1 ms).
    std::optional<qint64> retryAfterMs(const QString &key, qint64 nowMs) const;
    void record(const QString &key, qint64 nowMs);
    void reset(const QString &key);
    // Forgets keys whose events have all left the window; call now and then to bound memory.
    void prune(qint64 nowMs);
    // How many keys are remembered.
    int size() const;

private:
    // An event at time t counts while nowMs < t + window.
    bool inWindow(qint64 eventMs, qint64 nowMs) const { return nowMs - eventMs < m_windowMs; }

    int m_maxEvents;
    qint64 m_windowMs;
    // Per key, the times of at most the latest maxEvents events, oldest first; older ones can
    // never decide a limit again.
    QHash<QString, QList<qint64>> m_events;
};

} // namespace parley::server
