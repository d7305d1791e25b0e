// SPDX-License-Identifier: GPL-3.0-or-later
#include "revocationwatcher.h"

#include "storage/sqlitestore.h"
#include "storage/storerunner.h"

namespace parley::server {

namespace {

// Looking back further than the last poll covers a revocation that another process stamped just
// before our previous look but committed just after it.
constexpr qint64 OverlapSeconds = 60;

} // namespace

RevocationWatcher::RevocationWatcher(QString databasePath, QObject *parent)
    : QObject(parent)
    , m_path(std::move(databasePath))
{
    m_timer.callOnTimeout(this, &RevocationWatcher::poll);
}

RevocationWatcher::~RevocationWatcher()
{
    m_timer.stop();
    if (m_store)
        m_store->drain();
}

bool RevocationWatcher::start(QString *error, std::chrono::milliseconds interval)
{
    m_store = std::make_unique<StoreRunner>(
        [path = m_path] { return std::make_unique<SqliteStore>(path); });
    if (!m_store->open(error))
        return false;
    m_since = QDateTime::currentDateTimeUtc();
    m_timer.start(interval);
    return true;
}

void RevocationWatcher::poll()
{
    if (m_polling) // a slow disk: one look at a time
        return;
    m_polling = true;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QDateTime since = m_since.addSecs(-OverlapSeconds);
    m_store->run(
        this, [since](Store &store) { return store.sessionsRevokedSince(since); },
        [this, now](const QStringList &revoked) {
            m_polling = false;
            m_since = now;
            if (!revoked.isEmpty())
                emit sessionsRevoked(revoked);
        });
}

} // namespace parley::server
