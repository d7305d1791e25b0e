// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSqlQuery>
#include <QVariant>

#include <memory>
#include <utility>

namespace parley::server {

// One use of a prepared statement: bind in order, exec, read, and on destruction the statement
// is reset so that it holds no read lock and can be used again. Failures are logged.
class SqliteQuery
{
public:
    // A statement owned by the connection's cache; *inUse is set while this object lives.
    SqliteQuery(QSqlQuery *cached, bool *inUse);
    // A statement made for this use alone (or nullptr when it could not be prepared).
    explicit SqliteQuery(std::unique_ptr<QSqlQuery> ownQuery);
    SqliteQuery(SqliteQuery &&other) noexcept;
    SqliteQuery(const SqliteQuery &) = delete;
    SqliteQuery &operator=(const SqliteQuery &) = delete;
    SqliteQuery &operator=(SqliteQuery &&) = delete;
    ~SqliteQuery();

    SqliteQuery &bind(const QVariant &value);
    bool exec();
    bool next();

    QVariant value(int column) const;
    bool isNull(int column) const;
    qint64 int64(int column) const;
    QString text(int column) const; // null for SQL NULL

    qint64 lastInsertId() const;
    int rowsAffected() const;

    // Where a failed exec() is recorded (the database's failure flag).
    void setFailureFlag(bool *failed) { m_failed = failed; }

private:
    QSqlQuery *m_query = nullptr;
    bool *m_inUse = nullptr;
    std::unique_ptr<QSqlQuery> m_own;
    int m_nextBinding = 0;
    bool *m_failed = nullptr;
};

} // namespace parley::server
