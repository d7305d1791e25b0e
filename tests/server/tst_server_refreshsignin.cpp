// SPDX-License-Identifier: GPL-3.0-or-later
// auth.refresh signs the connection in, exactly as auth.token and auth.login do: the connection
// acts as the user, keeps its place past the authentication deadline, makes the user online for
// its contacts, and a disabled account is refused.
#include "protocolcheck.h"
#include "storage/sqlitestore.h"
#include "testserver.h"

#include <QDir>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace parley::test;

namespace {

TestClient::Predicate presenceIs(const QString &userId, bool online)
{
    return [=](const QJsonObject &data) {
        return data.value("userId"_L1).toString() == userId
            && data.value("online"_L1) == QJsonValue(online);
    };
}

QJsonObject refresh(TestClient &client, const Account &account)
{
    return client.request(u"auth.refresh"_s, {{"refreshToken"_L1, account.refreshToken}});
}

} // namespace

class tst_ServerRefreshSignIn : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void refreshSignsTheConnectionIn();
    void refreshedConnectionOutlivesTheAuthDeadline();
    void refreshMakesTheUserOnline();
    void refreshRefusesADisabledAccount();
};

void tst_ServerRefreshSignIn::refreshSignsTheConnectionIn()
{
    TestServer server;
    QVERIFY(server.start());
    auto owner = server.signUp(u"Refresher"_s);
    QVERIFY(owner);

    auto client = server.connect();
    QVERIFY(client);
    PARLEY_VERIFY_OK(refresh(*client, owner->account()));
    const QJsonObject me = client->request(u"user.me"_s);
    PARLEY_VERIFY_OK(me);
    QCOMPARE(dataOf(me).value("user"_L1).toObject().value("id"_L1).toString(), owner->account().id);
    PARLEY_VERIFY_OK(client->request(u"chat.list"_s));
}

void tst_ServerRefreshSignIn::refreshedConnectionOutlivesTheAuthDeadline()
{
    // Long enough for the sign-up's own connection to finish hashing on a loaded machine.
    TestServer server([](auto &config) { config.authTimeout = 4000ms; });
    QVERIFY(server.start());
    auto owner = server.signUp(u"Late"_s); // before the clock matters: hashing may be slow
    QVERIFY(owner);

    auto client = server.connect();
    QVERIFY(client);
    PARLEY_VERIFY_OK(refresh(*client, owner->account()));
    QTest::qWait(5000);
    QVERIFY(client->isConnected());
    PARLEY_VERIFY_OK(client->request(u"user.me"_s));
}

void tst_ServerRefreshSignIn::refreshMakesTheUserOnline()
{
    TestServer server;
    QVERIFY(server.start());
    auto alice = server.signUp(u"Alice"_s);
    auto bob = server.signUp(u"Bob"_s);
    QVERIFY(alice && bob);
    QVERIFY(!bob->directChat(alice->userId()).isEmpty());
    const Account account = alice->account();
    alice->close();
    QVERIFY(bob->waitEvent(u"presence"_s, presenceIs(account.id, false)));

    auto again = server.connect();
    QVERIFY(again);
    PARLEY_VERIFY_OK(refresh(*again, account));
    QVERIFY(bob->waitEvent(u"presence"_s, presenceIs(account.id, true)));
}

void tst_ServerRefreshSignIn::refreshRefusesADisabledAccount()
{
    TestServer server;
    QVERIFY(server.start());
    auto owner = server.signUp(u"Disabled"_s);
    QVERIFY(owner);
    {
        // Disabled behind the server's back, sessions left alive: only the flag may stop it.
        parley::server::SqliteStore store(QDir(server.config().dataDir).filePath(u"parley.db"_s));
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        QVERIFY(store.setUserDisabled(owner->account().id, true));
    }
    auto client = server.connect();
    QVERIFY(client);
    PARLEY_VERIFY_ERROR(refresh(*client, owner->account()), u"unauthenticated"_s);
    PARLEY_VERIFY_ERROR(client->request(u"user.me"_s), u"unauthenticated"_s);
}

QTEST_MAIN(tst_ServerRefreshSignIn)
#include "tst_server_refreshsignin.moc"
