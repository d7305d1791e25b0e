// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store.h"

namespace parley::server {

class SqliteDatabase;
class SqliteInvites;

// Accounts and their avatars. An email is unique under NFKC case folding (normalizedEmail(), the
// email_fold column) and on its lower-cased form (email_key); an avatar gets a new
// random id whenever a picture is set, and old ids stay readable.
class SqliteUsers
{
public:
    SqliteUsers(SqliteDatabase &db, SqliteInvites &invites);

    std::optional<User> create(const Store::NewUser &user, const QDateTime &now);
    std::optional<User> createInvited(const Store::NewUser &user, const QByteArray &inviteHash,
                                      const QDateTime &now);
    std::optional<Store::Credentials> credentialsByEmail(const QString &email);
    std::optional<Store::Credentials> credentialsById(const QString &userId);
    std::optional<User> user(const QString &userId);
    std::optional<User> update(const QString &userId, const Store::UserChanges &changes);
    QList<User> search(const QString &query, const QString &excludeUserId, int limit);
    std::optional<QString> avatarDataUri(const QString &avatarId);
    QStringList contactsOf(const QString &userId);
    QList<Store::Account> accounts();
    bool setDisabled(const QString &userId, bool disabled);

private:
    // The account's rows, inside the caller's transaction; null when the email is taken.
    std::optional<User> insert(const Store::NewUser &user, const QDateTime &now);
    std::optional<Store::Credentials> credentials(const QString &sql, const QVariant &key);
    // Stores a picture under a new id; null on failure.
    QString insertAvatar(const QString &dataUri, const QDateTime &now);
    bool setAvatar(qint64 userId, const QString &dataUri);

    SqliteDatabase &m_db;
    SqliteInvites &m_invites;
};

} // namespace parley::server
