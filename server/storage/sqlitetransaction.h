#pragma once

namespace parley::server {

class SqliteDatabase;

// A transaction that rolls back unless commit() succeeded. Write transactions take the write lock
// up front (BEGIN IMMEDIATE) so that a read-then-write never fails half way on a busy database.
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
    bool m_active = false;
};

} // namespace parley::server
