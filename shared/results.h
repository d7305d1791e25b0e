// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "types.h"

#include <QStringList>

namespace parley {

// The "data" of ok responses and of events.

struct ServerInfo
{
    QString name;
    QString version;
    int protocol = 1;
    bool registrationOpen = true;
    QJsonObject toJson() const;
    static Result<ServerInfo> fromJson(const QJsonObject &data);
    friend bool operator==(const ServerInfo &, const ServerInfo &) = default;
};

// auth.register and auth.login
struct AuthResult
{
    User user;
    QString accessToken;
    QString refreshToken;
    QJsonObject toJson() const;
    static Result<AuthResult> fromJson(const QJsonObject &data);
    friend bool operator==(const AuthResult &, const AuthResult &) = default;
};

// auth.refresh
struct TokenPair
{
    QString accessToken;
    QString refreshToken;
    QJsonObject toJson() const;
    static Result<TokenPair> fromJson(const QJsonObject &data);
    friend bool operator==(const TokenPair &, const TokenPair &) = default;
};

// auth.token, user.me, user.update: {user}
struct UserResult
{
    User user;
    QJsonObject toJson() const;
    static Result<UserResult> fromJson(const QJsonObject &data);
    friend bool operator==(const UserResult &, const UserResult &) = default;
};

struct AvatarResult
{
    QString avatarId;
    QString dataUri;
    QJsonObject toJson() const;
    static Result<AvatarResult> fromJson(const QJsonObject &data);
    friend bool operator==(const AvatarResult &, const AvatarResult &) = default;
};

// user.search: {users}
struct UserList
{
    QList<User> users;
    QJsonObject toJson() const;
    static Result<UserList> fromJson(const QJsonObject &data);
    friend bool operator==(const UserList &, const UserList &) = default;
};

// chat.list: {chats}
struct ChatList
{
    QList<Chat> chats;
    QJsonObject toJson() const;
    static Result<ChatList> fromJson(const QJsonObject &data);
    friend bool operator==(const ChatList &, const ChatList &) = default;
};

// chat.direct, chat.createGroup, chat.rename, chat.*Member; event chat.updated: {chat}
struct ChatResult
{
    Chat chat;
    QJsonObject toJson() const;
    static Result<ChatResult> fromJson(const QJsonObject &data);
    friend bool operator==(const ChatResult &, const ChatResult &) = default;
};

// message.send, message.edit, message.delete; events message.new, message.updated: {message}
struct MessageResult
{
    Message message;
    QJsonObject toJson() const;
    static Result<MessageResult> fromJson(const QJsonObject &data);
    friend bool operator==(const MessageResult &, const MessageResult &) = default;
};

struct HistoryResult
{
    QList<Message> messages; // ascending by seq
    bool hasMore = false;
    QJsonObject toJson() const;
    static Result<HistoryResult> fromJson(const QJsonObject &data);
    friend bool operator==(const HistoryResult &, const HistoryResult &) = default;
};

// chat.markRead
struct MarkReadResult
{
    QString chatId;
    qint64 lastReadSeq = 0;
    QJsonObject toJson() const;
    static Result<MarkReadResult> fromJson(const QJsonObject &data);
    friend bool operator==(const MarkReadResult &, const MarkReadResult &) = default;
};

struct SyncResult
{
    QString cursor;
    QList<Message> messages;
    QList<Chat> chats;
    QStringList removedChatIds;
    bool hasMore = false;
    QJsonObject toJson() const;
    static Result<SyncResult> fromJson(const QJsonObject &data);
    friend bool operator==(const SyncResult &, const SyncResult &) = default;
};

// event chat.removed
struct ChatRemovedEvent
{
    QString chatId;
    QJsonObject toJson() const;
    static Result<ChatRemovedEvent> fromJson(const QJsonObject &data);
    friend bool operator==(const ChatRemovedEvent &, const ChatRemovedEvent &) = default;
};

// event typing
struct TypingEvent
{
    QString chatId;
    QString userId;
    QString name;
    bool typing = false;
    QJsonObject toJson() const;
    static Result<TypingEvent> fromJson(const QJsonObject &data);
    friend bool operator==(const TypingEvent &, const TypingEvent &) = default;
};

// event read
struct ReadEvent
{
    QString chatId;
    QString userId;
    qint64 lastReadSeq = 0;
    QJsonObject toJson() const;
    static Result<ReadEvent> fromJson(const QJsonObject &data);
    friend bool operator==(const ReadEvent &, const ReadEvent &) = default;
};

// event presence
struct PresenceEvent
{
    QString userId;
    bool online = false;
    QJsonObject toJson() const;
    static Result<PresenceEvent> fromJson(const QJsonObject &data);
    friend bool operator==(const PresenceEvent &, const PresenceEvent &) = default;
};

} // namespace parley
