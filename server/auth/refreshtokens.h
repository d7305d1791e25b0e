// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace parley::server {

// Refresh tokens are random bearer secrets; the database keeps only their SHA-256, so a leaked
// database does not hand out sessions.
class RefreshTokens
{
public:
    // 32 random bytes, base64url without padding (43 characters).
    static QString generate();
    // The raw 32-byte SHA-256 of the token's text, as stored and looked up.
    static QByteArray hash(const QString &token);
};

} // namespace parley::server
