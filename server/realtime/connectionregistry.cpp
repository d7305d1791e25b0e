// SPDX-License-Identifier: GPL-3.0-or-later
#include "connectionregistry.h"

#include "clientconnection.h"

namespace parley::server {

void ConnectionRegistry::add(ClientConnection *connection)
{
    m_all.insert(connection);
    ++m_perAddress[connection->peerKey()];
}

void ConnectionRegistry::remove(ClientConnection *connection)
{
    if (!m_all.remove(connection))
        return;
    const auto it = m_perAddress.find(connection->peerKey());
    if (it != m_perAddress.end() && --*it <= 0)
        m_perAddress.erase(it);
    unbind(connection);
}

void ConnectionRegistry::bind(ClientConnection *connection, const QString &userId,
                              const QString &sessionId)
{
    if (connection->userId() == userId) {
        connection->setIdentity(userId, sessionId);
        return;
    }
    unbind(connection);
    connection->setIdentity(userId, sessionId);
    auto &list = m_byUser[userId];
    list.append(connection);
    if (list.size() == 1)
        emit userOnline(userId);
}

void ConnectionRegistry::unbind(ClientConnection *connection)
{
    const QString userId = connection->userId();
    if (userId.isEmpty())
        return;
    auto it = m_byUser.find(userId);
    if (it == m_byUser.end())
        return;
    it->removeOne(connection);
    if (it->isEmpty()) {
        m_byUser.erase(it);
        emit userOffline(userId);
    }
}

QList<ClientConnection *> ConnectionRegistry::connectionsOf(const QString &userId) const
{
    return m_byUser.value(userId);
}

void ConnectionRegistry::sendToUsers(const QStringList &userIds, const QByteArray &frame,
                                     const ClientConnection *except) const
{
    const QString text = QString::fromUtf8(frame);
    for (const QString &userId : userIds) {
        const auto it = m_byUser.constFind(userId);
        if (it == m_byUser.constEnd())
            continue;
        // A copy: a connection that closes while it is sent to leaves the list (the pointers
        // stay valid, connections are deleted later).
        const QList<ClientConnection *> connections = *it;
        for (ClientConnection *connection : connections) {
            if (connection != except)
                connection->sendText(text);
        }
    }
}

void ConnectionRegistry::sendToUser(const QString &userId, const QByteArray &frame) const
{
    sendToUsers({userId}, frame);
}

void ConnectionRegistry::closeSessions(const QStringList &sessionIds,
                                       QWebSocketProtocol::CloseCode code,
                                       const QString &reason) const
{
    if (sessionIds.isEmpty())
        return;
    const QSet<QString> wanted(sessionIds.begin(), sessionIds.end());
    // Closing can take a connection out of m_all at once: not while iterating it.
    const QList<ClientConnection *> connections(m_all.cbegin(), m_all.cend());
    for (ClientConnection *connection : connections) {
        if (connection->isAuthenticated() && wanted.contains(connection->sessionId()))
            connection->close(code, reason);
    }
}

void ConnectionRegistry::closeUser(const QString &userId, QWebSocketProtocol::CloseCode code,
                                   const QString &reason) const
{
    for (ClientConnection *connection : connectionsOf(userId))
        connection->close(code, reason);
}

} // namespace parley::server
