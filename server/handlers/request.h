// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "error.h"
#include "realtime/clientconnection.h"

#include <QJsonObject>
#include <QPointer>
#include <QString>

#include <memory>

namespace parley::server {

// One decoded request and the way to answer it. Answers to a connection that has gone, and to
// requests sent without an id, go nowhere.
class Request
{
public:
    // `op` names the request in the metrics; empty for requests that reach no handler.
    Request(ClientConnection *connection, QString id, QJsonObject data, QString op = {});

    const QJsonObject &data() const { return m_data; }
    ClientConnection *connection() const { return m_connection.data(); }
    // The signed-in user and session at the time the request arrived.
    const QString &userId() const { return m_userId; }
    const QString &sessionId() const { return m_sessionId; }

    void ok(const QJsonObject &data = {}) const;
    void fail(const Error &error) const;
    void fail(ErrorCode code, const QString &message) const { fail(Error::make(code, message)); }

private:
    struct Timing;
    void record(const Error *error) const;

    std::shared_ptr<Timing> m_timing; // shared by the copies the handlers keep
    QPointer<ClientConnection> m_connection;
    QString m_id;
    QJsonObject m_data;
    QString m_userId;
    QString m_sessionId;
};

} // namespace parley::server
