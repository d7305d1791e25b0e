// SPDX-License-Identifier: GPL-3.0-or-later
#include "histogram.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace parley::bench {

namespace {
constexpr int ExactBuckets = 256;
constexpr int SubBuckets = 128;
constexpr int Octaves = 56; // enough for any 64-bit value
} // namespace

Histogram::Histogram()
    : m_counts(ExactBuckets + Octaves * SubBuckets, 0)
{ }

int Histogram::indexOf(std::uint64_t value)
{
    if (value < ExactBuckets)
        return int(value);
    const int msb = 63 - std::countl_zero(value);
    const int shift = msb - 7; // keeps the top 8 bits: 128..255
    const auto top = int(value >> shift);
    return ExactBuckets + (shift - 1) * SubBuckets + (top - SubBuckets);
}

std::uint64_t Histogram::valueAt(int index)
{
    if (index < ExactBuckets)
        return std::uint64_t(index);
    const int shift = (index - ExactBuckets) / SubBuckets + 1;
    const auto top = std::uint64_t((index - ExactBuckets) % SubBuckets + SubBuckets);
    return (top << shift) + (std::uint64_t(1) << shift) / 2; // the bucket's middle
}

void Histogram::record(std::int64_t ns)
{
    const auto value = std::uint64_t(std::max<std::int64_t>(ns, 0));
    ++m_counts[std::size_t(indexOf(value))];
    ++m_count;
    m_max = std::max(m_max, value);
    m_sum += double(value);
}

void Histogram::merge(const Histogram &other)
{
    for (std::size_t i = 0; i < m_counts.size(); ++i)
        m_counts[i] += other.m_counts[i];
    m_count += other.m_count;
    m_max = std::max(m_max, other.m_max);
    m_sum += other.m_sum;
}

double Histogram::percentileMs(double percent) const
{
    if (m_count == 0)
        return 0;
    const auto rank =
        std::max<std::uint64_t>(1, std::uint64_t(std::ceil(percent / 100.0 * double(m_count))));
    std::uint64_t seen = 0;
    for (std::size_t i = 0; i < m_counts.size(); ++i) {
        seen += m_counts[i];
        if (seen >= rank)
            return double(std::min(valueAt(int(i)), m_max)) / 1e6;
    }
    return maxMs();
}

double Histogram::meanMs() const
{
    return m_count == 0 ? 0 : m_sum / double(m_count) / 1e6;
}

double Histogram::maxMs() const
{
    return double(m_max) / 1e6;
}

} // namespace parley::bench
