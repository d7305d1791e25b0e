// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace parley {

// The "data" of each request. fromJson() validates every field and limit of docs/protocol.md and
// names the offending field in the error; toJson() is what a client sends.

struct RegisterRequest
{
    QString name;
    QString email; // as given; compare with normalizedEmail()
    QString password;
    QString avatar; // data: URI or null
    QString invite; // an invite code (servers with --registration invite) or null
    QJsonObject toJson() const;
    static Result<RegisterRequest> fromJson(const QJsonObject &data);
};

struct LoginRequest
{
    QString email;
    QString password;
    QString device; // may be null
    QJsonObject toJson() const;
    static Result<LoginRequest> fromJson(const QJsonObject &data);
};

struct TokenRequest
{
    QString accessToken;
    QJsonObject toJson() const;
    static Result<TokenRequest> fromJson(const QJsonObject &data);
};

struct RefreshRequest
{
    QString refreshToken;
    QJsonObject toJson() const;
    static Result<RefreshRequest> fromJson(const QJsonObject &data);
};

struct LogoutRequest
{
    bool all = false;
    QJsonObject toJson() const;
    static Result<LogoutRequest> fromJson(const QJsonObject &data);
};

struct UserUpdateRequest
{
    std::optional<QString> name;
    std::optional<QString> avatar; // present and null: remove the picture
    std::optional<QString> password;
    std::optional<QString> currentPassword;
    QJsonObject toJson() const;
    static Result<UserUpdateRequest> fromJson(const QJsonObject &data);
};

struct AvatarGetRequest
{
    QString avatarId;
    QJsonObject toJson() const;
    static Result<AvatarGetRequest> fromJson(const QJsonObject &data);
};

struct UserSearchRequest
{
    QString query;
    int limit = 20;
    QJsonObject toJson() const;
    static Result<UserSearchRequest> fromJson(const QJsonObject &data);
};

struct ChatDirectRequest
{
    QString userId;
    QJsonObject toJson() const;
    static Result<ChatDirectRequest> fromJson(const QJsonObject &data);
};

struct ChatCreateGroupRequest
{
    QString name;
    QStringList userIds; // de-duplicated, in the order given
    QJsonObject toJson() const;
    static Result<ChatCreateGroupRequest> fromJson(const QJsonObject &data);
};

struct ChatRenameRequest
{
    QString chatId;
    QString name;
    QJsonObject toJson() const;
    static Result<ChatRenameRequest> fromJson(const QJsonObject &data);
};

// chat.addMember and chat.removeMember
struct ChatMemberRequest
{
    QString chatId;
    QString userId;
    QJsonObject toJson() const;
    static Result<ChatMemberRequest> fromJson(const QJsonObject &data);
};

struct MessageSendRequest
{
    QString chatId;
    QString clientId;
    QString content; // trimmed by fromJson()
    QJsonObject toJson() const;
    static Result<MessageSendRequest> fromJson(const QJsonObject &data);
};

struct MessageHistoryRequest
{
    QString chatId;
    std::optional<qint64> beforeSeq;
    int limit = 50;
    QJsonObject toJson() const;
    static Result<MessageHistoryRequest> fromJson(const QJsonObject &data);
};

struct MessageEditRequest
{
    QString messageId;
    QString content; // trimmed by fromJson()
    QJsonObject toJson() const;
    static Result<MessageEditRequest> fromJson(const QJsonObject &data);
};

struct MessageDeleteRequest
{
    QString messageId;
    QJsonObject toJson() const;
    static Result<MessageDeleteRequest> fromJson(const QJsonObject &data);
};

struct MarkReadRequest
{
    QString chatId;
    qint64 seq = 0;
    QJsonObject toJson() const;
    static Result<MarkReadRequest> fromJson(const QJsonObject &data);
};

struct SyncRequest
{
    QString cursor; // null: no cursor
    QJsonObject toJson() const;
    static Result<SyncRequest> fromJson(const QJsonObject &data);
};

// typing.start and typing.stop
struct TypingRequest
{
    QString chatId;
    QJsonObject toJson() const;
    static Result<TypingRequest> fromJson(const QJsonObject &data);
};

} // namespace parley
