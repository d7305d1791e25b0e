// SPDX-License-Identifier: GPL-3.0-or-later
// The abuse limits of ServerConfig, each set low: every test shows the limit biting the abuser
// and, at the same time, a normal client (another connection, account or address) served as usual.
// Per-address limits are shown against a client connecting from 127.0.0.2.
#include "aliasaddressclient.h"
#include "protocolcheck.h"
#include "testserver.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace parley::test;
using parley::server::ServerConfig;

namespace {

const QHostAddress OtherAddress(u"127.0.0.2"_s);

qint64 retryAfterOf(const QJsonObject &response)
{
    return response.value("error"_L1).toObject().value("retryAfterMs"_L1).toInteger(-1);
}

QString uniqueEmail()
{
    return uniqueClientId() + "@example.test"_L1;
}

QJsonObject newAccount(const QString &name)
{
    return {{"name"_L1, name},
            {"email"_L1, uniqueEmail()},
            {"password"_L1, u"correct horse battery"_s}};
}

QJsonObject credentials(const QString &email, const QString &password)
{
    return {{"email"_L1, email}, {"password"_L1, password}};
}

TestClient::Predicate fromUser(const QString &userId)
{
    return [userId](const QJsonObject &data) {
        return data.value("userId"_L1).toString() == userId
            || data.value("message"_L1).toObject().value("sender"_L1).toObject().value("id"_L1)
            == userId;
    };
}

// The code of the one answer to a frame: its response, or an "error" event when the server could
// not read the frame's id.
QString answerCode(TestClient &client, const QString &id)
{
    if (!QTest::qWaitFor([&] { return client.hasResponse(id) || client.hasEvent(u"error"_s); },
                         ResponseTimeoutMs))
        return {};
    if (client.hasResponse(id))
        return errorCode(client.waitResponse(id, 0));
    return client.waitEvent(u"error"_s, {}, 0).value_or(QJsonObject()).value("code"_L1).toString();
}

QByteArray paddedRequest(const QByteArray &id, qsizetype totalBytes)
{
    const QByteArray head = R"({"id":")" + id + R"(","op":"server.info","data":{"padding":")";
    const QByteArray tail = R"("}})";
    return head + QByteArray(totalBytes - head.size() - tail.size(), 'p') + tail;
}

} // namespace

#define PARLEY_VERIFY_RATE_LIMITED(response)                                                       \
    do {                                                                                           \
        const QJsonObject &limited_ = (response);                                                  \
        PARLEY_VERIFY_ERROR(limited_, u"rate_limited"_s);                                          \
        QVERIFY2(retryAfterOf(limited_) > 0, describe(limited_).constData());                      \
    } while (false)

class tst_AbuseLimits : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void loginFailuresLockOneAccount();
    void loginAttemptsLockOneAddress();
    void registrationsPerAddress();
    void messageRatePerConnection();
    void connectionsPerAddress();
    void frameLimit();
    void messageContentLimit();
    void jsonDepth();
    void badFramesPerMinute();
    void typingPerSecond();
    void groupMaxMembers();
};

void tst_AbuseLimits::loginFailuresLockOneAccount()
{
    TestServer server([](ServerConfig &config) {
        config.loginFailuresPerAccount = 3;
        config.loginAttemptsPerAddress = 1'000;
    });
    QVERIFY(server.start());
    auto victim = server.signUp(u"Victim"_s);
    auto bystander = server.signUp(u"Bystander"_s);
    auto attacker = server.connect();
    QVERIFY(victim && bystander && attacker);
    const Account account = victim->account();

    for (int guess = 0; guess < 3; ++guess)
        PARLEY_VERIFY_ERROR(attacker->login(account.email, u"guess number %1"_s.arg(guess)),
                            u"unauthenticated"_s);
    // Locked now, even for the right password and whatever the case of the email.
    PARLEY_VERIFY_RATE_LIMITED(attacker->login(account.email, account.password));
    PARLEY_VERIFY_RATE_LIMITED(attacker->login(account.email.toUpper(), account.password));
    auto attackerAgain = server.connect();
    QVERIFY(attackerAgain);
    PARLEY_VERIFY_RATE_LIMITED(attackerAgain->login(account.email, account.password));

    // Meanwhile another account signs in from the same address, and the victim's own open
    // connection goes on working.
    auto other = server.connect();
    QVERIFY(other);
    PARLEY_VERIFY_OK(other->login(bystander->account().email, bystander->account().password));
    PARLEY_VERIFY_OK(victim->request(u"user.me"_s));
    PARLEY_VERIFY_OK(bystander->request(u"user.me"_s));
}

