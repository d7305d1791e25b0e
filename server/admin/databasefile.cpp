// SPDX-License-Identifier: GPL-3.0-or-later
#include "databasefile.h"

#include "filesync.h"
#include "storage/sqliteschema.h"
#include "validation.h"

#include <QAtomicInteger>
#include <QFileInfo>
#include <QMap>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace parley::server {

namespace {

QString uniqueConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return u"parley-admin-%1"_s.arg(counter.fetchAndAddRelaxed(1));
}

// Tables every Parley schema version has; their absence means another program's database.
const QStringList ParleyTables{u"users"_s, u"sessions"_s, u"chats"_s, u"messages"_s};

} // namespace

DatabaseFile::DatabaseFile(QString path)
    : m_path(std::move(path))
    , m_connectionName(uniqueConnectionName())
{ }

DatabaseFile::~DatabaseFile()
{
    close();
}

bool DatabaseFile::open(Mode mode, QString *error)
{
    close();
    const QFileInfo file(m_path);
    if (!file.exists()) {
        *error = u"%1 does not exist"_s.arg(m_path);
        return false;
    }
    if (!file.isFile()) {
        *error = u"%1 is not a file"_s.arg(m_path);
        return false;
    }
    m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
    m_db.setDatabaseName(m_path);
    QString options = u"QSQLITE_BUSY_TIMEOUT=5000"_s;
    if (mode == Mode::ReadOnly)
        options += u";QSQLITE_OPEN_READONLY"_s;
    m_db.setConnectOptions(options);
    if (!m_db.open()) {
        *error = u"cannot open %1: %2"_s.arg(m_path, m_db.lastError().text());
        close();
        return false;
    }
    return true;
}

