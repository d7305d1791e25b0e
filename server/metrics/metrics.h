// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "histogram.h"

#include <QByteArray>
#include <QMap>
#include <QMutex>
#include <QString>

namespace parley::server {

// The process's Prometheus metrics, like a client library's default registry: the dispatcher,
// the fan-out and the store thread record into it without being handed anything, from any
// thread. The server that answers /metrics adds its own connection count.
class Metrics
{
public:
    static Metrics &instance();

    void observeRequest(const QString &op, double seconds);
    void countError(const QString &code);
    void countMessageStored();
    void countMessagesDelivered(qint64 frames);
    void observeStoreJob(double seconds); // called on the store thread
    // A write transaction reached the disk: with group commit, one for many store jobs.
    void countStoreCommit();

    // Text exposition format 0.0.4.
    QByteArray exposition(int connections, const QString &version) const;

private:
    mutable QMutex m_mutex;
    QMap<QString, Histogram> m_requests; // by op
    QMap<QString, quint64> m_errors; // by error code
    quint64 m_messagesStored = 0;
    quint64 m_messagesDelivered = 0;
    quint64 m_storeCommits = 0;
    Histogram m_store;
};

} // namespace parley::server
