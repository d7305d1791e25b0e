// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

#include <optional>

namespace parley::server {

// A burst allowance that refills at a steady rate: the shape of a client's fair share of
// messages or typing events.
class TokenBucket
{
public:
    TokenBucket(double burst, double perSecond);

    // Takes one token at nowMs; when none is left, the milliseconds until one will be.
    std::optional<qint64> take(qint64 nowMs);

private:
    double m_burst;
    double m_perSecond;
    double m_tokens;
    qint64 m_lastMs = -1;
};

} // namespace parley::server
