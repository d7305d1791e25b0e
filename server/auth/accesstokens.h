// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <chrono>
#include <optional>

namespace parley::server {

// Short-lived access tokens: JWTs in compact form, signed with HMAC-SHA256 (HS256) under the
// server's secret. They are checked without a database lookup, which is why they live briefly.
class AccessTokens
{
public:
    AccessTokens(QByteArray secret, std::chrono::seconds lifetime);

    struct Claims
    {
        QString userId;
        QString sessionId;
        QDateTime expiresAt; // UTC, whole seconds
    };

    // Expires `lifetime` after `now` (whole seconds).
    QString issue(const QString &userId, const QString &sessionId, const QDateTime &now) const;
    // Null for anything but an unexpired token this secret signed with HS256.
    std::optional<Claims> verify(const QString &token, const QDateTime &now) const;

    // Longer tokens are refused before any parsing.
    static constexpr qsizetype MaxTokenLength = 2048;

private:
    QByteArray sign(const QByteArray &signingInput) const;

    QByteArray m_secret;
    std::chrono::seconds m_lifetime;
};

} // namespace parley::server
