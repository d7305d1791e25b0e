// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <chrono>

namespace parley::client {

// Exponential reconnect delays with jitter: about 0.5 s, 1 s, 2 s, … capped at 30 s, each drawn
// between half and all of its step so that clients dropped together do not return together.
class Backoff
{
public:
    using Duration = std::chrono::milliseconds;

    explicit Backoff(Duration first = Duration(500), Duration cap = Duration(30'000));

    // The delay before the next attempt; each call doubles the step up to the cap.
    Duration next();
    void reset();
    int attempts() const { return m_attempts; }

private:
    Duration m_first;
    Duration m_cap;
    int m_attempts = 0;
};

} // namespace parley::client