void tst_AbuseLimits::loginAttemptsLockOneAddress()
{
    TestServer server([](ServerConfig &config) {
        config.loginAttemptsPerAddress = 4;
        config.loginFailuresPerAccount = 1'000;
    });
    QVERIFY(server.start());
    auto member = server.signUp(u"Member"_s);
    auto returning = server.signUp(u"Returning"_s);
    auto attacker = server.connect();
    QVERIFY(member && returning && attacker);
    const Account account = member->account();
    const Account returningAccount = returning->account();
    returning->close();

    for (int attempt = 0; attempt < 4; ++attempt)
        PARLEY_VERIFY_ERROR(attacker->login(u"nobody%1@example.test"_s.arg(attempt), u"guess"_s),
                            u"unauthenticated"_s);
    // The address is locked out, for any account and on any connection.
    PARLEY_VERIFY_RATE_LIMITED(attacker->login(account.email, account.password));
    auto sameAddress = server.connect();
    QVERIFY(sameAddress);
    PARLEY_VERIFY_RATE_LIMITED(sameAddress->login(account.email, account.password));

    // Another address signs in as usual.
    AliasAddressClient elsewhere;
    QVERIFY(elsewhere.open(server.url(), OtherAddress));
    PARLEY_VERIFY_OK(
        elsewhere.request(u"auth.login"_s, credentials(account.email, account.password)));
    // From the locked address, a signed-in connection keeps working and a returning client signs in
    // with its token: only password guessing is limited.
    PARLEY_VERIFY_OK(member->request(u"user.me"_s));
    QVERIFY(server.connectAs(returningAccount));
}

void tst_AbuseLimits::registrationsPerAddress()
{
    TestServer server([](ServerConfig &config) { config.registrationsPerAddress = 3; });
    QVERIFY(server.start());
    auto resident = server.signUp(u"Resident"_s); // the first of three from 127.0.0.1
    auto spammer = server.connect();
    QVERIFY(resident && spammer);
    for (int i = 0; i < 2; ++i)
        QVERIFY(spammer->registerUser(u"Spam %1"_s.arg(i)).isValid());

    PARLEY_VERIFY_RATE_LIMITED(spammer->request(u"auth.register"_s, newAccount(u"Spam"_s)));
    auto spammerAgain = server.connect();
    QVERIFY(spammerAgain);
    PARLEY_VERIFY_RATE_LIMITED(spammerAgain->request(u"auth.register"_s, newAccount(u"Spam"_s)));

    // Someone at another address registers as usual, and the resident talks to them.
    AliasAddressClient elsewhere;
    QVERIFY(elsewhere.open(server.url(), OtherAddress));
    const QJsonObject registered =
        elsewhere.request(u"auth.register"_s, newAccount(u"Neighbour"_s));
    PARLEY_VERIFY_OK(registered);
    const QString neighbour =
        dataOf(registered).value("user"_L1).toObject().value("id"_L1).toString();
    const QString chatId = resident->directChat(neighbour);
    QVERIFY(!chatId.isEmpty());
    QVERIFY(!resident->sendMessage(chatId, u"welcome"_s).isEmpty());
}

