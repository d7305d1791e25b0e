// SPDX-License-Identifier: GPL-3.0-or-later
#include "authdeadlines.h"

#include "clientconnection.h"
#include "connectionregistry.h"

namespace parley::server {

AuthDeadlines::AuthDeadlines(const ConnectionRegistry &registry, std::chrono::milliseconds timeout,
                             QObject *parent)
    : QObject(parent)
    , m_registry(registry)
    , m_timeout(timeout)
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.callOnTimeout(this, &AuthDeadlines::expire);
}

void AuthDeadlines::watch(ClientConnection *connection)
{
    m_pending.push_back(
        {connection, connection->serial(), QDeadlineTimer(m_timeout, Qt::PreciseTimer)});
    if (!m_timer.isActive())
        scheduleNext();
}

void AuthDeadlines::expire()
{
    while (!m_pending.empty() && m_pending.front().deadline.hasExpired()) {
        const Pending pending = m_pending.front();
        m_pending.pop_front();
        ClientConnection *connection = pending.connection;
        if (!m_registry.all().contains(connection) || connection->serial() != pending.serial)
            continue; // gone already
        if (!connection->isAuthenticated())
            connection->close(QWebSocketProtocol::CloseCodePolicyViolated,
                              QStringLiteral("authentication timeout"));
    }
    scheduleNext();
}

void AuthDeadlines::scheduleNext()
{
    if (m_pending.empty())
        return;
    m_timer.start(std::max<qint64>(0, m_pending.front().deadline.remainingTime()));
}

} // namespace parley::server
