// SPDX-License-Identifier: GPL-3.0-or-later
#include "request.h"

#include "frame.h"
#include "metrics/metrics.h"
#include "operations.h"

#include <QElapsedTimer>

namespace parley::server {

struct Request::Timing
{
    QString op;
    QElapsedTimer sinceArrival;
    bool answered = false;
};

Request::Request(ClientConnection *connection, QString id, QJsonObject data, QString op)
    : m_timing(std::make_shared<Timing>())
    , m_connection(connection)
    , m_id(std::move(id))
    , m_data(std::move(data))
    , m_userId(connection->userId())
    , m_sessionId(connection->sessionId())
{
    m_timing->op = std::move(op);
    m_timing->sinceArrival.start();
}

// Only the first answer counts: a request is answered once.
void Request::record(const Error *error) const
{
    if (m_timing->answered)
        return;
    m_timing->answered = true;
    Metrics &metrics = Metrics::instance();
    if (error)
        metrics.countError(errorCodeName(error->code));
    if (m_timing->op.isEmpty())
        return;
    metrics.observeRequest(m_timing->op, double(m_timing->sinceArrival.nsecsElapsed()) / 1e9);
}

void Request::ok(const QJsonObject &data) const
{
    record(nullptr);
    if (m_connection && !m_id.isNull())
        m_connection->sendFrame(encodeOk(m_id, data));
}

void Request::fail(const Error &error) const
{
    record(&error);
    if (m_connection && !m_id.isNull())
        m_connection->sendFrame(encodeError(m_id, error));
}

} // namespace parley::server
