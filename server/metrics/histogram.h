// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>

namespace parley::server {

// Cumulative Prometheus histogram counts. Not locked: Metrics guards every one with its mutex.
class Histogram
{
public:
    // Upper bounds in seconds, 1 ms to 2.5 s: the range a chat request or a SQLite job lives in.
    static const QList<double> &bounds();

    void observe(double seconds);
    // The _bucket, _sum and _count lines of `name`; `labels` ("op=\"x\"") go before `le`.
    QByteArray exposition(const QByteArray &name, const QByteArray &labels) const;

private:
    QList<quint64> m_buckets = QList<quint64>(bounds().size(), 0); // not cumulative
    quint64 m_count = 0;
    double m_sum = 0;
};

} // namespace parley::server
