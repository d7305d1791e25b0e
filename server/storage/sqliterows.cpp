// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqliterows.h"

namespace parley::server::sqliterows {

QString idText(qint64 rowId)
{
    return QString::number(rowId);
}

qint64 rowId(const QString &id)
{
    bool ok = false;
    const qint64 value = id.toLongLong(&ok);
    // Only the canonical spelling names a row: "042" or " 42" are not ids the store hands out.
    if (!ok || value <= 0 || QString::number(value) != id)
        return -1;
    return value;
}

QString nullableIdText(const QVariant &value)
{
    return value.isNull() ? QString() : idText(value.toLongLong());
}

QVariant nullable(const QString &text)
{
    return text.isNull() ? QVariant() : QVariant(text);
}

qint64 msecs(const QDateTime &time)
{
    return time.toMSecsSinceEpoch();
}

QDateTime dateTime(const QVariant &msecs)
{
    if (msecs.isNull())
        return {};
    return QDateTime::fromMSecsSinceEpoch(msecs.toLongLong(), Qt::UTC);
}

User readUser(const SqliteQuery &query, int firstColumn)
{
    User user;
    user.id = idText(query.int64(firstColumn));
    user.name = query.text(firstColumn + 1);
    user.email = query.text(firstColumn + 2);
    user.avatar = query.text(firstColumn + 3);
    return user;
}

Message readMessage(const SqliteQuery &query, int firstColumn)
{
    const int c = firstColumn;
    Message message;
    message.id = idText(query.int64(c));
    message.chatId = idText(query.int64(c + 1));
    message.seq = query.int64(c + 2);
    message.sender.id = idText(query.int64(c + 3));
    message.sender.name = query.text(c + 4);
    message.sender.avatar = query.text(c + 5);
    message.clientId = query.text(c + 6);
    message.content = query.text(c + 7);
    message.createdAt = dateTime(query.value(c + 8));
    message.editedAt = dateTime(query.value(c + 9));
    message.deleted = query.int64(c + 10) != 0;
    return message;
}

} // namespace parley::server::sqliterows
