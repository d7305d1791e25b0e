// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace parley::server {

class SqliteDatabase;

// A transaction that rolls back unless commit() succeeded. Write transactions take the write lock
// up front (BEGIN IMMEDIATE) so that a read-then-write never fails half way on a busy database.
// Inside a batch (SqliteDatabase::beginBatch) it is a savepoint of the batch's transaction
// instead: commit() keeps its changes in the batch, which the batch's commit makes durable, and
// rolling back undoes its changes and nothing else.
class SqliteTransaction
{
public:
    enum class Mode { Read, Write };

    explicit SqliteTransaction(SqliteDatabase &db, Mode mode = Mode::Write);
    ~SqliteTransaction();
    SqliteTransaction(const SqliteTransaction &) = delete;
    SqliteTransaction &operator=(const SqliteTransaction &) = delete;

    bool isActive() const { return m_active; }
    bool commit();

private:
    SqliteDatabase &m_db;
    Mode m_mode;
    QString m_savepoint; // null outside a batch
    bool m_active = false;
};

} // namespace parley::server
