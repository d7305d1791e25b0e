// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqliteusers.h"

#include "sqlitedatabase.h"
#include "sqliteinvites.h"
#include "sqliterows.h"
#include "sqlitetransaction.h"
#include "validation.h"

#include <QRandomGenerator>

#include <array>

using namespace Qt::StringLiterals;

namespace parley::server {

using namespace sqliterows;

namespace {

// The lower-cased email: the key of schema versions 1 to 4, still unique and still looked up
// first, so that an account left without an email_fold (a look-alike of an older account when
// version 5 came) signs in by its own email. Comparisons go by email_fold = normalizedEmail().
QString emailKey(const QString &email)
{
    return email.toLower();
}

QString nameKey(const QString &name)
{
    return name.toLower();
}

// 16 random bytes, base64url: unguessable, so one user cannot enumerate the others' pictures.
QString newAvatarId()
{
    std::array<quint32, 4> words{};
    QRandomGenerator::system()->fillRange(words.data(), qsizetype(words.size()));
    const auto bytes = QByteArray(reinterpret_cast<const char *>(words.data()), sizeof(words));
    return QString::fromLatin1(
        bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

// A LIKE pattern matching `text` anywhere, with LIKE's own wildcards taken literally.
QString containsPattern(const QString &text)
{
    QString escaped = text;
    escaped.replace(u'\\', u"\\\\"_s).replace(u'%', u"\\%"_s).replace(u'_', u"\\_"_s);
    return u'%' + escaped + u'%';
}

} // namespace

SqliteUsers::SqliteUsers(SqliteDatabase &db, SqliteInvites &invites)
    : m_db(db)
    , m_invites(invites)
{ }

std::optional<User> SqliteUsers::create(const Store::NewUser &user, const QDateTime &now)
{
    SqliteTransaction transaction(m_db);
    if (!transaction.isActive())
        return std::nullopt;
    std::optional<User> created = insert(user, now);
    if (!created || !transaction.commit())
        return std::nullopt;
    return created;
}

std::optional<User> SqliteUsers::createInvited(const Store::NewUser &user,
                                               const QByteArray &inviteHash, const QDateTime &now)
{
    SqliteTransaction transaction(m_db);
    if (!transaction.isActive() || !m_invites.spend(inviteHash, now))
        return std::nullopt;
    std::optional<User> created = insert(user, now);
    if (!created || !transaction.commit())
        return std::nullopt; // the rollback gives the invite its use back
    return created;
}

std::optional<User> SqliteUsers::insert(const Store::NewUser &user, const QDateTime &now)
{
    {
        auto taken = m_db.query(u"SELECT 1 FROM users WHERE email_key = ? OR email_fold = ?"_s);
        taken.bind(emailKey(user.email)).bind(normalizedEmail(user.email));
        if (!taken.exec() || taken.next())
            return std::nullopt;
    }
    QString avatarId;
    if (!user.avatarDataUri.isEmpty()) {
        avatarId = insertAvatar(user.avatarDataUri, now);
        if (avatarId.isNull())
            return std::nullopt;
    }
    auto row =
        m_db.query(u"INSERT INTO users (name, name_key, email, email_key, email_fold, "
                   u"password_hash, avatar_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s);
    row.bind(user.name).bind(nameKey(user.name)).bind(user.email).bind(emailKey(user.email));
    row.bind(normalizedEmail(user.email));
    row.bind(user.passwordHash).bind(nullable(avatarId)).bind(msecs(now));
    if (!row.exec())
        return std::nullopt;
    return User{idText(row.lastInsertId()), user.name, user.email, avatarId, false};
}

std::optional<Store::Credentials> SqliteUsers::credentialsByEmail(const QString &email)
{
    // The account of exactly this email (in any case) first: after migrating to version 5, a
    // look-alike of an older account has no email_fold and is found only so.
    if (auto exact =
            credentials(u"SELECT id, password_hash, disabled FROM users WHERE email_key = ?"_s,
                        emailKey(email)))
        return exact;
    return credentials(u"SELECT id, password_hash, disabled FROM users WHERE email_fold = ?"_s,
                       normalizedEmail(email));
}

std::optional<Store::Credentials> SqliteUsers::credentialsById(const QString &userId)
{
    return credentials(u"SELECT id, password_hash, disabled FROM users WHERE id = ?"_s,
                       rowId(userId));
}

std::optional<Store::Credentials> SqliteUsers::credentials(const QString &sql, const QVariant &key)
{
    auto query = m_db.query(sql);
    query.bind(key);
    if (!query.exec() || !query.next())
        return std::nullopt;
    return Store::Credentials{idText(query.int64(0)), query.value(1).toByteArray(),
                              query.int64(2) != 0};
}

std::optional<User> SqliteUsers::user(const QString &userId)
{
    static const QString sql = u"SELECT "_s + UserColumns + u" FROM users u WHERE u.id = ?"_s;
    auto query = m_db.query(sql);
    query.bind(rowId(userId));
    if (!query.exec() || !query.next())
        return std::nullopt;
    return readUser(query, 0);
}

std::optional<User> SqliteUsers::update(const QString &userId, const Store::UserChanges &changes)
{
    const qint64 id = rowId(userId);
    SqliteTransaction transaction(m_db);
    if (!transaction.isActive() || !user(userId))
        return std::nullopt;
    if (changes.name) {
        auto rename = m_db.query(u"UPDATE users SET name = ?, name_key = ? WHERE id = ?"_s);
        if (!rename.bind(*changes.name).bind(nameKey(*changes.name)).bind(id).exec())
            return std::nullopt;
    }
    if (changes.avatarDataUri && !setAvatar(id, *changes.avatarDataUri))
        return std::nullopt;
    if (changes.passwordHash) {
        auto password = m_db.query(u"UPDATE users SET password_hash = ? WHERE id = ?"_s);
        if (!password.bind(*changes.passwordHash).bind(id).exec())
            return std::nullopt;
    }
    if (!transaction.commit())
        return std::nullopt;
    return user(userId);
}

bool SqliteUsers::setAvatar(qint64 userId, const QString &dataUri)
{
    QString avatarId; // an empty data URI removes the picture, like a null one
    if (!dataUri.isEmpty()) {
        avatarId = insertAvatar(dataUri, QDateTime::currentDateTimeUtc());
        if (avatarId.isNull())
            return false;
    }
    auto update = m_db.query(u"UPDATE users SET avatar_id = ? WHERE id = ?"_s);
    return update.bind(nullable(avatarId)).bind(userId).exec();
}

QString SqliteUsers::insertAvatar(const QString &dataUri, const QDateTime &now)
{
    QString id = newAvatarId();
    auto insert = m_db.query(u"INSERT INTO avatars (id, data_uri, created_at) VALUES (?, ?, ?)"_s);
    if (!insert.bind(id).bind(dataUri).bind(msecs(now)).exec())
        return {};
    return id;
}

QList<User> SqliteUsers::search(const QString &query, const QString &excludeUserId, int limit)
{
    // LIKE cannot use an index for a substring, so this walks users in name order and stops at
    // the limit; name_key and email_key are lower-cased, which makes the match case-insensitive
    // beyond ASCII as well.
    static const QString sql = u"SELECT "_s + UserColumns + uR"( FROM users u
               WHERE (u.name_key LIKE ? ESCAPE '\' OR u.email_key LIKE ? ESCAPE '\')
                 AND u.id <> ? AND u.disabled = 0
               ORDER BY u.name_key, u.id LIMIT ?)"_s;
    if (limit <= 0)
        return {};
    const QString pattern = containsPattern(query.toLower());
    auto select = m_db.query(sql);
    select.bind(pattern).bind(pattern).bind(rowId(excludeUserId)).bind(limit);
    QList<User> users;
    if (!select.exec())
        return users;
    while (select.next())
        users.append(readUser(select, 0));
    return users;
}

std::optional<QString> SqliteUsers::avatarDataUri(const QString &avatarId)
{
    auto query = m_db.query(u"SELECT data_uri FROM avatars WHERE id = ?"_s);
    query.bind(avatarId);
    if (!query.exec() || !query.next())
        return std::nullopt;
    return query.text(0);
}

QStringList SqliteUsers::contactsOf(const QString &userId)
{
    auto query = m_db.query(uR"(SELECT DISTINCT other.user_id
        FROM chat_members mine JOIN chat_members other ON other.chat_id = mine.chat_id
        WHERE mine.user_id = ? AND other.user_id <> mine.user_id
        ORDER BY other.user_id)"_s);
    query.bind(rowId(userId));
    QStringList ids;
    if (!query.exec())
        return ids;
    while (query.next())
        ids.append(idText(query.int64(0)));
    return ids;
}

QList<Store::Account> SqliteUsers::accounts()
{
    auto query =
        m_db.query(u"SELECT id, name, email, disabled, created_at FROM users ORDER BY id"_s);
    QList<Store::Account> accounts;
    if (!query.exec())
        return accounts;
    while (query.next()) {
        accounts.append({idText(query.int64(0)), query.text(1), query.text(2), query.int64(3) != 0,
                         dateTime(query.value(4))});
    }
    return accounts;
}

bool SqliteUsers::setDisabled(const QString &userId, bool disabled)
{
    auto update = m_db.query(u"UPDATE users SET disabled = ? WHERE id = ?"_s);
    return update.bind(disabled ? 1 : 0).bind(rowId(userId)).exec() && update.rowsAffected() == 1;
}

} // namespace parley::server
