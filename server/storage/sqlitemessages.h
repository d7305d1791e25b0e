// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store.h"

namespace parley::server {

class SqliteDatabase;

// Messages: per-chat seq without gaps, idempotent sends by (sender, clientId), and a revision on
// every send, edit and delete so that sync finds what changed.
class SqliteMessages
{
public:
    explicit SqliteMessages(SqliteDatabase &db);

    Store::SendOutcome send(const QString &chatId, const QString &senderId, const QString &clientId,
                            const QString &content, const QDateTime &now);
    std::optional<Message> message(const QString &messageId);
    std::optional<Message> message(qint64 messageId);
    Message edit(const QString &messageId, const QString &content, const QDateTime &now);
    Message remove(const QString &messageId, const QDateTime &now);
    Store::HistoryPage history(const QString &chatId, std::optional<qint64> beforeSeq, int limit);

private:
    struct Earlier
    {
        qint64 messageId = 0;
        qint64 chatId = 0;
    };
    std::optional<Earlier> earlierSend(qint64 senderId, const QString &clientId);
    // Stores the message as the chat's next seq; returns its id or -1.
    qint64 insert(qint64 chatId, qint64 senderId, const QString &clientId, const QString &content,
                  const QDateTime &now);
    // Applies one change under a new revision and returns the message as it is now.
    Message change(qint64 messageId, const QString &sql, const QVariantList &bindings);

    SqliteDatabase &m_db;
};

} // namespace parley::server
