#pragma once

#include "sqlitequery.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <memory>
#include <unordered_map>
#include <utility>

namespace parley::server {

// One SQLite connection (QSQLITE, its own connection name) set up the way Parley relies on: WAL,
// synchronous=FULL so that a committed transaction survives a killed process, foreign keys on.
// Prepared statements are kept for the life of the connection. Use it from one thread only: the
// one that called open().
class SqliteDatabase
{
public:
    SqliteDatabase();
    ~SqliteDatabase();
    SqliteDatabase(const SqliteDatabase &) = delete;
    SqliteDatabase &operator=(const SqliteDatabase &) = delete;

    bool open(const QString &path, QString *error);
    bool isOpen() const;
    QSqlDatabase &connection() { return m_db; }

    // A prepared statement for sql; while one use is alive, another use of the same text gets a
    // statement of its own.
    SqliteQuery query(const QString &sql);
    // The texts of the statements prepared so far, for query plan checks.
    QStringList preparedStatements() const;

    // True when a statement failed since the last call; clears the flag. The store's callers
    // turn such a call into an `internal` answer instead of trusting its empty result.
    bool takeFailure() { return std::exchange(m_failed, false); }

    // The revision counter that orders every change sync reports. nextRevision() must run inside
    // the write transaction of the change it numbers; both return -1 on failure.
    qint64 nextRevision();
    qint64 currentRevision();

private:
    struct CachedStatement;

    bool applyPragmas(QString *error);
    SqliteQuery prepared(const QString &sql);

    QString m_connectionName;
    bool m_failed = false;
    QSqlDatabase m_db;
    std::unordered_map<QString, std::unique_ptr<CachedStatement>> m_statements;
};

} // namespace parley::server
