// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqlitequery.h"

#include "storagelog.h"

#include <QSqlError>

namespace parley::server {

SqliteQuery::SqliteQuery(QSqlQuery *cached, bool *inUse)
    : m_query(cached)
    , m_inUse(inUse)
{
    *m_inUse = true;
}

SqliteQuery::SqliteQuery(std::unique_ptr<QSqlQuery> ownQuery)
    : m_query(ownQuery.get())
    , m_own(std::move(ownQuery))
{ }

SqliteQuery::SqliteQuery(SqliteQuery &&other) noexcept
    : m_query(std::exchange(other.m_query, nullptr))
    , m_inUse(std::exchange(other.m_inUse, nullptr))
    , m_own(std::move(other.m_own))
    , m_nextBinding(other.m_nextBinding)
    , m_failed(other.m_failed)
{ }

SqliteQuery::~SqliteQuery()
{
    if (m_query)
        m_query->finish();
    if (m_inUse)
        *m_inUse = false;
}

SqliteQuery &SqliteQuery::bind(const QVariant &value)
{
    if (m_query)
        m_query->bindValue(m_nextBinding, value);
    ++m_nextBinding;
    return *this;
}

bool SqliteQuery::exec()
{
    if (!m_query) {
        if (m_failed)
            *m_failed = true;
        return false;
    }
    m_nextBinding = 0;
    if (m_query->exec())
        return true;
    if (m_failed)
        *m_failed = true;
    qCWarning(lcStorage).noquote() << "statement failed:" << m_query->lastError().text() << "in"
                                   << m_query->lastQuery().simplified();
    return false;
}

bool SqliteQuery::next()
{
    return m_query && m_query->next();
}

QVariant SqliteQuery::value(int column) const
{
    return m_query ? m_query->value(column) : QVariant();
}

bool SqliteQuery::isNull(int column) const
{
    return !m_query || m_query->isNull(column);
}

qint64 SqliteQuery::int64(int column) const
{
    return value(column).toLongLong();
}

QString SqliteQuery::text(int column) const
{
    return isNull(column) ? QString() : value(column).toString();
}

qint64 SqliteQuery::lastInsertId() const
{
    return m_query ? m_query->lastInsertId().toLongLong() : -1;
}

int SqliteQuery::rowsAffected() const
{
    return m_query ? m_query->numRowsAffected() : 0;
}

} // namespace parley::server
