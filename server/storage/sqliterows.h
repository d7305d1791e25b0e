// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sqlitequery.h"
#include "types.h"

#include <QDateTime>
#include <QString>
#include <QVariant>

namespace parley::server::sqliterows {

// Ids travel as the decimal text of their rowid; text that names no rowid maps to -1, which
// matches no row.
QString idText(qint64 rowId);
qint64 rowId(const QString &id);
QString nullableIdText(const QVariant &value); // SQL NULL → null QString
QVariant nullable(const QString &text); // null QString → SQL NULL

// Times are stored as milliseconds since the epoch and come back as UTC.
qint64 msecs(const QDateTime &time);
QDateTime dateTime(const QVariant &msecs); // SQL NULL → invalid QDateTime

// The columns readUser() reads, for "SELECT <userColumns> FROM users u".
inline const QString UserColumns = QStringLiteral("u.id, u.name, u.email, u.avatar_id");
User readUser(const SqliteQuery &query, int firstColumn);

// The columns readMessage() reads, with the sender's current name and avatar; select them
// "FROM messages m JOIN users u ON u.id = m.sender_id".
inline const QString MessageColumns =
    QStringLiteral("m.id, m.chat_id, m.seq, m.sender_id, u.name, u.avatar_id, m.client_id, "
                   "m.content, m.created_at, m.edited_at, m.deleted");
Message readMessage(const SqliteQuery &query, int firstColumn);

} // namespace parley::server::sqliterows
