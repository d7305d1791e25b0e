// SPDX-License-Identifier: GPL-3.0-or-later
// What the app says and keeps when the keychain refuses: a Session signing in over a scripted
// transport, with a keychain that refuses every write.
#include "faketransport.h"
#include "memorysecretstore.h"
#include "results.h"
#include "session.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using parley::client::MemorySecretStore;
using parley::client::Session;
using parley::test::FakeTransport;

namespace {

const QString Server = u"127.0.0.1:7447"_s;
const QString Email = u"ana@example.org"_s;

} // namespace

class TestKeychainRefused : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    MemorySecretStore m_keychain;
    FakeTransport *m_transport = nullptr;

    std::unique_ptr<Session> makeSession()
    {
        Session::Options options;
        options.secrets = &m_keychain;
        options.settingsFile = m_dir.filePath(u"settings.ini"_s);
        options.dataDir = m_dir.filePath(u"data"_s);
        options.transportFactory = [this] {
            m_transport = new FakeTransport;
            return m_transport;
        };
        return std::make_unique<Session>(options);
    }

    // Plays the server's side of auth.login for Ana.
    bool signIn(Session &session)
    {
        session.signIn(Server, Email, u"long enough"_s);
        if (!QTest::qWaitFor([this] { return m_transport->hasRequest(u"auth.login"_s); }))
            return false;
        const QJsonObject login = m_transport->takeRequest(u"auth.login"_s);
        parley::AuthResult auth;
        auth.user = {u"u1"_s, u"Ana"_s, Email, {}, true};
        auth.accessToken = u"a1"_s;
        auth.refreshToken = u"r1"_s;
        m_transport->reply(login, auth.toJson());
        return QTest::qWaitFor([&] { return session.signedIn(); });
    }

private slots:
    void init() { QStandardPaths::setTestModeEnabled(true); }

    void aRefusedKeychainIsToldInTheApp()
    {
        m_keychain.refuseWrites = u"the user cancelled the prompt"_s;
        auto session = makeSession();
        QSignalSpy told(session.get(), &Session::actionFailed);
        QVERIFY(signIn(*session));
        QTRY_COMPARE(told.count(), 1);
        QVERIFY(told.at(0).at(0).toString().contains(u"keychain"_s));
        QVERIFY(told.at(0).at(0).toString().contains(u"the user cancelled the prompt"_s));
    }

    void serverAndEmailAreRememberedAfterSignOut()
    {
        {
            auto session = makeSession();
            QVERIFY(signIn(*session));
            session->signOut();
        }
        auto restarted = makeSession();
        QVERIFY(!restarted->restore());
        QCOMPARE(restarted->recentServers().value(0), Session::normalizeServer(Server));
        QCOMPARE(restarted->property("lastEmail").toString(), Email);
    }
};

QTEST_MAIN(TestKeychainRefused)
#include "tst_keychainrefused.moc"
