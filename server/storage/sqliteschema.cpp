// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqliteschema.h"

#include "sqlscript.h"
#include "storagelog.h"
#include "validation.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QRegularExpression>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace parley::server {

namespace {

const auto SchemaResource = u":/parley/sql/schema.sql"_s;
const auto MigrationsDir = u":/parley/sql/migrations"_s;

// Version number → resource path of every migration shipped.
QMap<int, QString> migrations()
{
    static const QMap<int, QString> found = [] {
        QMap<int, QString> files;
        static const QRegularExpression name(u"^(\\d{4})_[a-z0-9_]+\\.sql$"_s);
        const QStringList entries = QDir(MigrationsDir).entryList(QDir::Files, QDir::Name);
        for (const QString &entry : entries) {
            const auto match = name.match(entry);
            if (match.hasMatch())
                files.insert(match.captured(1).toInt(), MigrationsDir + u'/' + entry);
            else
                qCWarning(lcStorage) << "ignoring a misnamed migration:" << entry;
        }
        return files;
    }();
    return found;
}

bool execOrReport(QSqlQuery &query, const QString &sql, QString *error)
{
    if (query.exec(sql))
        return true;
    *error = u"%1 (in: %2)"_s.arg(query.lastError().text(), sql.simplified());
    return false;
}

// Migration 5's data step: each account's email under NFKC case folding, in id order. A key that
// an older account already holds is left NULL: that account keeps signing in by its own email and
// nothing of it changes; `parley-server check` names it to the admin.
bool fillEmailFoldKeys(QSqlDatabase &db, QString *error)
{
    QSqlQuery select(db);
    if (!execOrReport(select, u"SELECT id, email FROM users ORDER BY id"_s, error))
        return false;
    QSet<QString> taken;
    QStringList collisions;
    QSqlQuery update(db);
    if (!update.prepare(u"UPDATE users SET email_fold = ? WHERE id = ?"_s)) {
        *error = update.lastError().text();
        return false;
    }
    while (select.next()) {
        const qint64 id = select.value(0).toLongLong();
        const QString key = normalizedEmail(select.value(1).toString());
        if (taken.contains(key)) {
            collisions.append(QString::number(id));
            continue;
        }
        taken.insert(key);
        update.addBindValue(key);
        update.addBindValue(id);
        if (!update.exec()) {
            *error = u"%1 (filling users.email_fold)"_s.arg(update.lastError().text());
            return false;
        }
    }
    if (!collisions.isEmpty()) {
        qCWarning(lcStorage).noquote()
            << "accounts" << collisions.join(u", ")
            << "have emails that differ from an older account's only in case or Unicode "
               "compatibility form; they sign in by their own email only. Run parley-server check";
    }
    return true;
}

// What a migration does besides its SQL, inside its transaction.
bool afterMigrationScript(QSqlDatabase &db, int version, QString *error)
{
    switch (version) {
    case 5:
        return fillEmailFoldKeys(db, error);
    default:
        return true;
    }
}

} // namespace

int SqliteSchema::latestVersion()
{
    const auto all = migrations();
    return all.isEmpty() ? 0 : all.lastKey();
}

int SqliteSchema::version(const QSqlDatabase &db)
{
    QSqlQuery query(db);
    if (!query.exec(u"PRAGMA user_version"_s) || !query.next())
        return -1;
    return query.value(0).toInt();
}

bool SqliteSchema::upgrade(QSqlDatabase &db, QString *error)
{
    const int current = version(db);
    const int latest = latestVersion();
    if (current < 0) {
        *error = u"cannot read the schema version: %1"_s.arg(db.lastError().text());
        return false;
    }
    if (current > latest) {
        *error =
            u"the database has schema version %1, newer than this server's %2"_s.arg(current).arg(
                latest);
        return false;
    }
    if (current == 0) {
        if (!isEmpty(db)) {
            *error = u"the file holds tables but no Parley schema version"_s;
            return false;
        }
        return createFresh(db, error);
    }
    if (current < latest) {
        // An upgrade must never cost a team its history: keep a copy of the old schema's data.
        const QString copy = backupBeforeMigration(db, current, error);
        if (copy.isEmpty())
            return false;
        qCInfo(lcStorage).noquote() << "migrating the database from schema version" << current
                                    << "to" << latest << "after a backup in" << copy;
    }
    return migrate(db, latest, error);
}

QString SqliteSchema::backupBeforeMigration(QSqlDatabase &db, int version, QString *error)
{
    QString path = u"%1.before-schema-%2"_s.arg(db.databaseName()).arg(version);
    for (int n = 2; QFileInfo::exists(path); ++n)
        path = u"%1.before-schema-%2.%3"_s.arg(db.databaseName()).arg(version).arg(n);
    QSqlQuery query(db);
    if (!query.prepare(u"VACUUM INTO ?"_s)) {
        *error =
            u"cannot back up the database before migrating: %1"_s.arg(query.lastError().text());
        return {};
    }
    query.addBindValue(path);
    if (!query.exec()) {
        *error = u"cannot back up the database to %1 before migrating: %2"_s.arg(
            path, query.lastError().text());
        return {};
    }
    return path;
}

bool SqliteSchema::createFresh(QSqlDatabase &db, QString *error)
{
    return runScript(db, SchemaResource, latestVersion(), Step::Fresh, error);
}

bool SqliteSchema::migrate(QSqlDatabase &db, int targetVersion, QString *error)
{
    const auto all = migrations();
    for (int next = version(db) + 1; next <= targetVersion; ++next) {
        if (!all.contains(next)) {
            *error = u"migration %1 is missing"_s.arg(next);
            return false;
        }
        if (!runScript(db, all.value(next), next, Step::Migration, error))
            return false;
    }
    return true;
}

bool SqliteSchema::isEmpty(const QSqlDatabase &db)
{
    QSqlQuery query(db);
    return query.exec(u"SELECT COUNT(*) FROM sqlite_master"_s) && query.next()
        && query.value(0).toInt() == 0;
}

bool SqliteSchema::runScript(QSqlDatabase &db, const QString &resource, int resultingVersion,
                             Step step, QString *error)
{
    QFile file(resource);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"cannot read %1"_s.arg(resource);
        return false;
    }
    const QStringList statements = sqlStatements(QString::fromUtf8(file.readAll()));

    QSqlQuery query(db);
    if (!execOrReport(query, u"BEGIN IMMEDIATE"_s, error))
        return false;
    bool ok = true;
    for (const QString &statement : statements) {
        ok = execOrReport(query, statement, error);
        if (!ok)
            break;
    }
    if (ok && step == Step::Migration)
        ok = afterMigrationScript(db, resultingVersion, error);
    // user_version lives in the database header, so it commits or rolls back with the rest.
    ok = ok && execOrReport(query, u"PRAGMA user_version = %1"_s.arg(resultingVersion), error);
    ok = ok && execOrReport(query, u"COMMIT"_s, error);
    if (!ok) {
        query.exec(u"ROLLBACK"_s);
        *error = u"%1: %2"_s.arg(QFileInfo(resource).fileName(), *error);
    }
    return ok;
}

} // namespace parley::server
