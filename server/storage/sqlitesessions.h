// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store.h"

namespace parley::server {

class SqliteDatabase;

// Sign-in sessions and their rotating refresh tokens, which are stored only as hashes. A spent
// token stays on record so that presenting it again can be recognised as theft.
class SqliteSessions
{
public:
    explicit SqliteSessions(SqliteDatabase &db);

    QString create(const QString &userId, const QByteArray &refreshHash, const QString &device,
                   const QDateTime &now, const QDateTime &refreshExpiresAt);
    Store::Rotation rotate(const QByteArray &oldHash, const QByteArray &newHash,
                           const QDateTime &now, const QDateTime &newExpiresAt);
    bool isActive(const QString &sessionId, const QString &userId);
    void revoke(const QString &sessionId);
    QStringList revokeAllBut(const QString &userId, const QString &keepSessionId);
    QStringList revokedSince(const QDateTime &since);

private:
    struct TokenRow
    {
        qint64 id = 0;
        qint64 sessionId = 0;
        qint64 expiresAt = 0;
        bool spent = false;
        qint64 userId = 0;
        bool revoked = false;
    };
    std::optional<TokenRow> findToken(const QByteArray &hash);
    bool insertToken(qint64 sessionId, const QByteArray &hash, const QDateTime &expiresAt);
    bool revoke(qint64 sessionId, const QDateTime &now);

    SqliteDatabase &m_db;
};

} // namespace parley::server
