// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqlitechats.h"

#include "sqlitedatabase.h"
#include "sqliterows.h"
#include "sqlitetransaction.h"

#include <QHash>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace parley::server {

using namespace sqliterows;

namespace {

// The uniqueness key of a pair's direct chat, the same whichever of the two asks.
QString directKey(qint64 a, qint64 b)
{
    return u"%1:%2"_s.arg(std::min(a, b)).arg(std::max(a, b));
}

QString jsonIdArray(const QList<qint64> &ids)
{
    QStringList texts;
    texts.reserve(ids.size());
    for (qint64 id : ids)
        texts.append(idText(id));
    return u'[' + texts.join(u',') + u']';
}

} // namespace

SqliteChats::SqliteChats(SqliteDatabase &db)
    : m_db(db)
{ }

std::optional<Store::ChatInfo> SqliteChats::info(const QString &chatId)
{
    const qint64 id = rowId(chatId);
    Store::ChatInfo info;
    {
        auto chat = m_db.query(u"SELECT is_group, admin_id FROM chats WHERE id = ?"_s);
        if (!chat.bind(id).exec() || !chat.next())
            return std::nullopt;
        info.id = chatId;
        info.isGroup = chat.int64(0) != 0;
        info.adminId = nullableIdText(chat.value(1));
    }
    auto members =
        m_db.query(u"SELECT user_id FROM chat_members WHERE chat_id = ? ORDER BY join_order"_s);
    if (!members.bind(id).exec())
        return std::nullopt;
    while (members.next())
        info.memberIds.append(idText(members.int64(0)));
    return info;
}

Chat SqliteChats::direct(const QString &userId, const QString &otherId, const QDateTime &now,
                         bool *created)
{
    const qint64 user = rowId(userId);
    const qint64 other = rowId(otherId);
    const QString key = directKey(user, other);
    qint64 chatId = -1;
    bool made = false;
    {
        // BEGIN IMMEDIATE serialises this look-up-then-insert against every other writer.
        SqliteTransaction transaction(m_db);
        if (!transaction.isActive())
            return {};
        chatId = directChatId(key);
        if (chatId < 0) {
            chatId = insertChat(false, QString(), -1, key, now);
            const qint64 revision = m_db.nextRevision();
            made = chatId > 0 && revision > 0 && insertMember(chatId, user, now)
                && insertMember(chatId, other, now)
                && recordChangeForMembers(revision, chatId, Change::Joined);
            if (!made)
                return {};
        }
        if (!transaction.commit())
            return {};
    }
    if (created)
        *created = made;
    return chat(idText(chatId), userId).value_or(Chat());
}

Chat SqliteChats::createGroup(const QString &adminId, const QString &name,
                              const QStringList &memberIds, const QDateTime &now)
{
    const qint64 admin = rowId(adminId);
    qint64 chatId = -1;
    {
        SqliteTransaction transaction(m_db);
        if (!transaction.isActive())
            return {};
        chatId = insertChat(true, name, admin, QString(), now);
        const qint64 revision = m_db.nextRevision();
        if (chatId < 0 || revision < 0 || !insertMember(chatId, admin, now))
            return {};
        QList<qint64> added{admin};
        for (const QString &memberId : memberIds) {
            const qint64 member = rowId(memberId);
            if (added.contains(member))
                continue;
            if (!insertMember(chatId, member, now))
                return {};
            added.append(member);
        }
        if (!recordChangeForMembers(revision, chatId, Change::Joined) || !transaction.commit())
            return {};
    }
    return chat(idText(chatId), adminId).value_or(Chat());
}

std::optional<Chat> SqliteChats::chat(const QString &chatId, const QString &viewerId)
{
    static const QString filter = u"WHERE c.id = ?"_s;
    const QList<Chat> chats = loadChats(rowId(viewerId), filter, {rowId(chatId)});
    if (chats.isEmpty())
        return std::nullopt;
    return chats.first();
}

QList<Chat> SqliteChats::chatsOf(const QString &userId)
{
    static const QString filter =
        u"WHERE v.user_id IS NOT NULL ORDER BY c.last_activity DESC, c.id DESC"_s;
    return loadChats(rowId(userId), filter, {});
}

QList<Chat> SqliteChats::memberChats(const QString &viewerId, const QList<qint64> &chatIds)
{
    static const QString filter = u"WHERE c.id IN (SELECT value FROM json_each(?)) "
                                  u"AND v.user_id IS NOT NULL "
                                  u"ORDER BY c.last_activity DESC, c.id DESC"_s;
    if (chatIds.isEmpty())
        return {};
    return loadChats(rowId(viewerId), filter, {jsonIdArray(chatIds)});
}

