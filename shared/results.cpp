// SPDX-License-Identifier: GPL-3.0-or-later
#include "results.h"

#include "types_p.h"

#include <QJsonArray>

#include <limits>

using namespace Qt::StringLiterals;

namespace parley {

using detail::toJsonArray;

QJsonObject ServerInfo::toJson() const
{
    return {{u"name"_s, name},
            {u"version"_s, version},
            {u"protocol"_s, protocol},
            {u"registrationOpen"_s, registrationOpen}};
}

Result<ServerInfo> ServerInfo::fromJson(const QJsonObject &data)
{
    JsonReader reader(data);
    ServerInfo info;
    info.name = reader.string(u"name");
    info.version = reader.string(u"version");
    info.protocol =
        static_cast<int>(reader.integer(u"protocol", 1, std::numeric_limits<int>::max()));
    info.registrationOpen = reader.boolean(u"registrationOpen");
    return reader.finish(info);
}

QJsonObject AuthResult::toJson() const
{
    return {{u"user"_s, user.toJson()},
            {u"accessToken"_s, accessToken},
            {u"refreshToken"_s, refreshToken}};
}

Result<AuthResult> AuthResult::fromJson(const QJsonObject &data)
{
    JsonReader reader(data);
    AuthResult result;
    result.user = reader.nested(u"user", detail::readUser);
    result.accessToken = reader.string(u"accessToken");
    result.refreshToken = reader.string(u"refreshToken");
    return reader.finish(result);
}

QJsonObject TokenPair::toJson() const
{
    return {{u"accessToken"_s, accessToken}, {u"refreshToken"_s, refreshToken}};
}

Result<TokenPair> TokenPair::fromJson(const QJsonObject &data)
{
    JsonReader reader(data);
    TokenPair pair;
    pair.accessToken = reader.string(u"accessToken");
    pair.refreshToken = reader.string(u"refreshToken");
    return reader.finish(pair);
}

QJsonObject UserResult::toJson() const
{
    return {{u"user"_s, user.toJson()}};
}

Result<UserResult> UserResult::fromJson(const QJsonObject &data)
{
    JsonReader reader(data);
    UserResult result;
    result.user = reader.nested(u"user", detail::readUser);
    return reader.finish(result);
}

QJsonObject AvatarResult::toJson() const
{
    return {{u"avatarId"_s, avatarId}, {u"dataUri"_s, dataUri}};
}

Result<AvatarResult> AvatarResult::fromJson(const QJsonObject &data)
{
    JsonReader reader(data);
    AvatarResult result;
    result.avatarId = reader.string(u"avatarId");
    result.dataUri = reader.string(u"dataUri");
    return reader.finish(result);
}

QJsonObject UserList::toJson() const
{
    return {{u"users"_s, toJsonArray(users)}};
}

Result<UserList> UserList::fromJson(const QJsonObject &data)
{
    JsonReader reader(data);
    UserList result;
    result.users = reader.list(u"users", detail::readUser);
    return reader.finish(result);
}

QJsonObject ChatList::toJson() const
{
    return {{u"chats"_s, toJsonArray(chats)}};
}

Result<ChatList> ChatList::fromJson(const QJsonObject &data)
{
    JsonReader reader(data);
    ChatList result;
    result.chats = reader.list(u"chats", detail::readChat);
    return reader.finish(result);
}

QJsonObject ChatResult::toJson() const
{
    return {{u"chat"_s, chat.toJson()}};
}

Result<ChatResult> ChatResult::fromJson(const QJsonObject &data)
{
    JsonReader reader(data);
    ChatResult result;
    result.chat = reader.nested(u"chat", detail::readChat);
    return reader.finish(result);
}

QJsonObject MessageResult::toJson() const
{
    return {{u"message"_s, message.toJson()}};
}

Result<MessageResult> MessageResult::fromJson(const QJsonObject &data)
{
    JsonReader reader(data);
    MessageResult result;
    result.message = reader.nested(u"message", detail::readMessage);
    return reader.finish(result);
}

QJsonObject HistoryResult::toJson() const
{
    return {{u"messages"_s, toJsonArray(messages)}, {u"hasMore"_s, hasMore}};
}

Result<HistoryResult> HistoryResult::fromJson(const QJsonObject &data)
{
    JsonReader reader(data);
    HistoryResult result;
    result.messages = reader.list(u"messages", detail::readMessage);
    result.hasMore = reader.boolean(u"hasMore");
    return reader.finish(result);
}

QJsonObject MarkReadResult::toJson() const
{
    return {{u"chatId"_s, chatId}, {u"lastReadSeq"_s, lastReadSeq}};
}

Result<MarkReadResult> MarkReadResult::fromJson(const QJsonObject &data)
{
    JsonReader reader(data);
    MarkReadResult result;
    result.chatId = reader.string(u"chatId");
    result.lastReadSeq = reader.integer(u"lastReadSeq");
    return reader.finish(result);
}

QJsonObject SyncResult::toJson() const
{
    return {{u"cursor"_s, cursor},
            {u"messages"_s, toJsonArray(messages)},
            {u"chats"_s, toJsonArray(chats)},
            {u"removedChatIds"_s, QJsonArray::fromStringList(removedChatIds)},
            {u"hasMore"_s, hasMore}};
}

Result<SyncResult> SyncResult::fromJson(const QJsonObject &data)
{
    JsonReader reader(data);
    SyncResult result;
    result.cursor = reader.string(u"cursor");
    result.messages = reader.list(u"messages", detail::readMessage);
    result.chats = reader.list(u"chats", detail::readChat);
    result.removedChatIds = reader.stringList(u"removedChatIds");
    result.hasMore = reader.boolean(u"hasMore");
    return reader.finish(result);
}

QJsonObject ChatRemovedEvent::toJson() const
{
    return {{u"chatId"_s, chatId}};
}

Result<ChatRemovedEvent> ChatRemovedEvent::fromJson(const QJsonObject &data)
{
    JsonReader reader(data);
    ChatRemovedEvent event;
    event.chatId = reader.string(u"chatId");
    return reader.finish(event);
}

QJsonObject TypingEvent::toJson() const
{
    return {{u"chatId"_s, chatId}, {u"userId"_s, userId}, {u"name"_s, name}, {u"typing"_s, typing}};
}

Result<TypingEvent> TypingEvent::fromJson(const QJsonObject &data)
{
    JsonReader reader(data);
    TypingEvent event;
    event.chatId = reader.string(u"chatId");
    event.userId = reader.string(u"userId");
    event.name = reader.string(u"name");
    event.typing = reader.boolean(u"typing");
    return reader.finish(event);
}

QJsonObject ReadEvent::toJson() const
{
    return {{u"chatId"_s, chatId}, {u"userId"_s, userId}, {u"lastReadSeq"_s, lastReadSeq}};
}

Result<ReadEvent> ReadEvent::fromJson(const QJsonObject &data)
{
    JsonReader reader(data);
    ReadEvent event;
    event.chatId = reader.string(u"chatId");
    event.userId = reader.string(u"userId");
    event.lastReadSeq = reader.integer(u"lastReadSeq");
    return reader.finish(event);
}

QJsonObject PresenceEvent::toJson() const
{
    return {{u"userId"_s, userId}, {u"online"_s, online}};
}

Result<PresenceEvent> PresenceEvent::fromJson(const QJsonObject &data)
{
    JsonReader reader(data);
    PresenceEvent event;
    event.userId = reader.string(u"userId");
    event.online = reader.boolean(u"online");
    return reader.finish(event);
}

} // namespace parley
