// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QObject>
#include <QStringList>
#include <QTimer>

#include <chrono>
#include <memory>

namespace parley::server {

class StoreRunner;

// The running server's side of `user disable` and `user reset-password`: those commands revoke
// sessions from another process, so the server looks for sessions revoked lately, through its
// own connection on the store thread, and reports them to be closed.
class RevocationWatcher : public QObject
{
    Q_OBJECT

public:
    static constexpr std::chrono::milliseconds DefaultInterval{2'000};

    explicit RevocationWatcher(QString databasePath, QObject *parent = nullptr);
    ~RevocationWatcher() override;

    bool start(QString *error, std::chrono::milliseconds interval = DefaultInterval);

signals:
    // Sessions revoked since the last look (some possibly reported before: closing is idempotent).
    void sessionsRevoked(const QStringList &sessionIds);

private:
    void poll();

    QString m_path;
    std::unique_ptr<StoreRunner> m_store;
    QTimer m_timer;
    QDateTime m_since;
    bool m_polling = false;
};

} // namespace parley::server