QList<Chat> SqliteChats::loadChats(qint64 viewerId, const QString &filter,
                                   const QVariantList &bindings)
{
    // One row per chat with the viewer's marker, unread count and latest message (columns 7…),
    // so that a chat list costs two statements however many chats it holds.
    static const QString select = uR"(SELECT c.id, c.is_group, c.name, c.admin_id,
            c.last_activity, COALESCE(v.last_read_seq, 0),
            (SELECT COUNT(*) FROM messages n WHERE n.chat_id = c.id AND n.seq > v.last_read_seq
                AND n.sender_id <> v.user_id AND n.deleted = 0), )"_s
        + MessageColumns + uR"(
        FROM chats c
        LEFT JOIN chat_members v ON v.chat_id = c.id AND v.user_id = ?
        LEFT JOIN messages m ON m.chat_id = c.id AND m.seq = c.last_seq
        LEFT JOIN users u ON u.id = m.sender_id
        )"_s;
    QList<Chat> chats;
    {
        auto query = m_db.query(select + filter);
        query.bind(viewerId);
        for (const QVariant &value : bindings)
            query.bind(value);
        if (!query.exec())
            return {};
        while (query.next()) {
            Chat chat;
            chat.id = idText(query.int64(0));
            chat.isGroup = query.int64(1) != 0;
            chat.name = query.text(2);
            chat.adminId = nullableIdText(query.value(3));
            chat.lastActivity = dateTime(query.value(4));
            chat.lastReadSeq = query.int64(5);
            chat.unreadCount = query.int64(6);
            if (!query.isNull(7))
                chat.latestMessage = readMessage(query, 7);
            chats.append(chat);
        }
    }
    if (!loadMembers(chats))
        return {};
    return chats;
}

bool SqliteChats::loadMembers(QList<Chat> &chats)
{
    static const QString sql = u"SELECT m.chat_id, "_s + UserColumns + uR"(
        FROM chat_members m JOIN users u ON u.id = m.user_id
        WHERE m.chat_id IN (SELECT value FROM json_each(?))
        ORDER BY m.chat_id, m.join_order)"_s;
    if (chats.isEmpty())
        return true;
    QHash<qint64, qsizetype> indexOf;
    QList<qint64> ids;
    for (qsizetype i = 0; i < chats.size(); ++i) {
        ids.append(rowId(chats.at(i).id));
        indexOf.insert(ids.last(), i);
    }
    auto query = m_db.query(sql);
    if (!query.bind(jsonIdArray(ids)).exec())
        return false;
    while (query.next())
        chats[indexOf.value(query.int64(0))].members.append(readUser(query, 1));
    return true;
}

void SqliteChats::rename(const QString &chatId, const QString &name, const QDateTime &now)
{
    Q_UNUSED(now) // a rename is not activity: it does not move the chat up the list
    const qint64 id = rowId(chatId);
    SqliteTransaction transaction(m_db);
    auto update = m_db.query(u"UPDATE chats SET name = ? WHERE id = ?"_s);
    if (!transaction.isActive() || !update.bind(name).bind(id).exec() || update.rowsAffected() != 1)
        return;
    const qint64 revision = m_db.nextRevision();
    if (revision > 0 && recordChangeForMembers(revision, id, Change::Updated))
        transaction.commit();
}

void SqliteChats::addMember(const QString &chatId, const QString &userId, const QDateTime &now)
{
    const qint64 chat = rowId(chatId);
    const qint64 user = rowId(userId);
    SqliteTransaction transaction(m_db);
    if (!transaction.isActive() || isMember(chat, user) || !insertMember(chat, user, now))
        return;
    const qint64 revision = m_db.nextRevision();
    if (revision > 0 && recordChangeForMembers(revision, chat, Change::Updated, user)
        && recordChange(revision, chat, user, Change::Joined))
        transaction.commit();
}

QString SqliteChats::removeMember(const QString &chatId, const QString &userId,
                                  const QDateTime &now)
{
    Q_UNUSED(now)
    const qint64 chat = rowId(chatId);
    const qint64 user = rowId(userId);
    SqliteTransaction transaction(m_db);
    const std::optional<Store::ChatInfo> before = info(chatId);
    if (!transaction.isActive() || !before || !before->memberIds.contains(userId))
        return {};
    auto remove = m_db.query(u"DELETE FROM chat_members WHERE chat_id = ? AND user_id = ?"_s);
    const qint64 revision = m_db.nextRevision();
    if (revision < 0 || !remove.bind(chat).bind(user).exec()
        || !recordChange(revision, chat, user, Change::Removed)
        || !recordChangeForMembers(revision, chat, Change::Updated))
        return {};

    QString newAdmin;
    if (before->adminId == userId) {
        const qint64 successor = longestStandingMember(chat);
        auto handOver = m_db.query(u"UPDATE chats SET admin_id = ? WHERE id = ?"_s);
        if (!handOver.bind(successor > 0 ? QVariant(successor) : QVariant()).bind(chat).exec())
            return {};
        if (successor > 0)
            newAdmin = idText(successor);
    }
    if (!transaction.commit())
        return {};
    return newAdmin;
}

