// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sqlitequery.h"
#include "storeobserver.h"

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

    // Group commit. Between beginBatch() and commitBatch() one write transaction is open and every
    // SqliteTransaction is a savepoint inside it, so that many writes share one COMMIT, which is
    // one sync to disk. commitBatch() false: the whole batch was rolled back.
    bool beginBatch();
    bool commitBatch();
    bool inBatch() const { return m_inBatch; }

    // The savepoints of a batch, innermost released or rolled back first. On some I/O errors
    // SQLite drops the whole transaction by itself; the failed rollback that follows marks the
    // batch as lost, and no savepoint opens after that, so nothing runs outside the batch.
    QString openSavepoint(); // its name; null when the batch is lost or SAVEPOINT failed
    bool releaseSavepoint(const QString &name);
    void rollbackSavepoint(const QString &name);

    // Every write transaction that reached the disk, for the store's metrics.
    void countCommit();
    // Set before open(); told of every commit.
    void setObserver(StoreObserver observer) { m_observer = std::move(observer); }

private:
    struct CachedStatement;

    bool applyPragmas(QString *error);
    SqliteQuery prepared(const QString &sql);

    QString m_connectionName;
    bool m_failed = false;
    StoreObserver m_observer;
    bool m_inBatch = false;
    bool m_batchLost = false;
    int m_savepoints = 0; // open savepoints, which also names the next one
    QSqlDatabase m_db;
    std::unordered_map<QString, std::unique_ptr<CachedStatement>> m_statements;
};

} // namespace parley::server
