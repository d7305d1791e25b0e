// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>

namespace parley::server {

class SqliteDatabase;

// Invite codes for `--registration invite`: a number of sign-ups until a deadline. Only the
// SHA-256 of a code is kept, so the database does not hand out codes that are still open.
class SqliteInvites
{
public:
    explicit SqliteInvites(SqliteDatabase &db);

    bool create(const QByteArray &codeHash, int uses, const QDateTime &expiresAt,
                const QDateTime &now);
    bool isUsable(const QByteArray &codeHash, const QDateTime &now);
    // Takes one use; false when there is none left. Runs inside the caller's transaction.
    bool spend(const QByteArray &codeHash, const QDateTime &now);

private:
    SqliteDatabase &m_db;
};

} // namespace parley::server
