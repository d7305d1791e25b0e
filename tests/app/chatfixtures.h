// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "types.h"

#include <QJsonObject>

// Users, chats and messages as the server would send them, for tests that play the server by
// hand. The signed-in user is always Me ("Alice").
namespace parley::test::fixtures {

using namespace Qt::StringLiterals;

inline const QString Me = u"u1"_s;

inline User user(const QString &id, const QString &name, const QString &avatar = {})
{
    return {id, name, name.toLower().remove(u' ') + u"@example.org"_s, avatar, true};
}

inline QDateTime at(int minute)
{
    return QDateTime(QDate(2026, 11, 28), QTime(10, 0), Qt::UTC).addSecs(minute * 60);
}

inline Chat direct(const QString &id, const User &other, int minute)
{
    Chat chat;
    chat.id = id;
    chat.members = {user(Me, u"Alice"_s), other};
    chat.lastActivity = at(minute);
    return chat;
}

inline Chat group(const QString &id, const QString &name, const QList<User> &others, int minute)
{
    Chat chat;
    chat.id = id;
    chat.isGroup = true;
    chat.name = name;
    chat.adminId = Me;
    chat.members = QList<User>{user(Me, u"Alice"_s)} + others;
    chat.lastActivity = at(minute);
    return chat;
}

inline Message message(const QString &chatId, qint64 seq, const User &sender, const QString &text,
                       int minute)
{
    Message m;
    m.id = chatId + u'-' + QString::number(seq);
    m.chatId = chatId;
    m.seq = seq;
    m.sender = {sender.id, sender.name, sender.avatar};
    m.content = text;
    m.clientId = m.id;
    m.createdAt = at(minute);
    return m;
}

// `chat` with its newest message at seq `latest`, of which the viewer has not read the last
// `unread`.
inline Chat chatWithUnread(Chat chat, qint64 latest, qint64 unread)
{
    chat.latestMessage = message(chat.id, latest, chat.members.value(1), u"latest"_s, 0);
    chat.lastReadSeq = latest - unread;
    chat.unreadCount = unread;
    return chat;
}

// The data of a message.new or message.updated event.
inline QJsonObject messageEvent(const Message &m)
{
    return {{u"message"_s, m.toJson()}};
}

} // namespace parley::test::fixtures
