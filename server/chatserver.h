// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "config/serverconfig.h"
#include "storage/storerunner.h"

#include <QObject>
#include <QUrl>

#include <memory>

namespace parley::server {

// One Parley server instance: storage, auth and the WebSocket listener. The CLI, the tests and
// the app's host mode all run it through this class.
class ChatServer : public QObject
{
    Q_OBJECT

public:
    explicit ChatServer(ServerConfig config, QObject *parent = nullptr);
    ~ChatServer() override;

    // Replaces the SQLite store made from the config (tests and fuzzing use an in-memory one).
    // Call before start().
    void setStoreFactory(StoreRunner::Factory factory);

    // Opens the database (running migrations), loads or makes the token secret and starts
    // listening. On failure returns false with a message naming what failed.
    bool start(QString *error);
    void stop();

    QUrl url() const; // ws://address:port/ once started (wss:// with TLS)
    // SHA-256 of the TLS certificate as colon-separated hex; empty without TLS.
    QString tlsFingerprint() const;
    quint16 port() const;
    int connectionCount() const;

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace parley::server
