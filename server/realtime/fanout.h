// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "operations.h"
#include "types.h"

#include <QHash>
#include <QStringList>

namespace parley::server {

class ClientConnection;
class ConnectionRegistry;

// Turns changes into events for the users who may see them, and adds live presence to the users
// the store returns.
class Fanout
{
public:
    explicit Fanout(const ConnectionRegistry &registry);

    User withPresence(User user) const;
    Chat withPresence(Chat chat) const;
    QList<User> withPresence(QList<User> users) const;
    QList<Chat> withPresence(QList<Chat> chats) const;

    // message.new / message.updated: one frame for every member.
    void message(Event event, const Message &message, const QStringList &memberIds) const;
    // chat.updated: each member gets the chat as that member sees it.
    void chatUpdated(const QHash<QString, Chat> &viewsByUser) const;
    void chatRemoved(const QString &userId, const QString &chatId) const;
    void read(const QString &chatId, const QString &userId, qint64 lastReadSeq,
              const QStringList &memberIds) const;
    void presence(const QString &userId, bool online, const QStringList &contactIds) const;
    // user.updated: the user's contacts and the user's other connections (not `except`, the one
    // that made the change and has it in its answer).
    void userUpdated(const User &user, const QStringList &contactIds,
                     const ClientConnection *except) const;

private:
    const ConnectionRegistry &m_registry;
};

} // namespace parley::server
