#include "request.h"

#include "frame.h"

namespace parley::server {

Request::Request(ClientConnection *connection, QString id, QJsonObject data)
    : m_connection(connection)
    , m_id(std::move(id))
    , m_data(std::move(data))
    , m_userId(connection->userId())
    , m_sessionId(connection->sessionId())
{ }

void Request::ok(const QJsonObject &data) const
{
    if (m_connection && !m_id.isNull())
        m_connection->sendFrame(encodeOk(m_id, data));
}

void Request::fail(const Error &error) const
{
    if (m_connection && !m_id.isNull())
        m_connection->sendFrame(encodeError(m_id, error));
}

} // namespace parley::server
