// SPDX-License-Identifier: GPL-3.0-or-later
// Typing indicators, presence, and the connection lifecycle: the authentication deadline, idle
// connections and the Origin allowlist.
#include "protocolcheck.h"
#include "rawwebsocket.h"
#include "testserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace parley::test;

namespace {

TestClient::Predicate typingIs(const QString &chatId, const QString &userId, bool typing)
{
    return [=](const QJsonObject &data) {
        return data.value("chatId"_L1).toString() == chatId
            && data.value("userId"_L1).toString() == userId
            && data.value("typing"_L1) == QJsonValue(typing);
    };
}

TestClient::Predicate presenceIs(const QString &userId, bool online)
{
    return [=](const QJsonObject &data) {
        return data.value("userId"_L1).toString() == userId
            && data.value("online"_L1) == QJsonValue(online);
    };
}

// Whether `viewer` sees `userId` online among the members of `chatId`.
QJsonValue onlineInChat(TestClient &viewer, const QString &chatId, const QString &userId)
{
    const QJsonArray members = viewer.chatFromList(chatId).value("members"_L1).toArray();
    for (const auto &member : members) {
        if (member.toObject().value("id"_L1).toString() == userId)
            return member.toObject().value("online"_L1);
    }
    return {};
}

} // namespace

class tst_ServerRealtime : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void typingReachesOtherMembersOnly();
    void typingExpiresByItself();
    void typingStopEndsIt();
    void typingFromNonMemberIsDropped();

    void presenceFollowsConnections();
    void presenceIsHiddenFromStrangers();

    void unauthenticatedConnectionIsClosedAfterDeadline();
    void silentConnectionIsClosed_data();
    void silentConnectionIsClosed();
    void originIsChecked_data();
    void originIsChecked();
};

void tst_ServerRealtime::typingReachesOtherMembersOnly()
{
    TestServer server;
    QVERIFY(server.start());
    auto alice = server.signUp(u"Alice"_s);
    auto bob = server.signUp(u"Bob"_s);
    auto carol = server.signUp(u"Carol"_s);
    auto stranger = server.signUp(u"Stranger"_s);
    QVERIFY(alice && bob && carol && stranger);
    const QString chatId = alice->createGroup(u"Team"_s, {bob->userId(), carol->userId()});
    QVERIFY(!chatId.isEmpty());
    const int responsesBefore = alice->responseCount();

    alice->fire(u"typing.start"_s, {{"chatId"_L1, chatId}});
    for (TestClient *member : {bob.get(), carol.get()}) {
        const auto event = member->waitEvent(u"typing"_s, typingIs(chatId, alice->userId(), true));
        QVERIFY(event);
        QCOMPARE(event->value("name"_L1).toString(), u"Alice"_s);
    }
    QVERIFY(alice->expectNoEvent(u"typing"_s));
    QVERIFY(stranger->expectNoEvent(u"typing"_s, {}, 0));
    QCOMPARE(alice->responseCount(), responsesBefore); // fire-and-forget: never answered
    PARLEY_VERIFY_OK(alice->request(u"user.me"_s));
}

void tst_ServerRealtime::typingExpiresByItself()
{
    TestServer server([](auto &config) { config.typingExpiry = 400ms; });
    QVERIFY(server.start());
    auto alice = server.signUp(u"Alice"_s);
    auto bob = server.signUp(u"Bob"_s);
    QVERIFY(alice && bob);
    const QString chatId = alice->directChat(bob->userId());
    QVERIFY(!chatId.isEmpty());

    alice->fire(u"typing.start"_s, {{"chatId"_L1, chatId}});
    QVERIFY(bob->waitEvent(u"typing"_s, typingIs(chatId, alice->userId(), true)));
    const auto ended = bob->waitEvent(u"typing"_s, typingIs(chatId, alice->userId(), false));
    QVERIFY(ended);
    QCOMPARE(ended->value("name"_L1).toString(), u"Alice"_s);
    QVERIFY(alice->expectNoEvent(u"typing"_s, {}, 0));
}

