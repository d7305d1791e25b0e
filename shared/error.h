// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QString>

#include <optional>

namespace parley {

// The error codes of docs/protocol.md; their wire names come from errorCodeName().
enum class ErrorCode {
    BadRequest,
    Unauthenticated,
    Forbidden,
    NotFound,
    Conflict,
    RateLimited,
    TooLarge,
    Unsupported,
    Internal,
};

QString errorCodeName(ErrorCode code);
std::optional<ErrorCode> errorCodeFromName(QStringView name);

// An error as it travels in a response's "error" or an "error" event.
struct Error
{
    ErrorCode code = ErrorCode::Internal;
    QString message;
    std::optional<qint64> retryAfterMs; // only with RateLimited
    // The name of the input in the request's data that is to blame ("email", "chatId"), so a
    // client can mark that field without reading the message; empty when no one field is.
    QString field;

    static Error badRequest(const QString &message)
    {
        return {ErrorCode::BadRequest, message, {}, {}};
    }
    static Error make(ErrorCode code, const QString &message) { return {code, message, {}, {}}; }
    // An error that one input of the request is to blame for.
    static Error about(const QString &field, ErrorCode code, const QString &message)
    {
        return {code, message, {}, field};
    }

    QJsonObject toJson() const;
    static std::optional<Error> fromJson(const QJsonObject &object);

    friend bool operator==(const Error &, const Error &) = default;
};

} // namespace parley