qint64 SqliteChats::markRead(const QString &chatId, const QString &userId, qint64 seq)
{
    const qint64 chat = rowId(chatId);
    const qint64 user = rowId(userId);
    SqliteTransaction transaction(m_db);
    auto update = m_db.query(uR"(UPDATE chat_members
        SET last_read_seq = MAX(last_read_seq, MIN(?, (SELECT last_seq FROM chats WHERE id = ?)))
        WHERE chat_id = ? AND user_id = ?)"_s);
    if (!transaction.isActive() || !update.bind(seq).bind(chat).bind(chat).bind(user).exec())
        return 0;
    qint64 marker = 0;
    {
        auto select = m_db.query(
            u"SELECT last_read_seq FROM chat_members WHERE chat_id = ? AND user_id = ?"_s);
        if (select.bind(chat).bind(user).exec() && select.next())
            marker = select.int64(0);
    }
    transaction.commit();
    return marker;
}

qint64 SqliteChats::insertChat(bool isGroup, const QString &name, qint64 adminId,
                               const QString &directKey, const QDateTime &now)
{
    auto insert = m_db.query(u"INSERT INTO chats (is_group, name, admin_id, direct_key, "
                             u"last_activity, created_at) VALUES (?, ?, ?, ?, ?, ?)"_s);
    insert.bind(isGroup ? 1 : 0).bind(nullable(name));
    insert.bind(adminId > 0 ? QVariant(adminId) : QVariant()).bind(nullable(directKey));
    insert.bind(msecs(now)).bind(msecs(now));
    return insert.exec() ? insert.lastInsertId() : -1;
}

bool SqliteChats::insertMember(qint64 chatId, qint64 userId, const QDateTime &now)
{
    // A new member comes after everyone present and starts with the chat read up to now: the
    // history before it joined is there to scroll through, not unread news.
    auto insert = m_db.query(uR"(INSERT INTO chat_members
            (chat_id, user_id, joined_at, join_order, last_read_seq)
        SELECT ?, ?, ?, COALESCE(MAX(m.join_order), 0) + 1,
               (SELECT last_seq FROM chats WHERE id = ?)
        FROM chat_members m WHERE m.chat_id = ?)"_s);
    return insert.bind(chatId).bind(userId).bind(msecs(now)).bind(chatId).bind(chatId).exec();
}

qint64 SqliteChats::directChatId(const QString &directKey)
{
    auto query = m_db.query(u"SELECT id FROM chats WHERE direct_key = ?"_s);
    if (!query.bind(directKey).exec() || !query.next())
        return -1;
    return query.int64(0);
}

bool SqliteChats::isMember(qint64 chatId, qint64 userId)
{
    auto query = m_db.query(u"SELECT 1 FROM chat_members WHERE chat_id = ? AND user_id = ?"_s);
    return query.bind(chatId).bind(userId).exec() && query.next();
}

QString SqliteChats::kindOf(Change change)
{
    switch (change) {
    case Change::Joined:
        return u"joined"_s;
    case Change::Updated:
        return u"updated"_s;
    case Change::Removed:
        break;
    }
    return u"removed"_s;
}

bool SqliteChats::recordChange(qint64 revision, qint64 chatId, qint64 userId, Change change)
{
    auto insert =
        m_db.query(u"INSERT INTO chat_changes (rev, user_id, chat_id, kind) VALUES (?, ?, ?, ?)"_s);
    return insert.bind(revision).bind(userId).bind(chatId).bind(kindOf(change)).exec();
}

bool SqliteChats::recordChangeForMembers(qint64 revision, qint64 chatId, Change change,
                                         qint64 exceptUserId)
{
    auto insert = m_db.query(uR"(INSERT INTO chat_changes (rev, user_id, chat_id, kind)
        SELECT ?, user_id, chat_id, ? FROM chat_members WHERE chat_id = ? AND user_id <> ?)"_s);
    insert.bind(revision).bind(kindOf(change)).bind(chatId).bind(exceptUserId);
    return insert.exec();
}

qint64 SqliteChats::longestStandingMember(qint64 chatId)
{
    auto query = m_db.query(
        u"SELECT user_id FROM chat_members WHERE chat_id = ? ORDER BY join_order LIMIT 1"_s);
    if (!query.bind(chatId).exec() || !query.next())
        return -1;
    return query.int64(0);
}

} // namespace parley::server
