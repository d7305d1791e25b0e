// SPDX-License-Identifier: GPL-3.0-or-later
#include "histogram.h"

namespace parley::server {

const QList<double> &Histogram::bounds()
{
    static const QList<double> upper{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                     0.1,   0.25,   0.5,   1.0,  2.5};
    return upper;
}

void Histogram::observe(double seconds)
{
    const QList<double> &upper = bounds();
    for (qsizetype i = 0; i < upper.size(); ++i) {
        if (seconds <= upper.at(i)) {
            ++m_buckets[i];
            break;
        }
    }
    ++m_count;
    m_sum += seconds;
}

QByteArray Histogram::exposition(const QByteArray &name, const QByteArray &labels) const
{
    const QByteArray prefix = labels.isEmpty() ? QByteArray() : labels + ',';
    const QByteArray braces = labels.isEmpty() ? QByteArray() : '{' + labels + '}';
    QByteArray out;
    quint64 cumulative = 0;
    const QList<double> &upper = bounds();
    for (qsizetype i = 0; i < upper.size(); ++i) {
        cumulative += m_buckets.at(i);
        out += name + "_bucket{" + prefix + "le=\"" + QByteArray::number(upper.at(i), 'g', 6)
            + "\"} " + QByteArray::number(cumulative) + '\n';
    }
    out += name + "_bucket{" + prefix + "le=\"+Inf\"} " + QByteArray::number(m_count) + '\n';
    out += name + "_sum" + braces + ' ' + QByteArray::number(m_sum, 'g', 12) + '\n';
    out += name + "_count" + braces + ' ' + QByteArray::number(m_count) + '\n';
    return out;
}

} // namespace parley::server
