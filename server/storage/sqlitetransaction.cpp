#include "sqlitetransaction.h"

#include "sqlitedatabase.h"

using namespace Qt::StringLiterals;

namespace parley::server {

SqliteTransaction::SqliteTransaction(SqliteDatabase &db, Mode mode)
    : m_db(db)
{
    auto begin = m_db.query(mode == Mode::Write ? u"BEGIN IMMEDIATE"_s : u"BEGIN"_s);
    m_active = begin.exec();
}

SqliteTransaction::~SqliteTransaction()
{
    if (m_active)
        m_db.query(u"ROLLBACK"_s).exec();
}

bool SqliteTransaction::commit()
{
    if (!m_active)
        return false;
    auto commit = m_db.query(u"COMMIT"_s);
    if (!commit.exec())
        return false; // the destructor rolls back
    m_active = false;
    return true;
}

} // namespace parley::server
