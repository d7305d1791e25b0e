// SPDX-License-Identifier: GPL-3.0-or-later
#include "testserver.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcTestServer, "parley.test.server")

namespace parley::test {

TestServer::TestServer(const ConfigTweak &tweak)
{
    m_config.bindAddress = QHostAddress::LocalHost;
    m_config.port = 0;
    m_config.dataDir = m_dataDir.path();
    m_config.name = QStringLiteral("Parley test server");
    m_config.hashThreads = 2;
    // Suites send hundreds of messages from one connection and register many users from
    // 127.0.0.1: the abuse limits stay out of their way unless a test sets them.
    m_config.messageBurst = 100'000;
    m_config.registrationsPerAddress = 100'000;
    m_config.connectionsPerAddress = 100'000;
    m_config.typingPerSecond = 100'000;
    // Discovery on a port of its own: a server of one suite must not show up in the server
    // list of another suite's sign-in page running beside it (ctest -j).
    m_config.discoveryPort = 0;
    if (tweak)
        tweak(m_config);
}

TestServer::~TestServer()
{
    if (m_server)
        m_server->stop();
}

bool TestServer::start()
{
    if (!m_dataDir.isValid()) {
        qCWarning(lcTestServer) << "no temporary directory:" << m_dataDir.errorString();
        return false;
    }
    m_server = std::make_unique<server::ChatServer>(m_config);
    QString error;
    if (!m_server->start(&error)) {
        qCWarning(lcTestServer).noquote() << "server did not start:" << error;
        return false;
    }
    return m_server->port() != 0;
}

bool TestServer::restart(const ConfigTweak &tweak)
{
    if (m_server)
        m_server->stop();
    m_server.reset();
    if (tweak)
        tweak(m_config);
    return start();
}

QUrl TestServer::url() const
{
    return m_server ? m_server->url() : QUrl();
}

std::unique_ptr<TestClient> TestServer::connect() const
{
    auto client = std::make_unique<TestClient>();
    if (!client->open(url())) {
        qCWarning(lcTestServer) << "could not connect to" << url();
        return nullptr;
    }
    return client;
}

std::unique_ptr<TestClient> TestServer::signUp(const QString &name) const
{
    auto client = connect();
    if (!client || !client->registerUser(name).isValid())
        return nullptr;
    return client;
}

std::unique_ptr<TestClient> TestServer::connectAs(const Account &account) const
{
    auto client = connect();
    if (!client || !client->authenticate(account))
        return nullptr;
    return client;
}

} // namespace parley::test
