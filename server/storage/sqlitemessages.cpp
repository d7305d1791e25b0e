// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqlitemessages.h"

#include "sqlitedatabase.h"
#include "sqliterows.h"
#include "sqlitetransaction.h"

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace parley::server {

using namespace sqliterows;
using Kind = Store::SendOutcome::Kind;

SqliteMessages::SqliteMessages(SqliteDatabase &db)
    : m_db(db)
{ }

Store::SendOutcome SqliteMessages::send(const QString &chatId, const QString &senderId,
                                        const QString &clientId, const QString &content,
                                        const QDateTime &now)
{
    const qint64 chat = rowId(chatId);
    const qint64 sender = rowId(senderId);
    qint64 messageId = -1;
    {
        SqliteTransaction transaction(m_db);
        if (!transaction.isActive())
            return {};
        if (const auto earlier = earlierSend(sender, clientId)) {
            if (earlier->chatId != chat)
                return {Kind::ClientIdConflict, {}};
            return {Kind::Duplicate, message(earlier->messageId).value_or(Message())};
        }
        messageId = insert(chat, sender, clientId, content, now);
        // The commit is what makes the send durable (synchronous=FULL): only then is it stored.
        if (messageId < 0 || !transaction.commit())
            return {};
    }
    return {Kind::Stored, message(messageId).value_or(Message())};
}

std::optional<SqliteMessages::Earlier> SqliteMessages::earlierSend(qint64 senderId,
                                                                   const QString &clientId)
{
    if (clientId.isEmpty())
        return std::nullopt; // without a client id a send cannot be recognised as a resend
    auto query =
        m_db.query(u"SELECT id, chat_id FROM messages WHERE sender_id = ? AND client_id = ?"_s);
    if (!query.bind(senderId).bind(clientId).exec() || !query.next())
        return std::nullopt;
    return Earlier{query.int64(0), query.int64(1)};
}

qint64 SqliteMessages::insert(qint64 chatId, qint64 senderId, const QString &clientId,
                              const QString &content, const QDateTime &now)
{
    qint64 seq = 0;
    {
        auto last = m_db.query(u"SELECT last_seq FROM chats WHERE id = ?"_s);
        if (!last.bind(chatId).exec() || !last.next())
            return -1;
        seq = last.int64(0) + 1;
    }
    const qint64 revision = m_db.nextRevision();
    if (revision < 0)
        return -1;
    auto insert = m_db.query(u"INSERT INTO messages (chat_id, seq, sender_id, client_id, content, "
                             u"created_at, rev) VALUES (?, ?, ?, ?, ?, ?, ?)"_s);
    insert.bind(chatId).bind(seq).bind(senderId).bind(clientId.isEmpty() ? QVariant() : clientId);
    insert.bind(content).bind(msecs(now)).bind(revision);
    if (!insert.exec())
        return -1;
    const qint64 messageId = insert.lastInsertId();
    auto advance = m_db.query(u"UPDATE chats SET last_seq = ?, last_activity = ? WHERE id = ?"_s);
    if (!advance.bind(seq).bind(msecs(now)).bind(chatId).exec())
        return -1;
    return messageId;
}

std::optional<Message> SqliteMessages::message(const QString &messageId)
{
    return message(rowId(messageId));
}

std::optional<Message> SqliteMessages::message(qint64 messageId)
{
    static const QString sql = u"SELECT "_s + MessageColumns
        + u" FROM messages m JOIN users u ON u.id = m.sender_id WHERE m.id = ?"_s;
    auto query = m_db.query(sql);
    if (!query.bind(messageId).exec() || !query.next())
        return std::nullopt;
    return readMessage(query, 0);
}

Message SqliteMessages::edit(const QString &messageId, const QString &content, const QDateTime &now)
{
    return change(rowId(messageId),
                  u"UPDATE messages SET content = ?, edited_at = ?, rev = ? WHERE id = ?"_s,
                  {content, msecs(now)});
}

Message SqliteMessages::remove(const QString &messageId, const QDateTime &now)
{
    Q_UNUSED(now) // a deleted message keeps its times; only its content goes
    return change(rowId(messageId),
                  u"UPDATE messages SET content = '', deleted = 1, rev = ? WHERE id = ?"_s, {});
}

Message SqliteMessages::change(qint64 messageId, const QString &sql, const QVariantList &bindings)
{
    {
        SqliteTransaction transaction(m_db);
        if (!transaction.isActive())
            return {};
        const qint64 revision = m_db.nextRevision();
        auto update = m_db.query(sql);
        for (const QVariant &value : bindings)
            update.bind(value);
        update.bind(revision).bind(messageId);
        if (revision < 0 || !update.exec() || update.rowsAffected() != 1 || !transaction.commit())
            return {};
    }
    return message(messageId).value_or(Message());
}

Store::HistoryPage SqliteMessages::history(const QString &chatId, std::optional<qint64> beforeSeq,
                                           int limit)
{
    static const QString sql = u"SELECT "_s + MessageColumns + uR"(
        FROM messages m JOIN users u ON u.id = m.sender_id
        WHERE m.chat_id = ? AND m.seq < ? ORDER BY m.seq DESC LIMIT ?)"_s;
    Store::HistoryPage page;
    if (limit <= 0)
        return page;
    auto query = m_db.query(sql);
    query.bind(rowId(chatId)).bind(beforeSeq.value_or(std::numeric_limits<qint64>::max()));
    // One row more than asked tells whether older messages remain.
    if (!query.bind(qint64(limit) + 1).exec())
        return page;
    while (query.next())
        page.messages.append(readMessage(query, 0));
    page.hasMore = page.messages.size() > limit;
    if (page.hasMore)
        page.messages.removeLast();
    std::reverse(page.messages.begin(), page.messages.end());
    return page;
}

} // namespace parley::server
