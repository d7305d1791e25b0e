// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <vector>

namespace parley::bench {

// A latency histogram in nanoseconds with under 1% error per bucket (exact below 256 ns, then 128
// buckets per power of two), cheap enough to record every delivery and mergeable across threads.
class Histogram
{
public:
    Histogram();

    void record(std::int64_t ns);
    void merge(const Histogram &other);

    std::uint64_t count() const { return m_count; }
    double percentileMs(double percent) const; // 0 when empty
    double meanMs() const;
    double maxMs() const;

private:
    static int indexOf(std::uint64_t value);
    static std::uint64_t valueAt(int index);

    std::vector<std::uint64_t> m_counts;
    std::uint64_t m_count = 0;
    std::uint64_t m_max = 0;
    double m_sum = 0;
};

} // namespace parley::bench
