// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDeadlineTimer>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <deque>

namespace parley::server {

class ClientConnection;
class ConnectionRegistry;

// Closes connections that do not sign in within the timeout. One timer for the whole server, not
// one per connection: every connection gets the same timeout, so deadlines expire in the order the
// connections arrived and a queue is enough. Idle connections then cost no timer object each.
class AuthDeadlines : public QObject
{
    Q_OBJECT

public:
    AuthDeadlines(const ConnectionRegistry &registry, std::chrono::milliseconds timeout,
                  QObject *parent = nullptr);

    void watch(ClientConnection *connection);

private:
    struct Pending
    {
        ClientConnection *connection; // checked against the registry before use
        quint64 serial; // tells a reused address from the connection watched
        QDeadlineTimer deadline;
    };

    void expire();
    void scheduleNext();

    const ConnectionRegistry &m_registry;
    std::chrono::milliseconds m_timeout;
    std::deque<Pending> m_pending;
    QTimer m_timer;
};

} // namespace parley::server
