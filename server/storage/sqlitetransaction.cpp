// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqlitetransaction.h"

#include "sqlitedatabase.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace parley::server {

SqliteTransaction::SqliteTransaction(SqliteDatabase &db, Mode mode)
    : m_db(db)
    , m_mode(mode)
{
    if (m_db.inBatch()) {
        m_savepoint = m_db.openSavepoint();
        m_active = !m_savepoint.isNull();
        return;
    }
    auto begin = m_db.query(mode == Mode::Write ? u"BEGIN IMMEDIATE"_s : u"BEGIN"_s);
    m_active = begin.exec();
}

SqliteTransaction::~SqliteTransaction()
{
    if (!m_active)
        return;
    if (!m_savepoint.isNull()) {
        m_db.rollbackSavepoint(m_savepoint);
        return;
    }
    // After a failed COMMIT (disk full) SQLite may have rolled back already; then this ROLLBACK
    // fails with "no transaction is active". That is not a new failure, so it is neither logged
    // nor counted: the statement that failed first already was.
    QSqlQuery rollback(m_db.connection());
    rollback.exec(u"ROLLBACK"_s);
}

bool SqliteTransaction::commit()
{
    if (!m_active)
        return false;
    if (!m_savepoint.isNull()) {
        if (!m_db.releaseSavepoint(m_savepoint))
            return false; // the destructor rolls back
        m_active = false;
        return true;
    }
    auto commit = m_db.query(u"COMMIT"_s);
    if (!commit.exec())
        return false; // the destructor rolls back
    m_active = false;
    if (m_mode == Mode::Write)
        m_db.countCommit();
    return true;
}

} // namespace parley::server
