// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqlitesessions.h"

#include "sqlitedatabase.h"
#include "sqliterows.h"
#include "sqlitetransaction.h"

using namespace Qt::StringLiterals;

namespace parley::server {

using namespace sqliterows;
using Outcome = Store::Rotation::Outcome;

SqliteSessions::SqliteSessions(SqliteDatabase &db)
    : m_db(db)
{ }

QString SqliteSessions::create(const QString &userId, const QByteArray &refreshHash,
                               const QString &device, const QDateTime &now,
                               const QDateTime &refreshExpiresAt)
{
    SqliteTransaction transaction(m_db);
    auto insert =
        m_db.query(u"INSERT INTO sessions (user_id, device, created_at) VALUES (?, ?, ?)"_s);
    if (!insert.bind(rowId(userId)).bind(device.isNull() ? u""_s : device).bind(msecs(now)).exec())
        return {};
    const qint64 sessionId = insert.lastInsertId();
    if (!insertToken(sessionId, refreshHash, refreshExpiresAt) || !transaction.commit())
        return {};
    return idText(sessionId);
}

Store::Rotation SqliteSessions::rotate(const QByteArray &oldHash, const QByteArray &newHash,
                                       const QDateTime &now, const QDateTime &newExpiresAt)
{
    SqliteTransaction transaction(m_db);
    const std::optional<TokenRow> token = findToken(oldHash);
    if (!transaction.isActive() || !token)
        return {};
    Store::Rotation found{Outcome::Rotated, idText(token->userId), idText(token->sessionId)};

    if (token->spent) {
        // Two parties hold this session's tokens: the thief or the owner has the next one.
        if (!revoke(token->sessionId, now) || !transaction.commit())
            return {};
        return {Outcome::Reused, found.userId, found.sessionId};
    }
    if (token->revoked || token->expiresAt <= msecs(now))
        return {Outcome::Inactive, {}, {}};

    auto spend = m_db.query(u"UPDATE refresh_tokens SET spent_at = ? WHERE id = ?"_s);
    if (!spend.bind(msecs(now)).bind(token->id).exec())
        return {};
    if (!insertToken(token->sessionId, newHash, newExpiresAt) || !transaction.commit())
        return {};
    return found;
}

std::optional<SqliteSessions::TokenRow> SqliteSessions::findToken(const QByteArray &hash)
{
    auto query = m_db.query(uR"(SELECT t.id, t.session_id, t.expires_at, t.spent_at IS NOT NULL,
                                       s.user_id, s.revoked_at IS NOT NULL
                                FROM refresh_tokens t JOIN sessions s ON s.id = t.session_id
                                WHERE t.hash = ?)"_s);
    query.bind(hash);
    if (!query.exec() || !query.next())
        return std::nullopt;
    return TokenRow{query.int64(0),      query.int64(1), query.int64(2),
                    query.int64(3) != 0, query.int64(4), query.int64(5) != 0};
}

bool SqliteSessions::insertToken(qint64 sessionId, const QByteArray &hash,
                                 const QDateTime &expiresAt)
{
    auto insert =
        m_db.query(u"INSERT INTO refresh_tokens (hash, session_id, expires_at) VALUES (?, ?, ?)"_s);
    return insert.bind(hash).bind(sessionId).bind(msecs(expiresAt)).exec();
}

bool SqliteSessions::isActive(const QString &sessionId, const QString &userId)
{
    auto query =
        m_db.query(u"SELECT 1 FROM sessions WHERE id = ? AND user_id = ? AND revoked_at IS NULL"_s);
    query.bind(rowId(sessionId)).bind(rowId(userId));
    return query.exec() && query.next();
}

void SqliteSessions::revoke(const QString &sessionId)
{
    revoke(rowId(sessionId), QDateTime::currentDateTimeUtc());
}

bool SqliteSessions::revoke(qint64 sessionId, const QDateTime &now)
{
    auto update =
        m_db.query(u"UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL"_s);
    return update.bind(msecs(now)).bind(sessionId).exec();
}

QStringList SqliteSessions::revokeAllBut(const QString &userId, const QString &keepSessionId)
{
    const qint64 user = rowId(userId);
    const qint64 keep = rowId(keepSessionId); // -1 for none keeps nothing
    SqliteTransaction transaction(m_db);
    QStringList revoked;
    {
        auto select = m_db.query(
            u"SELECT id FROM sessions WHERE user_id = ? AND revoked_at IS NULL AND id <> ?"_s);
        if (!transaction.isActive() || !select.bind(user).bind(keep).exec())
            return {};
        while (select.next())
            revoked.append(idText(select.int64(0)));
    }
    auto update = m_db.query(u"UPDATE sessions SET revoked_at = ? "
                             u"WHERE user_id = ? AND revoked_at IS NULL AND id <> ?"_s);
    if (!update.bind(msecs(QDateTime::currentDateTimeUtc())).bind(user).bind(keep).exec()
        || !transaction.commit())
        return {};
    return revoked;
}

QStringList SqliteSessions::revokedSince(const QDateTime &since)
{
    auto select = m_db.query(u"SELECT id FROM sessions WHERE revoked_at >= ?"_s);
    QStringList ids;
    if (!select.bind(msecs(since)).exec())
        return ids;
    while (select.next())
        ids.append(idText(select.int64(0)));
    return ids;
}

} // namespace parley::server
