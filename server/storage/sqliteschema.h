// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSqlDatabase>
#include <QString>

namespace parley::server {

// The database schema and its history: numbered migrations (:/parley/sql/migrations/NNNN_*.sql)
// applied in order, each in its own transaction, and schema.sql, the same end state in one piece
// for new databases. PRAGMA user_version holds the version a database is at.
class SqliteSchema
{
public:
    static int latestVersion();
    static int version(const QSqlDatabase &db); // -1 when it cannot be read

    // Brings db to the latest version: a new (empty) database is created from schema.sql, an older
    // one is migrated step by step. A database from a newer Parley is refused.
    static bool upgrade(QSqlDatabase &db, QString *error);

    static bool createFresh(QSqlDatabase &db, QString *error);
    // Copies the database (VACUUM INTO) beside itself as FILE.before-schema-N; the copy's path,
    // or empty with *error set.
    static QString backupBeforeMigration(QSqlDatabase &db, int version, QString *error);
    // Applies the migrations after db's version up to and including targetVersion.
    static bool migrate(QSqlDatabase &db, int targetVersion, QString *error);

private:
    // A migration may go on in C++ after its SQL (filling a column SQLite cannot compute), in
    // the same transaction; schema.sql needs no such step, a new database having no rows.
    enum class Step { Fresh, Migration };

    static bool isEmpty(const QSqlDatabase &db);
    static bool runScript(QSqlDatabase &db, const QString &resource, int resultingVersion,
                          Step step, QString *error);
};

} // namespace parley::server
