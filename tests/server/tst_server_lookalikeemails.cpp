// SPDX-License-Identifier: GPL-3.0-or-later
// Emails that only look different: compatibility forms (fullwidth letters, ligatures, the Kelvin
// sign) and case name one account. Registering a look-alike is a conflict, signing in with one
// finds the account, and the address is shown as it was entered.
#include "protocolcheck.h"
#include "testserver.h"

#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace parley::test;

namespace {

constexpr auto Password = "correct horse battery"_L1;

void addLookAlikes()
{
    QTest::addColumn<QString>("first");
    QTest::addColumn<QString>("second");
    QTest::newRow("fullwidth domain") << u"alice@example.test"_s << u"alice@ｅｘａｍｐｌｅ.test"_s;
    QTest::newRow("fullwidth local part")
        << u"alice@example.test"_s << u"ａｌｉｃｅ@example.test"_s;
    QTest::newRow("fullwidth capitals") << u"alice@example.test"_s << u"ＡＬＩＣＥ@Example.test"_s;
    QTest::newRow("registered fullwidth, then plain")
        << u"ａｌｉｃｅ@example.test"_s << u"Alice@example.test"_s;
    QTest::newRow("ligature") << u"finn@example.test"_s << u"ﬁnn@example.test"_s;
    QTest::newRow("Kelvin sign") << u"kim@example.test"_s << u"\u212Aim@example.test"_s;
    QTest::newRow("mathematical bold") << u"bob@example.test"_s << u"\U0001D41Bob@example.test"_s;
}

} // namespace

class tst_ServerLookAlikeEmails : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void registerRefusesLookAlike_data() { addLookAlikes(); }
    void registerRefusesLookAlike();
    void loginWithLookAlikeFindsTheAccount_data() { addLookAlikes(); }
    void loginWithLookAlikeFindsTheAccount();
};

void tst_ServerLookAlikeEmails::registerRefusesLookAlike()
{
    QFETCH(QString, first);
    QFETCH(QString, second);
    TestServer server;
    QVERIFY(server.start());
    auto firstClient = server.connect();
    QVERIFY(firstClient);
    QVERIFY(firstClient->registerUser(u"First"_s, {{"email"_L1, first}}).isValid());

    auto secondClient = server.connect();
    QVERIFY(secondClient);
    const QJsonObject response = secondClient->request(
        u"auth.register"_s,
        {{"name"_L1, u"Second"_s}, {"email"_L1, second}, {"password"_L1, Password}});
    PARLEY_VERIFY_ERROR(response, u"conflict"_s); // the answer a duplicate email gets
    // and it names the input to blame, so the app marks the email field without reading words
    QCOMPARE(response.value("error"_L1).toObject().value("field"_L1).toString(), u"email"_s);
    PARLEY_VERIFY_ERROR(secondClient->request(u"user.me"_s), u"unauthenticated"_s);
}

void tst_ServerLookAlikeEmails::loginWithLookAlikeFindsTheAccount()
{
    QFETCH(QString, first);
    QFETCH(QString, second);
    TestServer server;
    QVERIFY(server.start());
    auto owner = server.connect();
    QVERIFY(owner);
    const Account account = owner->registerUser(u"Owner"_s, {{"email"_L1, first}});
    QVERIFY(account.isValid());

    auto client = server.connect();
    QVERIFY(client);
    const QJsonObject response = client->login(second, account.password);
    PARLEY_VERIFY_OK(response);
    const QJsonObject user = dataOf(response).value("user"_L1).toObject();
    QCOMPARE(user.value("id"_L1).toString(), account.id);
    QCOMPARE(user.value("email"_L1).toString(), first); // shown as it was entered
    PARLEY_VERIFY_OK(client->request(u"user.me"_s));
}

QTEST_GUILESS_MAIN(tst_ServerLookAlikeEmails)
#include "tst_server_lookalikeemails.moc"
