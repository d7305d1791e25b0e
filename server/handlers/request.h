#pragma once

#include "error.h"
#include "realtime/clientconnection.h"

#include <QJsonObject>
#include <QPointer>
#include <QString>

namespace parley::server {

// One decoded request and the way to answer it. Answers to a connection that has gone, and to
// requests sent without an id, go nowhere.
class Request
{
public:
    Request(ClientConnection *connection, QString id, QJsonObject data);

    const QJsonObject &data() const { return m_data; }
    ClientConnection *connection() const { return m_connection.data(); }
    // The signed-in user and session at the time the request arrived.
    const QString &userId() const { return m_userId; }
    const QString &sessionId() const { return m_sessionId; }

    void ok(const QJsonObject &data = {}) const;
    void fail(const Error &error) const;
    void fail(ErrorCode code, const QString &message) const { fail(Error::make(code, message)); }

private:
    QPointer<ClientConnection> m_connection;
    QString m_id;
    QJsonObject m_data;
    QString m_userId;
    QString m_sessionId;
};

} // namespace parley::server
