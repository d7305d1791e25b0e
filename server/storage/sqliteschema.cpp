#include "sqliteschema.h"

#include "sqlscript.h"
#include "storagelog.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QRegularExpression>
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
    return runScript(db, SchemaResource, latestVersion(), error);
}

bool SqliteSchema::migrate(QSqlDatabase &db, int targetVersion, QString *error)
{
    const auto all = migrations();
    for (int next = version(db) + 1; next <= targetVersion; ++next) {
        if (!all.contains(next)) {
            *error = u"migration %1 is missing"_s.arg(next);
            return false;
        }
        if (!runScript(db, all.value(next), next, error))
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
                             QString *error)
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
