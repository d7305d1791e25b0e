// SPDX-License-Identifier: GPL-3.0-or-later
#include "types.h"

#include "types_p.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace parley {

namespace detail {

QJsonValue nullable(const QString &text)
{
    return text.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

User readUser(JsonReader &reader)
{
    User user;
    user.id = reader.string(u"id");
    user.name = reader.string(u"name");
    user.email = reader.string(u"email");
    user.avatar = reader.nullableString(u"avatar");
    user.online = reader.boolean(u"online");
    return user;
}

UserSummary readUserSummary(JsonReader &reader)
{
    UserSummary summary;
    summary.id = reader.string(u"id");
    summary.name = reader.string(u"name");
    summary.avatar = reader.nullableString(u"avatar");
    return summary;
}

Message readMessage(JsonReader &reader)
{
    Message message;
    message.id = reader.string(u"id");
    message.chatId = reader.string(u"chatId");
    message.seq = reader.integer(u"seq");
    message.sender = reader.nested(u"sender", readUserSummary);
    message.content = reader.string(u"content");
    message.clientId = reader.nullableString(u"clientId");
    message.createdAt = reader.timestamp(u"createdAt");
    message.editedAt = reader.nullableTimestamp(u"editedAt");
    message.deleted = reader.boolean(u"deleted");
    return message;
}

Chat readChat(JsonReader &reader)
{
    Chat chat;
    chat.id = reader.string(u"id");
    chat.isGroup = reader.boolean(u"isGroup");
    chat.name = reader.nullableString(u"name");
    chat.members = reader.list(u"members", readUser);
    chat.adminId = reader.nullableString(u"adminId");
    chat.latestMessage = reader.optionalNested(u"latestMessage", readMessage);
    chat.unreadCount = reader.integer(u"unreadCount");
    chat.lastReadSeq = reader.integer(u"lastReadSeq");
    chat.lastActivity = reader.nullableTimestamp(u"lastActivity");
    return chat;
}

} // namespace detail

using detail::nullable;

QJsonObject User::toJson() const
{
    return {{u"id"_s, id},
            {u"name"_s, name},
            {u"email"_s, email},
            {u"avatar"_s, nullable(avatar)},
            {u"online"_s, online}};
}

Result<User> User::fromJson(const QJsonObject &object)
{
    JsonReader reader(object, u"user"_s);
    return reader.finish(detail::readUser(reader));
}

QJsonObject UserSummary::toJson() const
{
    return {{u"id"_s, id}, {u"name"_s, name}, {u"avatar"_s, nullable(avatar)}};
}

Result<UserSummary> UserSummary::fromJson(const QJsonObject &object)
{
    JsonReader reader(object, u"sender"_s);
    return reader.finish(detail::readUserSummary(reader));
}

QJsonObject Message::toJson() const
{
    return {{u"id"_s, id},
            {u"chatId"_s, chatId},
            {u"seq"_s, seq},
            {u"sender"_s, sender.toJson()},
            {u"content"_s, content},
            {u"clientId"_s, nullable(clientId)},
            {u"createdAt"_s, nullable(formatTimestamp(createdAt))},
            {u"editedAt"_s, nullable(formatTimestamp(editedAt))},
            {u"deleted"_s, deleted}};
}

Result<Message> Message::fromJson(const QJsonObject &object)
{
    JsonReader reader(object, u"message"_s);
    return reader.finish(detail::readMessage(reader));
}

QJsonObject Chat::toJson() const
{
    return {{u"id"_s, id},
            {u"isGroup"_s, isGroup},
            {u"name"_s, nullable(name)},
            {u"members"_s, detail::toJsonArray(members)},
            {u"adminId"_s, nullable(adminId)},
            {u"latestMessage"_s,
             latestMessage ? QJsonValue(latestMessage->toJson()) : QJsonValue(QJsonValue::Null)},
            {u"unreadCount"_s, unreadCount},
            {u"lastReadSeq"_s, lastReadSeq},
            {u"lastActivity"_s, nullable(formatTimestamp(lastActivity))}};
}

Result<Chat> Chat::fromJson(const QJsonObject &object)
{
    JsonReader reader(object, u"chat"_s);
    return reader.finish(detail::readChat(reader));
}

QString formatTimestamp(const QDateTime &time)
{
    if (!time.isValid())
        return {};
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime parseTimestamp(const QString &text)
{
    const QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    // Without "Z" or an offset the text names no instant: it would be read as local time.
    if (!time.isValid() || time.timeSpec() == Qt::LocalTime)
        return {};
    return time.toUTC();
}

} // namespace parley
