// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqliteinvites.h"

#include "sqlitedatabase.h"
#include "sqliterows.h"

using namespace Qt::StringLiterals;

namespace parley::server {

using namespace sqliterows;

SqliteInvites::SqliteInvites(SqliteDatabase &db)
    : m_db(db)
{ }

bool SqliteInvites::create(const QByteArray &codeHash, int uses, const QDateTime &expiresAt,
                           const QDateTime &now)
{
    auto insert = m_db.query(u"INSERT INTO invites (code_hash, uses, uses_left, expires_at, "
                             u"created_at) VALUES (?, ?, ?, ?, ?)"_s);
    return insert.bind(codeHash)
        .bind(uses)
        .bind(uses)
        .bind(msecs(expiresAt))
        .bind(msecs(now))
        .exec();
}

bool SqliteInvites::isUsable(const QByteArray &codeHash, const QDateTime &now)
{
    auto query = m_db.query(
        u"SELECT 1 FROM invites WHERE code_hash = ? AND uses_left > 0 AND expires_at > ?"_s);
    query.bind(codeHash).bind(msecs(now));
    return query.exec() && query.next();
}

bool SqliteInvites::spend(const QByteArray &codeHash, const QDateTime &now)
{
    auto update = m_db.query(u"UPDATE invites SET uses_left = uses_left - 1 "
                             u"WHERE code_hash = ? AND uses_left > 0 AND expires_at > ?"_s);
    return update.bind(codeHash).bind(msecs(now)).exec() && update.rowsAffected() == 1;
}

} // namespace parley::server