void DatabaseFile::close()
{
    if (!m_db.isValid())
        return;
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

QStringList DatabaseFile::problems()
{
    QStringList found = integrityProblems();
    // Past a damaged page the other checks only repeat the damage in other words.
    if (!found.isEmpty())
        return found;
    found += foreignKeyProblems();
    found += schemaProblems();
    return found;
}

QStringList DatabaseFile::integrityProblems()
{
    QSqlQuery query(m_db);
    if (!query.exec(u"PRAGMA integrity_check"_s))
        return {u"integrity check failed: %1"_s.arg(query.lastError().databaseText())};
    QStringList found;
    while (query.next()) {
        const QString line = query.value(0).toString();
        if (line != "ok"_L1)
            found.append(u"integrity: %1"_s.arg(line));
    }
    if (query.lastError().isValid()) // a read error part way through
        found.append(u"integrity check failed: %1"_s.arg(query.lastError().databaseText()));
    return found;
}

QStringList DatabaseFile::foreignKeyProblems()
{
    QSqlQuery query(m_db);
    if (!query.exec(u"PRAGMA foreign_key_check"_s))
        return {u"foreign key check failed: %1"_s.arg(query.lastError().databaseText())};
    QStringList found;
    while (query.next()) {
        found.append(u"foreign key: row %1 of %2 refers to a missing row of %3"_s.arg(
            query.value(1).toString(), query.value(0).toString(), query.value(2).toString()));
    }
    return found;
}

QStringList DatabaseFile::schemaProblems()
{
    const int version = schemaVersion();
    const int latest = SqliteSchema::latestVersion();
    QSqlQuery tables(m_db);
    QStringList missing = ParleyTables;
    if (tables.exec(u"SELECT name FROM sqlite_master WHERE type = 'table'"_s)) {
        while (tables.next())
            missing.removeAll(tables.value(0).toString());
    }
    if (version <= 0 || !missing.isEmpty())
        return {u"not a Parley database (schema version %1, missing tables: %2)"_s.arg(
            QString::number(version), missing.isEmpty() ? u"none"_s : missing.join(u", "))};
    if (version > latest)
        return {
            u"schema version %1 is newer than this parley-server's %2"_s.arg(version).arg(latest)};
    return {};
}

QStringList DatabaseFile::emailCollisions()
{
    struct Account
    {
        QString id;
        QString email;
        bool disabled = false;
    };
    QSqlQuery query(m_db);
    // Accounts could not be disabled before schema version 2.
    const bool hasDisabled = schemaVersion() >= 2;
    if (!query.exec(hasDisabled ? u"SELECT id, email, disabled FROM users ORDER BY id"_s
                                : u"SELECT id, email, 0 FROM users ORDER BY id"_s))
        return {};
    QMap<QString, QList<Account>> byKey;
    QStringList keys; // in the order of each group's oldest account
    while (query.next()) {
        const QString key = normalizedEmail(query.value(1).toString());
        if (!byKey.contains(key))
            keys.append(key);
        byKey[key].append(
            {query.value(0).toString(), query.value(1).toString(), query.value(2).toInt() != 0});
    }
    QStringList found;
    for (const QString &key : std::as_const(keys)) {
        const QList<Account> &group = byKey[key];
        const auto enabled = std::count_if(
            group.cbegin(), group.cend(), [](const Account &account) { return !account.disabled; });
        if (enabled < 2)
            continue;
        QStringList names;
        for (const Account &account : group) {
            names.append(u"%1 <%2>%3"_s.arg(account.id, account.email,
                                            account.disabled ? u" (disabled)"_s : QString()));
        }
        found.append(u"look-alike emails: accounts %1 have one email under Unicode case folding; "
                     u"other forms of it sign in to account %2, the others only by their exact "
                     u"email"_s.arg(names.join(u", "), group.constFirst().id));
    }
    return found;
}

int DatabaseFile::schemaVersion()
{
    QSqlQuery query(m_db);
    if (!query.exec(u"PRAGMA user_version"_s) || !query.next())
        return -1;
    return query.value(0).toInt();
}

QString DatabaseFile::summary()
{
    const auto count = [this](const QString &sql) {
        QSqlQuery query(m_db);
        return query.exec(sql) && query.next() ? query.value(0).toLongLong() : -1;
    };
    return u"schema version %1, %2 users, %3 messages"_s.arg(schemaVersion())
        .arg(count(u"SELECT COUNT(*) FROM users"_s))
        .arg(count(u"SELECT COUNT(*) FROM messages"_s));
}

bool DatabaseFile::copyTo(const QString &target, QString *error)
{
    if (QFileInfo::exists(target)) {
        *error = u"%1 already exists; it is not overwritten"_s.arg(target);
        return false;
    }
    QSqlQuery vacuum(m_db);
    if (!vacuum.prepare(u"VACUUM INTO ?"_s)) {
        *error = u"cannot copy %1: %2"_s.arg(m_path, vacuum.lastError().text());
        return false;
    }
    vacuum.addBindValue(target);
    if (!vacuum.exec()) {
        *error = u"cannot copy %1 to %2: %3"_s.arg(m_path, target, vacuum.lastError().text());
        return false;
    }
    // VACUUM INTO does not sync what it wrote; a backup must survive a power cut.
    return FileSync::flush(target, error);
}

bool DatabaseFile::lockExclusively(QString *error)
{
    // An open connection to a WAL database keeps a shared lock, so an exclusive lock is only
    // granted when nobody else has the file open; no waiting: a running server never lets go.
    QString reason;
    if (!exec(u"PRAGMA busy_timeout = 0"_s, &reason)
        || !exec(u"PRAGMA locking_mode = EXCLUSIVE"_s, &reason)
        || !exec(u"BEGIN EXCLUSIVE"_s, &reason) || !exec(u"COMMIT"_s, &reason)) {
        *error = u"%1 is in use by another process (is parley-server running?): %2"_s.arg(m_path,
                                                                                          reason);
        return false;
    }
    return true;
}

bool DatabaseFile::makeSelfContained(QString *error)
{
    QSqlQuery query(m_db);
    if (!query.exec(u"PRAGMA wal_checkpoint(TRUNCATE)"_s)
        || !query.exec(u"PRAGMA journal_mode = DELETE"_s) || !query.next()
        || query.value(0).toString() != "delete"_L1) {
        *error =
            u"cannot fold the write-ahead log into %1: %2"_s.arg(m_path, query.lastError().text());
        return false;
    }
    return true;
}

bool DatabaseFile::exec(const QString &sql, QString *error)
{
    QSqlQuery query(m_db);
    if (query.exec(sql))
        return true;
    *error = query.lastError().databaseText();
    return false;
}

} // namespace parley::server
