// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QWebSocketProtocol>

namespace parley::server {

class ClientConnection;

// Every open connection, indexed by signed-in user, and the fan-out of frames to users. A user is
// online while at least one of its connections is signed in.
class ConnectionRegistry : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    void add(ClientConnection *connection);
    void remove(ClientConnection *connection);
    // Signs a connection in as userId (moving it from the user it had, if any).
    void bind(ClientConnection *connection, const QString &userId, const QString &sessionId);

    int count() const { return int(m_all.size()); }
    int countFrom(const QString &peerKey) const { return m_perAddress.value(peerKey); }
    const QSet<ClientConnection *> &all() const { return m_all; }
    bool isOnline(const QString &userId) const { return m_byUser.contains(userId); }
    QList<ClientConnection *> connectionsOf(const QString &userId) const;

    // The same bytes to every connection of these users: the frame is built once.
    void sendToUsers(const QStringList &userIds, const QByteArray &frame,
                     const ClientConnection *except = nullptr) const;
    void sendToUser(const QString &userId, const QByteArray &frame) const;

    void closeSessions(const QStringList &sessionIds, QWebSocketProtocol::CloseCode code,
                       const QString &reason) const;
    void closeUser(const QString &userId, QWebSocketProtocol::CloseCode code,
                   const QString &reason) const;

signals:
    void userOnline(const QString &userId);
    void userOffline(const QString &userId);

private:
    void unbind(ClientConnection *connection);

    QSet<ClientConnection *> m_all;
    QHash<QString, int> m_perAddress;
    QHash<QString, QList<ClientConnection *>> m_byUser;
};

} // namespace parley::server
