// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store.h"

namespace parley::server {

class SqliteDatabase;

// Chats, their members and read markers. Every change of a chat's name, members or admin takes a
// revision and records, for each user it concerns, a chat change that sync reports.
class SqliteChats
{
public:
    explicit SqliteChats(SqliteDatabase &db);

    std::optional<Store::ChatInfo> info(const QString &chatId);
    Chat direct(const QString &userId, const QString &otherId, const QDateTime &now, bool *created);
    Chat createGroup(const QString &adminId, const QString &name, const QStringList &memberIds,
                     const QDateTime &now);
    std::optional<Chat> chat(const QString &chatId, const QString &viewerId);
    QList<Chat> chatsOf(const QString &userId);
    // The chats among chatIds that viewerId is a member of, most recent activity first.
    QList<Chat> memberChats(const QString &viewerId, const QList<qint64> &chatIds);

    void rename(const QString &chatId, const QString &name, const QDateTime &now);
    void addMember(const QString &chatId, const QString &userId, const QDateTime &now);
    QString removeMember(const QString &chatId, const QString &userId, const QDateTime &now);
    qint64 markRead(const QString &chatId, const QString &userId, qint64 seq);

private:
    enum class Change { Joined, Updated, Removed };

    static QString kindOf(Change change);

    qint64 directChatId(const QString &directKey); // -1 when the pair has none yet
    qint64 insertChat(bool isGroup, const QString &name, qint64 adminId, const QString &directKey,
                      const QDateTime &now);
    bool insertMember(qint64 chatId, qint64 userId, const QDateTime &now);
    bool isMember(qint64 chatId, qint64 userId);
    // Records a change for one user, or for every current member but `exceptUserId`.
    bool recordChange(qint64 revision, qint64 chatId, qint64 userId, Change change);
    bool recordChangeForMembers(qint64 revision, qint64 chatId, Change change,
                                qint64 exceptUserId = -1);
    // The member who joined first, or -1 when nobody is left.
    qint64 longestStandingMember(qint64 chatId);

    // Chats as the viewer sees them; `filter` ends the statement: a WHERE clause over the chat
    // `c` and the viewer's membership `v` (NULL columns when not a member), with its bindings.
    QList<Chat> loadChats(qint64 viewerId, const QString &filter, const QVariantList &bindings);
    bool loadMembers(QList<Chat> &chats);

    SqliteDatabase &m_db;
};

} // namespace parley::server
