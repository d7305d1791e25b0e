// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "chatserver.h"
#include "config/serverconfig.h"
#include "gatetransport.h"
#include "memorysecretstore.h"
#include "session.h"

#include <QAbstractItemModelTester>
#include <QTemporaryDir>

#include <memory>
#include <vector>

namespace parley::test {

inline constexpr int SlowMs = 20'000; // sign-ups hash passwords on two shared cores

// An in-process ChatServer on 127.0.0.1 that can stop and come back on the same port with
// the same data, as after a crash or an upgrade.
class AppServer
{
public:
    AppServer();
    ~AppServer();

    [[nodiscard]] bool start(); // the first start takes an ephemeral port, later ones reuse it
    void stop();
    QString url() const;
    bool running() const { return m_server != nullptr; }
    // Read at the next start.
    server::ServerConfig &config() { return m_config; }

private:
    QTemporaryDir m_dataDir;
    server::ServerConfig m_config;
    std::unique_ptr<server::ChatServer> m_server;
};

// One installation of the app: a Session with its own settings file, data directory and
// keychain, and a model tester around every list model it owns.
class AppClient
{
public:
    // dir holds settings and data; secrets may be shared to model a restart of the app.
    AppClient(const QString &dir, client::MemorySecretStore *secrets = nullptr);
    ~AppClient();

    client::Session *operator->() const { return m_session.get(); }
    client::Session &session() const { return *m_session; }
    client::MemorySecretStore *secrets() const { return m_secrets; }
    // The client's link, which a test may cut to take just this client offline.
    GateTransport *gate() const { return m_gate; }

    // Signs up and waits until signed in and online (false with a message on failure).
    [[nodiscard]] bool signUp(const QString &url, const QString &name);
    [[nodiscard]] bool waitOnline(int timeoutMs = SlowMs) const;
    // Waits until the chat list holds chatId.
    [[nodiscard]] bool waitForChat(const QString &chatId, int timeoutMs = SlowMs) const;

private:
    client::MemorySecretStore *m_secrets;
    GateTransport *m_gate = nullptr;
    std::unique_ptr<client::MemorySecretStore> m_ownSecrets;
    std::unique_ptr<client::Session> m_session;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> m_testers;
};

// The address a test signs name up with: lower case, blanks dropped.
QString emailFor(const QString &name);
inline const QString Password = QStringLiteral("correct horse battery");

} // namespace parley::test
