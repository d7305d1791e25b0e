// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace parley {

// A null QString travels as JSON null (no avatar, a direct chat's name and adminId).

// User: {"id","name","email","avatar","online"}; never a password or hash.
struct User
{
    QString id;
    QString name;
    QString email;
    QString avatar; // avatar id, or null
    bool online = false;

    QJsonObject toJson() const;
    static Result<User> fromJson(const QJsonObject &object);
    friend bool operator==(const User &, const User &) = default;
};

// The sender inside a message: {"id","name","avatar"}.
struct UserSummary
{
    QString id;
    QString name;
    QString avatar; // null when none

    QJsonObject toJson() const;
    static Result<UserSummary> fromJson(const QJsonObject &object);
    friend bool operator==(const UserSummary &, const UserSummary &) = default;
};

struct Message
{
    QString id;
    QString chatId;
    qint64 seq = 0;
    UserSummary sender;
    QString content;
    QString clientId;
    QDateTime createdAt; // UTC, serialised ISO 8601 with milliseconds
    QDateTime editedAt; // invalid: null
    bool deleted = false;

    QJsonObject toJson() const;
    static Result<Message> fromJson(const QJsonObject &object);
    friend bool operator==(const Message &, const Message &) = default;
};

struct Chat
{
    QString id;
    bool isGroup = false;
    QString name; // null for a direct chat
    QList<User> members;
    QString adminId; // null for a direct chat
    std::optional<Message> latestMessage;
    qint64 unreadCount = 0;
    qint64 lastReadSeq = 0;
    QDateTime lastActivity;

    QJsonObject toJson() const;
    static Result<Chat> fromJson(const QJsonObject &object);
    friend bool operator==(const Chat &, const Chat &) = default;
};

// ISO 8601 UTC with milliseconds ("2026-11-28T09:41:44.123Z"), and back.
QString formatTimestamp(const QDateTime &time);
QDateTime parseTimestamp(const QString &text);

} // namespace parley
