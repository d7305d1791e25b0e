// SPDX-License-Identifier: GPL-3.0-or-later
#include "backoff.h"

#include <QRandomGenerator>

#include <algorithm>

namespace parley::client {

Backoff::Backoff(Duration first, Duration cap)
    : m_first(first)
    , m_cap(cap)
{ }

Backoff::Duration Backoff::next()
{
    // 2^attempts grows past any cap quickly; stop doubling once the cap is reached.
    Duration step = m_first;
    for (int i = 0; i < m_attempts && step < m_cap; ++i)
        step *= 2;
    step = std::min(step, m_cap);
    ++m_attempts;
    const auto half = step.count() / 2;
    const auto jitter =
        static_cast<qint64>(QRandomGenerator::global()->bounded(static_cast<quint64>(half + 1)));
    return Duration(step.count() - half + jitter);
}

void Backoff::reset()
{
    m_attempts = 0;
}

} // namespace parley::client
