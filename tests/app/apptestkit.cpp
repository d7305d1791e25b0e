// SPDX-License-Identifier: GPL-3.0-or-later
#include "apptestkit.h"

#include "chatlistmodel.h"
#include "connection.h"
#include "messagemodel.h"
#include "notificationmodel.h"
#include "typingmodel.h"
#include "usersearchmodel.h"

#include <QLoggingCategory>
#include <QTest>

using namespace Qt::StringLiterals;

namespace parley::test {

Q_LOGGING_CATEGORY(lcAppTest, "parley.test.app")

AppServer::AppServer()
{
    m_config.bindAddress = QHostAddress::LocalHost;
    m_config.port = 0;
    m_config.dataDir = m_dataDir.path();
    m_config.name = u"Parley app test server"_s;
    m_config.hashThreads = 2;
    // Tests send in bursts no person types; tst_session's rate limit case lowers it again.
    m_config.messageBurst = 500;
}

AppServer::~AppServer()
{
    stop();
}

bool AppServer::start()
{
    if (m_server)
        return true;
    m_server = std::make_unique<server::ChatServer>(m_config);
    QString error;
    if (!m_server->start(&error)) {
        qCWarning(lcAppTest).noquote() << "server did not start:" << error;
        m_server.reset();
        return false;
    }
    m_config.port = m_server->port(); // a restart comes back where clients look for it
    return true;
}

void AppServer::stop()
{
    if (!m_server)
        return;
    m_server->stop();
    m_server.reset();
}

QString AppServer::url() const
{
    return u"ws://127.0.0.1:%1/"_s.arg(m_config.port);
}

AppClient::AppClient(const QString &dir, client::MemorySecretStore *secrets)
    : m_secrets(secrets)
{
    if (!m_secrets) {
        m_ownSecrets = std::make_unique<client::MemorySecretStore>();
        m_secrets = m_ownSecrets.get();
    }
    client::Session::Options options;
    options.secrets = m_secrets;
    options.settingsFile = dir + u"/settings.ini"_s;
    options.dataDir = dir + u"/data"_s;
    options.transportFactory = [this] {
        m_gate = new GateTransport;
        return m_gate;
    };
    m_session = std::make_unique<client::Session>(options);
    const auto mode = QAbstractItemModelTester::FailureReportingMode::QtTest;
    for (QAbstractItemModel *model : std::initializer_list<QAbstractItemModel *>{
             m_session->chats(), m_session->messages(), m_session->notifications(),
             m_session->userSearch(), m_session->typing()})
        m_testers.push_back(std::make_unique<QAbstractItemModelTester>(model, mode));
}

AppClient::~AppClient()
{
    m_testers.clear();
    m_session.reset();
}

bool AppClient::signUp(const QString &url, const QString &name)
{
    m_session->signUp(url, name, emailFor(name), Password);
    if (!QTest::qWaitFor([this] { return m_session->state() != client::Session::SigningIn; },
                         SlowMs)
        || !m_session->signedIn()) {
        qCWarning(lcAppTest) << "sign-up of" << name << "failed:" << m_session->fieldErrors()
                             << m_session->generalError();
        return false;
    }
    return waitOnline();
}

bool AppClient::waitOnline(int timeoutMs) const
{
    const bool online = QTest::qWaitFor(
        [this] { return m_session->online() && !m_session->chats()->loading(); }, timeoutMs);
    if (!online)
        qCWarning(lcAppTest) << m_session->userName() << "did not come online; connection state"
                             << m_session->connection()->state();
    return online;
}

bool AppClient::waitForChat(const QString &chatId, int timeoutMs) const
{
    return QTest::qWaitFor([&] { return m_session->chats()->chat(chatId) != nullptr; }, timeoutMs);
}

QString emailFor(const QString &name)
{
    return name.toLower().remove(u' ') + u"@example.org"_s;
}

} // namespace parley::test
