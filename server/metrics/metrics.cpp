// SPDX-License-Identifier: GPL-3.0-or-later
#include "metrics.h"

#include <QMutexLocker>

namespace parley::server {

namespace {

QByteArray header(const QByteArray &name, const QByteArray &type, const QByteArray &help)
{
    return "# HELP " + name + ' ' + help + "\n# TYPE " + name + ' ' + type + '\n';
}

// Label values are op names, error codes and the version: escape anyway, per the format.
QByteArray labelValue(const QString &value)
{
    QByteArray out = value.toUtf8();
    out.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n");
    return '"' + out + '"';
}

} // namespace

Metrics &Metrics::instance()
{
    static Metrics metrics;
    return metrics;
}

void Metrics::observeRequest(const QString &op, double seconds)
{
    const QMutexLocker lock(&m_mutex);
    m_requests[op].observe(seconds);
}

void Metrics::countError(const QString &code)
{
    const QMutexLocker lock(&m_mutex);
    ++m_errors[code];
}

void Metrics::countMessageStored()
{
    const QMutexLocker lock(&m_mutex);
    ++m_messagesStored;
}

void Metrics::countMessagesDelivered(qint64 frames)
{
    const QMutexLocker lock(&m_mutex);
    m_messagesDelivered += quint64(frames);
}

void Metrics::observeStoreJob(double seconds)
{
    const QMutexLocker lock(&m_mutex);
    m_store.observe(seconds);
}

void Metrics::countStoreCommit()
{
    const QMutexLocker lock(&m_mutex);
    ++m_storeCommits;
}

QByteArray Metrics::exposition(int connections, const QString &version) const
{
    const QMutexLocker lock(&m_mutex);
    QByteArray out;
    out += header("parley_build_info", "gauge", "The server's version; always 1.");
    out += "parley_build_info{version=" + labelValue(version) + "} 1\n";
    out += header("parley_connections", "gauge", "Open WebSocket connections.");
    out += "parley_connections " + QByteArray::number(connections) + '\n';
    out += header("parley_messages_stored_total", "counter", "Messages stored (message.send).");
    out += "parley_messages_stored_total " + QByteArray::number(m_messagesStored) + '\n';
    out += header("parley_messages_delivered_total", "counter",
                  "message.new frames sent to connections.");
    out += "parley_messages_delivered_total " + QByteArray::number(m_messagesDelivered) + '\n';
    out += header("parley_request_duration_seconds", "histogram",
                  "Time from a request's arrival to its answer, by op.");
    for (auto it = m_requests.cbegin(); it != m_requests.cend(); ++it)
        out +=
            it.value().exposition("parley_request_duration_seconds", "op=" + labelValue(it.key()));
    out += header("parley_errors_total", "counter", "Error answers, by error code.");
    for (auto it = m_errors.cbegin(); it != m_errors.cend(); ++it)
        out += "parley_errors_total{code=" + labelValue(it.key()) + "} "
            + QByteArray::number(it.value()) + '\n';
    out += header("parley_store_duration_seconds", "histogram",
                  "Time each store job spends on the store thread; a batch's commit is shared "
                  "by its jobs.");
    out += m_store.exposition("parley_store_duration_seconds", {});
    out += header("parley_store_commits_total", "counter",
                  "Write transactions committed to disk (one sync each); concurrent sends share "
                  "one.");
    out += "parley_store_commits_total " + QByteArray::number(m_storeCommits) + '\n';
    return out;
}

} // namespace parley::server