void tst_ServerRealtime::typingStopEndsIt()
{
    TestServer server; // the default 6 s expiry is far beyond the wait below
    QVERIFY(server.start());
    auto alice = server.signUp(u"Alice"_s);
    auto bob = server.signUp(u"Bob"_s);
    QVERIFY(alice && bob);
    const QString chatId = alice->directChat(bob->userId());
    QVERIFY(!chatId.isEmpty());
    const int responsesBefore = alice->responseCount();

    alice->fire(u"typing.start"_s, {{"chatId"_L1, chatId}});
    QVERIFY(bob->waitEvent(u"typing"_s, typingIs(chatId, alice->userId(), true)));
    alice->fire(u"typing.stop"_s, {{"chatId"_L1, chatId}});
    QVERIFY(bob->waitEvent(u"typing"_s, typingIs(chatId, alice->userId(), false), 3'000));
    QVERIFY(alice->expectNoEvent(u"typing"_s));
    QCOMPARE(alice->responseCount(), responsesBefore);
}

void tst_ServerRealtime::typingFromNonMemberIsDropped()
{
    TestServer server([](auto &config) { config.typingExpiry = 400ms; });
    QVERIFY(server.start());
    auto alice = server.signUp(u"Alice"_s);
    auto bob = server.signUp(u"Bob"_s);
    auto intruder = server.signUp(u"Intruder"_s);
    QVERIFY(alice && bob && intruder);
    const QString chatId = alice->directChat(bob->userId());
    QVERIFY(!chatId.isEmpty());
    const int responsesBefore = intruder->responseCount();

    intruder->fire(u"typing.start"_s, {{"chatId"_L1, chatId}});
    intruder->fire(u"typing.start"_s, {{"chatId"_L1, u"987654"_s}});
    intruder->fire(u"typing.stop"_s, {{"chatId"_L1, chatId}});
    // Long enough for a start and its expiry to have come through.
    QVERIFY(alice->expectNoEvent(u"typing"_s, {}, 800));
    QVERIFY(bob->expectNoEvent(u"typing"_s, {}, 0));
    QVERIFY(intruder->expectNoEvent(u"typing"_s, {}, 0));
    QVERIFY(intruder->expectNoEvent(u"error"_s, {}, 0));
    QCOMPARE(intruder->responseCount(), responsesBefore);
    QVERIFY(intruder->isConnected());
    PARLEY_VERIFY_OK(intruder->request(u"user.me"_s));
}

void tst_ServerRealtime::presenceFollowsConnections()
{
    TestServer server;
    QVERIFY(server.start());
    auto alice = server.signUp(u"Alice"_s);
    auto bob = server.signUp(u"Bob"_s);
    QVERIFY(alice && bob);
    const QString chatId = bob->directChat(alice->userId());
    QVERIFY(!chatId.isEmpty());
    const Account account = alice->account();
    QCOMPARE(onlineInChat(*bob, chatId, account.id), QJsonValue(true));

    // A second connection: closing one of two leaves Alice online.
    auto aliceLaptop = server.connectAs(account);
    QVERIFY(aliceLaptop);
    alice->close();
    QVERIFY(bob->expectNoEvent(u"presence"_s, presenceIs(account.id, false)));
    QCOMPARE(onlineInChat(*bob, chatId, account.id), QJsonValue(true));

    aliceLaptop->close();
    QVERIFY(bob->waitEvent(u"presence"_s, presenceIs(account.id, false)));
    QCOMPARE(onlineInChat(*bob, chatId, account.id), QJsonValue(false));

    // Signing in again (not merely connecting) brings her back.
    auto again = server.connect();
    QVERIFY(again);
    QVERIFY(bob->expectNoEvent(u"presence"_s, presenceIs(account.id, true)));
    QVERIFY(again->authenticate(account));
    QVERIFY(bob->waitEvent(u"presence"_s, presenceIs(account.id, true)));
    QCOMPARE(onlineInChat(*bob, chatId, account.id), QJsonValue(true));
}

void tst_ServerRealtime::presenceIsHiddenFromStrangers()
{
    TestServer server;
    QVERIFY(server.start());
    auto alice = server.signUp(u"Alice"_s);
    auto bob = server.signUp(u"Bob"_s);
    auto stranger = server.signUp(u"Stranger"_s);
    QVERIFY(alice && bob && stranger);
    QVERIFY(!bob->directChat(alice->userId()).isEmpty());
    const Account account = alice->account();

    alice->close();
    QVERIFY(bob->waitEvent(u"presence"_s, presenceIs(account.id, false)));
    auto again = server.connectAs(account);
    QVERIFY(again);
    QVERIFY(bob->waitEvent(u"presence"_s, presenceIs(account.id, true)));
    QVERIFY(stranger->expectNoEvent(u"presence"_s));
}

void tst_ServerRealtime::unauthenticatedConnectionIsClosedAfterDeadline()
{
    // The user registers first, so that slow hashing cannot run into the short deadline.
    TestServer server;
    QVERIFY(server.start());
    auto registering = server.signUp(u"Prompt"_s);
    QVERIFY(registering);
    const Account account = registering->account();
    registering.reset();
    QVERIFY(server.restart([](auto &config) { config.authTimeout = 500ms; }));

    auto idle = server.connect();
    auto signedIn = server.connectAs(account);
    auto browsing = server.connect(); // talks, but never signs in
    QVERIFY(idle && signedIn && browsing);
    PARLEY_VERIFY_OK(browsing->request(u"server.info"_s));

    QVERIFY(idle->waitForDisconnected(10'000));
    QCOMPARE(idle->closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
    QVERIFY(browsing->waitForDisconnected(10'000));
    QCOMPARE(browsing->closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);

    QVERIFY(signedIn->isConnected());
    PARLEY_VERIFY_OK(signedIn->request(u"user.me"_s));
}

void tst_ServerRealtime::silentConnectionIsClosed_data()
{
    QTest::addColumn<std::chrono::milliseconds>("pingInterval");
    QTest::addColumn<std::chrono::milliseconds>("idleTimeout");
    QTest::newRow("every connection pinged at once") << 200ms << 2'000ms;
    // From two seconds up, connections are pinged a slice per second.
    QTest::newRow("pinged a slice at a time") << 2'000ms << 6'000ms;
}

void tst_ServerRealtime::silentConnectionIsClosed()
{
    QFETCH(std::chrono::milliseconds, pingInterval);
    QFETCH(std::chrono::milliseconds, idleTimeout);
    TestServer server([=](auto &config) {
        config.pingInterval = pingInterval;
        config.idleTimeout = idleTimeout;
    });
    QVERIFY(server.start());
    auto owner = server.signUp(u"Quiet"_s);
    QVERIFY(owner);

    // A client that signs in, then never answers a ping.
    RawWebSocket silent;
    QVERIFY(silent.open(server.url()));
    const QJsonObject auth{
        {"id"_L1, u"a1"_s},
        {"op"_L1, u"auth.token"_s},
        {"data"_L1, QJsonObject{{"accessToken"_L1, owner->account().accessToken}}}};
    silent.sendFrame(RawWebSocket::Text, QJsonDocument(auth).toJson(QJsonDocument::Compact));
    QVERIFY(silent.waitForText(10'000));
    QVERIFY(QJsonDocument::fromJson(silent.takeText()).object().value("ok"_L1).toBool());

    QVERIFY(silent.waitForDisconnected(15'000));
    QVERIFY(silent.sawPing());
    // QWebSocket answers pings by itself, so the other connection lives on.
    QVERIFY(owner->isConnected());
    PARLEY_VERIFY_OK(owner->request(u"user.me"_s));
}

void tst_ServerRealtime::originIsChecked_data()
{
    QTest::addColumn<QStringList>("allowed");
    QTest::addColumn<QString>("origin");
    QTest::addColumn<bool>("accepted");

    const QStringList none;
    const QStringList site{u"https://chat.example"_s};
    QTest::newRow("no allowlist, no Origin") << none << QString() << true;
    QTest::newRow("no allowlist, a browser page") << none << u"https://evil.example"_s << false;
    QTest::newRow("allowlisted Origin") << site << u"https://chat.example"_s << true;
    QTest::newRow("other Origin") << site << u"https://evil.example"_s << false;
    QTest::newRow("look-alike Origin") << site << u"https://chat.example.evil.example"_s << false;
    QTest::newRow("allowlist, no Origin") << site << QString() << true;
}

void tst_ServerRealtime::originIsChecked()
{
    QFETCH(QStringList, allowed);
    QFETCH(QString, origin);
    QFETCH(bool, accepted);
    TestServer server([&](auto &config) { config.allowedOrigins = allowed; });
    QVERIFY(server.start());

    TestClient client;
    QCOMPARE(client.open(server.url(), origin), accepted);
    if (accepted)
        PARLEY_VERIFY_OK(client.request(u"server.info"_s));

    // A refused handshake does not disturb anyone else.
    auto other = server.connect();
    QVERIFY(other);
    PARLEY_VERIFY_OK(other->request(u"server.info"_s));
}

QTEST_GUILESS_MAIN(tst_ServerRealtime)
#include "tst_server_realtime.moc"
