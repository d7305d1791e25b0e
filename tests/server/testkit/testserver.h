// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "chatserver.h"
#include "config/serverconfig.h"
#include "testclient.h"

#include <QTemporaryDir>

#include <functional>
#include <memory>

namespace parley::test {

// An in-process ChatServer on 127.0.0.1 with an ephemeral port and a throw-away data directory.
class TestServer
{
public:
    using ConfigTweak = std::function<void(server::ServerConfig &)>;

    explicit TestServer(const ConfigTweak &tweak = {});
    ~TestServer();

    [[nodiscard]] bool start(); // logs the reason when the server does not start
    // Stops, changes the configuration and starts again on the same data (on a new port).
    [[nodiscard]] bool restart(const ConfigTweak &tweak);
    QUrl url() const;
    server::ChatServer *server() const { return m_server.get(); }
    const server::ServerConfig &config() const { return m_config; }

    // A connection that has not signed in; null when the handshake fails.
    std::unique_ptr<TestClient> connect() const;
    // A freshly registered user, signed in on a new connection; null on failure.
    std::unique_ptr<TestClient> signUp(const QString &name) const;
    // Another connection of an existing account, signed in with its access token.
    std::unique_ptr<TestClient> connectAs(const Account &account) const;

private:
    QTemporaryDir m_dataDir;
    server::ServerConfig m_config;
    std::unique_ptr<server::ChatServer> m_server;
};

} // namespace parley::test
