// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqlitedatabase.h"

#include "storagelog.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>

using namespace Qt::StringLiterals;

namespace parley::server {

namespace {

// Long enough to ride out another process's checkpoint, short enough not to hang a request.
constexpr int BusyTimeoutMs = 5000;

QString uniqueConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return u"parley-sqlite-%1"_s.arg(counter.fetchAndAddRelaxed(1));
}

} // namespace

struct SqliteDatabase::CachedStatement
{
    explicit CachedStatement(const QSqlDatabase &db)
        : query(db)
    { }
    QSqlQuery query;
    bool inUse = false;
};

SqliteDatabase::SqliteDatabase()
    : m_connectionName(uniqueConnectionName())
{ }

SqliteDatabase::~SqliteDatabase()
{
    m_statements.clear(); // statements must go before their connection
    if (!m_db.isValid())
        return;
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

bool SqliteDatabase::open(const QString &path, QString *error)
{
    if (m_db.isOpen())
        return true;
    if (path != ":memory:"_L1 && !QFileInfo(path).absoluteDir().mkpath(u"."_s)) {
        *error = u"cannot create the directory of %1"_s.arg(path);
        return false;
    }
    m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
    m_db.setDatabaseName(path);
    m_db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=%1"_s.arg(BusyTimeoutMs));
    if (!m_db.open()) {
        *error = m_db.lastError().text();
        return false;
    }
    return applyPragmas(error);
}

bool SqliteDatabase::isOpen() const
{
    return m_db.isOpen();
}

bool SqliteDatabase::applyPragmas(QString *error)
{
    QSqlQuery pragma(m_db);
    const bool inMemory = m_db.databaseName() == ":memory:"_L1;
    if (!pragma.exec(u"PRAGMA journal_mode = WAL"_s) || !pragma.next()
        || (pragma.value(0).toString() != "wal"_L1 && !inMemory)) {
        *error = u"cannot switch the database to WAL mode: %1"_s.arg(pragma.lastError().text());
        return false;
    }
    const QStringList settings = {
        u"PRAGMA synchronous = FULL"_s,
        u"PRAGMA foreign_keys = ON"_s,
        u"PRAGMA busy_timeout = %1"_s.arg(BusyTimeoutMs),
    };
    for (const QString &setting : settings) {
        if (!pragma.exec(setting)) {
            *error = u"%1 failed: %2"_s.arg(setting, pragma.lastError().text());
            return false;
        }
    }
    return true;
}

SqliteQuery SqliteDatabase::query(const QString &sql)
{
    SqliteQuery query = prepared(sql);
    query.setFailureFlag(&m_failed);
    return query;
}

SqliteQuery SqliteDatabase::prepared(const QString &sql)
{
    auto found = m_statements.find(sql);
    if (found == m_statements.end()) {
        auto statement = std::make_unique<CachedStatement>(m_db);
        statement->query.setForwardOnly(true);
        if (!statement->query.prepare(sql)) {
            qCWarning(lcStorage).noquote()
                << "cannot prepare:" << statement->query.lastError().text() << "in"
                << sql.simplified();
            return SqliteQuery(nullptr);
        }
        found = m_statements.emplace(sql, std::move(statement)).first;
    }
    CachedStatement &cached = *found->second;
    if (!cached.inUse)
        return SqliteQuery(&cached.query, &cached.inUse);

    auto own = std::make_unique<QSqlQuery>(m_db);
    own->setForwardOnly(true);
    if (!own->prepare(sql))
        return SqliteQuery(nullptr);
    return SqliteQuery(std::move(own));
}

QStringList SqliteDatabase::preparedStatements() const
{
    QStringList texts;
    texts.reserve(qsizetype(m_statements.size()));
    for (const auto &[sql, statement] : m_statements)
        texts.append(sql);
    texts.sort();
    return texts;
}

qint64 SqliteDatabase::nextRevision()
{
    auto bump = query(u"UPDATE revision SET value = value + 1 WHERE id = 1"_s);
    if (!bump.exec() || bump.rowsAffected() != 1)
        return -1;
    return currentRevision();
}

qint64 SqliteDatabase::currentRevision()
{
    auto current = query(u"SELECT value FROM revision WHERE id = 1"_s);
    if (!current.exec() || !current.next())
        return -1;
    return current.int64(0);
}

bool SqliteDatabase::beginBatch()
{
    if (m_inBatch)
        return false;
    auto begin = query(u"BEGIN IMMEDIATE"_s);
    if (!begin.exec())
        return false;
    m_inBatch = true;
    m_batchLost = false;
    m_savepoints = 0;
    return true;
}

bool SqliteDatabase::commitBatch()
{
    if (!m_inBatch)
        return false;
    m_inBatch = false;
    bool committed = false;
    if (m_savepoints != 0) {
        // A job's savepoint outlived it: what it holds is not known to be whole.
        qCWarning(lcStorage) << "a batch ended with" << m_savepoints << "savepoints open";
    } else if (!m_batchLost) {
        auto commit = query(u"COMMIT"_s);
        committed = commit.exec();
    }
    if (committed) {
        countCommit();
        return true;
    }
    // A failed COMMIT (disk full) may leave the transaction open or may have ended it already;
    // either way none of it may stay. "No transaction is active" is not a new failure.
    QSqlQuery rollback(m_db);
    rollback.exec(u"ROLLBACK"_s);
    m_savepoints = 0;
    return false;
}

QString SqliteDatabase::openSavepoint()
{
    if (!m_inBatch || m_batchLost)
        return {};
    const QString name = u"parley_savepoint_%1"_s.arg(m_savepoints + 1);
    auto savepoint = query(u"SAVEPOINT "_s + name);
    if (!savepoint.exec())
        return {};
    ++m_savepoints;
    return name;
}

bool SqliteDatabase::releaseSavepoint(const QString &name)
{
    auto release = query(u"RELEASE "_s + name);
    if (!release.exec())
        return false;
    --m_savepoints;
    return true;
}

void SqliteDatabase::rollbackSavepoint(const QString &name)
{
    --m_savepoints;
    if (m_batchLost)
        return; // its savepoints went with it
    // Not run through query(): the failure that led here was already counted, and a rollback
    // that fails is handled by losing the batch rather than by failing one more call.
    QSqlQuery rollback(m_db);
    if (rollback.exec(u"ROLLBACK TO "_s + name) && rollback.exec(u"RELEASE "_s + name))
        return;
    qCWarning(lcStorage).noquote()
        << "the batch's transaction is gone:" << rollback.lastError().text();
    m_batchLost = true;
}

void SqliteDatabase::countCommit()
{
    if (m_observer.committed)
        m_observer.committed();
}

} // namespace parley::server