void tst_AbuseLimits::messageRatePerConnection()
{
    TestServer server([](ServerConfig &config) {
        config.messageBurst = 5;
        config.messagesPerSecond = 1;
    });
    QVERIFY(server.start());
    auto sender = server.signUp(u"Sender"_s);
    auto peer = server.signUp(u"Peer"_s);
    QVERIFY(sender && peer);
    auto laptop = server.connectAs(sender->account());
    QVERIFY(laptop);
    const QString chatId = sender->directChat(peer->userId());
    QVERIFY(!chatId.isEmpty());

    // Seven sends on the wire at once: the burst of five goes through, the rest does not.
    QStringList ids;
    for (int i = 0; i < 7; ++i)
        ids.append(sender->send(u"message.send"_s,
                                {{"chatId"_L1, chatId},
                                 {"clientId"_L1, uniqueClientId()},
                                 {"content"_L1, u"burst %1"_s.arg(i)}}));
    for (int i = 0; i < 5; ++i)
        PARLEY_VERIFY_OK(sender->waitResponse(ids.at(i)));
    const QJsonObject limited = sender->waitResponse(ids.at(5));
    PARLEY_VERIFY_RATE_LIMITED(limited);
    PARLEY_VERIFY_RATE_LIMITED(sender->waitResponse(ids.at(6)));
    const qint64 retryAfter = retryAfterOf(limited);
    QVERIFY2(retryAfter <= 1'000, describe(limited).constData()); // one message at 1 per second

    // Meanwhile the same user's other connection and the peer send as usual.
    QVERIFY(!laptop->sendMessage(chatId, u"from the laptop"_s).isEmpty());
    QVERIFY(!peer->sendMessage(chatId, u"from the peer"_s).isEmpty());
    // The refused messages were never stored.
    const QJsonObject history = peer->request(u"message.history"_s, {{"chatId"_L1, chatId}});
    PARLEY_VERIFY_OK(history);
    QStringList contents;
    for (const auto &message : dataOf(history).value("messages"_L1).toArray())
        contents.append(message.toObject().value("content"_L1).toString());
    QCOMPARE(contents,
             QStringList({u"burst 0"_s, u"burst 1"_s, u"burst 2"_s, u"burst 3"_s, u"burst 4"_s,
                          u"from the laptop"_s, u"from the peer"_s}));

    // Having waited as told, the connection may send again.
    QTest::qWait(int(retryAfter));
    QVERIFY(!sender->sendMessage(chatId, u"after waiting"_s).isEmpty());
}

void tst_AbuseLimits::connectionsPerAddress()
{
    TestServer server([](ServerConfig &config) { config.connectionsPerAddress = 3; });
    QVERIFY(server.start());
    auto resident = server.signUp(u"Resident"_s);
    auto second = server.connect();
    auto third = server.connect();
    QVERIFY(resident && second && third);
    QTRY_COMPARE(server.server()->connectionCount(), 3);

    // The fourth from this address is closed for policy, whether or not its handshake finished.
    TestClient extra;
    (void)extra.open(server.url());
    QVERIFY(extra.waitForDisconnected());
    QCOMPARE(extra.closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);

    // Another address is served, and so are the connections already open.
    AliasAddressClient elsewhere;
    QVERIFY(elsewhere.open(server.url(), OtherAddress));
    PARLEY_VERIFY_OK(elsewhere.request(u"server.info"_s));
    PARLEY_VERIFY_OK(resident->request(u"user.me"_s));
    PARLEY_VERIFY_OK(second->request(u"server.info"_s));

    // When one leaves, there is room for another.
    third->close();
    QTRY_COMPARE(server.server()->connectionCount(), 3); // resident, second, elsewhere
    auto again = server.connect();
    QVERIFY(again);
    PARLEY_VERIFY_OK(again->request(u"server.info"_s));
}

void tst_AbuseLimits::frameLimit()
{
    TestServer server([](ServerConfig &config) { config.frameLimit = 1024; });
    QVERIFY(server.start());
    auto abuser = server.signUp(u"Abuser"_s);
    auto flooder = server.signUp(u"Flooder"_s);
    auto normal = server.signUp(u"Normal"_s);
    auto peer = server.signUp(u"Peer"_s);
    QVERIFY(abuser && flooder && normal && peer);
    const QString chatId = normal->directChat(peer->userId());
    QVERIFY(!chatId.isEmpty());

    // Over the limit: too_large, and the connection stays usable.
    abuser->sendRaw(paddedRequest("big", 2'000));
    QCOMPARE(answerCode(*abuser, u"big"_s), u"too_large"_s);
    PARLEY_VERIFY_OK(abuser->request(u"user.me"_s));
    // Far over it: too_large too, or a close with 1009 before the frame is even read.
    flooder->sendRaw(paddedRequest("huge", 64 * 1024));
    QVERIFY(
        QTest::qWaitFor([&] { return flooder->hasResponse(u"huge"_s) || !flooder->isConnected(); },
                        ResponseTimeoutMs));
    if (flooder->isConnected())
        PARLEY_VERIFY_ERROR(flooder->waitResponse(u"huge"_s), u"too_large"_s);
    else
        QCOMPARE(flooder->closeCode(), QWebSocketProtocol::CloseCodeTooMuchData);

    // A normal message under the limit goes through meanwhile.
    const QString content = repeated(u"n", 500);
    QVERIFY(!normal->sendMessage(chatId, content).isEmpty());
    const auto delivered = peer->waitEvent(u"message.new"_s, fromUser(normal->userId()));
    QVERIFY(delivered);
    QCOMPARE(delivered->value("message"_L1).toObject().value("content"_L1).toString(), content);
}

void tst_AbuseLimits::messageContentLimit()
{
    TestServer server;
    QVERIFY(server.start());
    auto abuser = server.signUp(u"Abuser"_s);
    auto normal = server.signUp(u"Normal"_s);
    QVERIFY(abuser && normal);
    const QString chatId = abuser->directChat(normal->userId());
    QVERIFY(!chatId.isEmpty());

    const auto send = [&](TestClient &client, const QString &content) {
        return client.request(
            u"message.send"_s,
            {{"chatId"_L1, chatId}, {"clientId"_L1, uniqueClientId()}, {"content"_L1, content}});
    };
    // Counted in code points: 4001 emoji are 4001 characters, not 8002 UTF-16 units.
    PARLEY_VERIFY_ERROR(send(*abuser, repeated(u"x", 4'001)), u"bad_request"_s);
    PARLEY_VERIFY_ERROR(send(*abuser, repeated(u"🦜", 4'001)), u"bad_request"_s);
    PARLEY_VERIFY_OK(send(*abuser, repeated(u"🦜", 4'000)));
    PARLEY_VERIFY_OK(send(*normal, repeated(u"y", 4'000)));
    PARLEY_VERIFY_OK(send(*normal, u"short"_s));
}

void tst_AbuseLimits::jsonDepth()
{
    TestServer server([](ServerConfig &config) { config.jsonDepth = 4; });
    QVERIFY(server.start());
    auto abuser = server.signUp(u"Abuser"_s);
    auto normal = server.signUp(u"Normal"_s);
    auto peer = server.signUp(u"Peer"_s);
    QVERIFY(abuser && normal && peer);
    const QString chatId = normal->directChat(peer->userId());
    QVERIFY(!chatId.isEmpty());

    // Envelope, data, a, b, c: five levels where four are allowed.
    abuser->sendRaw(R"({"id":"deep","op":"user.me","data":{"a":{"b":{"c":{}}}}})");
    QCOMPARE(answerCode(*abuser, u"deep"_s), u"bad_request"_s);
    // Four levels are fine.
    abuser->sendRaw(R"({"id":"level","op":"user.me","data":{"a":{"b":{}}}})");
    PARLEY_VERIFY_OK(abuser->waitResponse(u"level"_s));
    // A nesting bomb gets the same answer, and the connection stays usable.
    abuser->sendRaw(QByteArray(60'000, '['));
    QCOMPARE(answerCode(*abuser, QString()), u"bad_request"_s);
    PARLEY_VERIFY_OK(abuser->request(u"user.me"_s));

    // Meanwhile a normal client sends and is heard.
    QVERIFY(!normal->sendMessage(chatId, u"plain and flat"_s).isEmpty());
    QVERIFY(peer->waitEvent(u"message.new"_s, fromUser(normal->userId())));
}

void tst_AbuseLimits::badFramesPerMinute()
{
    TestServer server([](ServerConfig &config) { config.badFramesPerMinute = 3; });
    QVERIFY(server.start());
    auto abuser = server.signUp(u"Abuser"_s);
    auto normal = server.signUp(u"Normal"_s);
    QVERIFY(abuser && normal);

    for (int i = 0; i < 3; ++i) {
        abuser->sendRaw("not JSON at all");
        QVERIFY(abuser->waitEvent(u"error"_s));
    }
    QVERIFY(abuser->isConnected());
    abuser->sendRaw("not JSON at all");
    QVERIFY(abuser->waitForDisconnected());
    QCOMPARE(abuser->closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);

    // The count is per connection: a client that slips once is only told so.
    normal->sendRaw("not JSON at all");
    QVERIFY(normal->waitEvent(u"error"_s));
    PARLEY_VERIFY_OK(normal->request(u"user.me"_s));
}

void tst_AbuseLimits::typingPerSecond()
{
    constexpr int PerSecond = 2;
    constexpr int Groups = 8;
    TestServer server([](ServerConfig &config) {
        config.typingPerSecond = PerSecond;
        config.typingExpiry = 60s; // no typing ends by itself during the test
    });
    QVERIFY(server.start());
    auto flooder = server.signUp(u"Flooder"_s);
    auto typist = server.signUp(u"Typist"_s);
    auto observer = server.signUp(u"Observer"_s);
    QVERIFY(flooder && typist && observer);
    // One typing state per chat: a typing.start in each of several chats is several events.
    QStringList groups;
    for (int i = 0; i < Groups; ++i) {
        groups.append(
            observer->createGroup(u"Room %1"_s.arg(i), {flooder->userId(), typist->userId()}));
        QVERIFY(!groups.last().isEmpty());
    }

    QElapsedTimer elapsed;
    elapsed.start();
    for (const QString &chatId : std::as_const(groups))
        flooder->fire(u"typing.start"_s, {{"chatId"_L1, chatId}});
    PARLEY_VERIFY_OK(flooder->request(u"user.me"_s)); // every typing frame has been dispatched
    const qint64 floodMs = elapsed.elapsed();

    // The typist's start reaches the observer after whatever of the flood went through: the
    // server looks members up in the order the frames came.
    typist->fire(u"typing.start"_s, {{"chatId"_L1, groups.first()}});
    QVERIFY(observer->waitEvent(u"typing"_s, fromUser(typist->userId())));
    qsizetype shown = 0;
    for (const QJsonObject &event : observer->takeEvents(u"typing"_s))
        shown += fromUser(flooder->userId())(event) ? 1 : 0;
    // The burst allowance plus what refilled while the flood was being handled.
    const qsizetype allowed = PerSecond + qsizetype(floodMs * PerSecond / 1000);
    QVERIFY2(shown >= 1 && shown <= allowed,
             qPrintable(u"%1 typing events shown, %2 allowed"_s.arg(shown).arg(allowed)));
    // The excess was dropped silently; the flooder is still served.
    QVERIFY(flooder->expectNoEvent(u"error"_s, {}, 0));
    PARLEY_VERIFY_OK(flooder->request(u"user.me"_s));
}

void tst_AbuseLimits::groupMaxMembers()
{
    TestServer server([](ServerConfig &config) { config.groupMaxMembers = 4; });
    QVERIFY(server.start());
    auto admin = server.signUp(u"Admin"_s);
    QVERIFY(admin);
    QStringList others;
    std::vector<std::unique_ptr<TestClient>> people;
    for (int i = 0; i < 5; ++i) {
        people.push_back(server.signUp(u"Person %1"_s.arg(i)));
        QVERIFY(people.back());
        others.append(people.back()->userId());
    }

    // Five members where four are allowed: refused.
    PARLEY_VERIFY_ERROR(
        admin->request(u"chat.createGroup"_s,
                       {{"name"_L1, u"Crowd"_s},
                        {"userIds"_L1, QJsonArray::fromStringList(others.mid(0, 4))}}),
        u"bad_request"_s);
    // Four are fine; a fifth added later is refused as a conflict with the group's state.
    const QString full = admin->createGroup(u"Full"_s, others.mid(0, 3));
    QVERIFY(!full.isEmpty());
    PARLEY_VERIFY_ERROR(
        admin->request(u"chat.addMember"_s, {{"chatId"_L1, full}, {"userId"_L1, others.at(3)}}),
        u"conflict"_s);
    QCOMPARE(admin->chatFromList(full).value("members"_L1).toArray().size(), 4);

    // Another admin's group below the limit grows as usual meanwhile.
    TestClient &otherAdmin = *people.at(3);
    const QString small = otherAdmin.createGroup(u"Small"_s, {others.at(0), others.at(1)});
    QVERIFY(!small.isEmpty());
    PARLEY_VERIFY_OK(otherAdmin.request(u"chat.addMember"_s,
                                        {{"chatId"_L1, small}, {"userId"_L1, others.at(4)}}));
    QCOMPARE(otherAdmin.chatFromList(small).value("members"_L1).toArray().size(), 4);
}

QTEST_GUILESS_MAIN(tst_AbuseLimits)
#include "tst_abuse_limits.moc"
