// SPDX-License-Identifier: GPL-3.0-or-later
// message.send (membership, content rules, idempotency, fan-out, seq), message.history paging,
// message.edit, message.delete and chat.markRead with unread counts.
#include "protocolcheck.h"
#include "testserver.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace parley::test;

namespace {

QJsonObject messageOf(const QJsonObject &response)
{
    return dataOf(response).value("message"_L1).toObject();
}

TestClient::Predicate messageIdIs(const QString &messageId)
{
    return [messageId](const QJsonObject &data) {
        return data.value("message"_L1).toObject().value("id"_L1).toString() == messageId;
    };
}

QJsonObject sendData(const QString &chatId, const QJsonValue &content, const QString &clientId = {})
{
    return {{"chatId"_L1, chatId},
            {"clientId"_L1, clientId.isEmpty() ? uniqueClientId() : clientId},
            {"content"_L1, content}};
}

// Sends `count` messages without waiting in between; returns the messages the server stored.
QList<QJsonObject> sendMany(TestClient &client, const QString &chatId, int count,
                            const QString &prefix)
{
    QStringList ids;
    for (int i = 0; i < count; ++i)
        ids.append(
            client.send(u"message.send"_s, sendData(chatId, QString(prefix + QString::number(i)))));
    QList<QJsonObject> messages;
    for (const QString &id : std::as_const(ids)) {
        const QJsonObject response = client.waitResponse(id);
        if (!isOk(response))
            qWarning().noquote() << "message.send failed:" << describe(response);
        messages.append(messageOf(response));
    }
    return messages;
}

QJsonObject history(TestClient &client, const QString &chatId, const QJsonObject &extra = {})
{
    QJsonObject data = extra;
    data.insert("chatId"_L1, chatId);
    return client.request(u"message.history"_s, data);
}

QList<qint64> range(qint64 first, qint64 last)
{
    QList<qint64> seqs;
    for (qint64 seq = first; seq <= last; ++seq)
        seqs.append(seq);
    return seqs;
}

bool isIsoUtcWithMilliseconds(const QJsonValue &value)
{
    static const QRegularExpression format(
        u"^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$"_s);
    return format.match(value.toString()).hasMatch();
}

} // namespace

class tst_ServerMessages : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void sendReachesEveryConnectionOfEveryMember();
    void sendByNonMemberIsForbiddenAndLeaksNothing();
    void sendValidatesContent_data();
    void sendValidatesContent();
    void sendValidatesClientId_data();
    void sendValidatesClientId();
    void resendWithSameClientIdStoresOnce();
    void clientIdIsScopedToSenderAndChat();
    void seqHasNoGapsUnderConcurrentSenders();

    void historyPagesThroughEverything();
    void historyValidatesLimitAndMembership();

    void editBySenderUpdatesEveryone();
    void editByOthersIsRefused();
    void deleteBySenderOrGroupAdmin();
    void deleteByOthersIsRefused();

    void markReadMovesForwardAndDrivesUnreadCount();
    void markReadByNonMemberIsForbidden();
};

void tst_ServerMessages::sendReachesEveryConnectionOfEveryMember()
{
    TestServer server;
    QVERIFY(server.start());
    auto alice = server.signUp(u"Alice"_s);
    auto bob = server.signUp(u"Bob"_s);
    auto stranger = server.signUp(u"Stranger"_s);
    QVERIFY(alice && bob && stranger);
    auto aliceLaptop = server.connectAs(alice->account());
    auto bobLaptop = server.connectAs(bob->account());
    QVERIFY(aliceLaptop && bobLaptop);
    const QString chatId = alice->directChat(bob->userId());
    QVERIFY(!chatId.isEmpty());

    const QString clientId = uniqueClientId();
    const QJsonObject response =
        alice->request(u"message.send"_s, sendData(chatId, u"Hello, Bob"_s, clientId));
    PARLEY_VERIFY_OK(response);
    const QJsonObject message = messageOf(response);
    QVERIFY(!message.value("id"_L1).toString().isEmpty());
    QCOMPARE(message.value("chatId"_L1).toString(), chatId);
    QCOMPARE(message.value("seq"_L1).toInt(), 1);
    QCOMPARE(message.value("content"_L1).toString(), u"Hello, Bob"_s);
    QCOMPARE(message.value("clientId"_L1).toString(), clientId);
    QCOMPARE(message.value("deleted"_L1), QJsonValue(false));
    QVERIFY(message.contains("editedAt"_L1) && message.value("editedAt"_L1).isNull());
    QVERIFY2(isIsoUtcWithMilliseconds(message.value("createdAt"_L1)),
             describe(message).constData());
    const QJsonObject sender = message.value("sender"_L1).toObject();
    QCOMPARE(sender.value("id"_L1).toString(), alice->userId());
    QCOMPARE(sender.value("name"_L1).toString(), u"Alice"_s);
    QVERIFY(sender.contains("avatar"_L1));
    QVERIFY(!containsKeyLike(message, u"email") && !containsKeyLike(message, u"pass"));

    for (TestClient *client : {aliceLaptop.get(), bob.get(), bobLaptop.get()}) {
        const auto event = client->waitEvent(u"message.new"_s);
        QVERIFY(event);
        QCOMPARE(event->value("message"_L1).toObject(), message);
    }
    QVERIFY(stranger->expectNoEvent(u"message.new"_s));
}

void tst_ServerMessages::sendByNonMemberIsForbiddenAndLeaksNothing()
{
    TestServer server;
    QVERIFY(server.start());
    auto alice = server.signUp(u"Alice"_s);
    auto bob = server.signUp(u"Bob"_s);
    auto intruder = server.signUp(u"Intruder"_s);
    QVERIFY(alice && bob && intruder);
    const QString chatId = alice->directChat(bob->userId());
    QVERIFY(!chatId.isEmpty());

    const QJsonObject response =
        intruder->request(u"message.send"_s, sendData(chatId, u"let me in"_s));
    PARLEY_VERIFY_ERROR(response, u"forbidden"_s);
    QVERIFY(!describe(response).contains("Alice") && !describe(response).contains("Bob"));
    PARLEY_VERIFY_ERROR(intruder->request(u"message.send"_s, sendData(u"987654"_s, u"hello?"_s)),
                        u"not_found"_s);
    QVERIFY(bob->expectNoEvent(u"message.new"_s));
    QVERIFY(alice->expectNoEvent(u"message.new"_s, {}, 0));
    QVERIFY(intruder->expectNoEvent(u"message.new"_s, {}, 0));

    // Only then does a member's message arrive, to members only.
    QVERIFY(!alice->sendMessage(chatId, u"members only"_s).isEmpty());
    QVERIFY(bob->waitEvent(u"message.new"_s));
    QVERIFY(intruder->expectNoEvent(u"message.new"_s));
    const QJsonObject page = history(*bob, chatId);
    QCOMPARE(seqsOf(dataOf(page).value("messages"_L1).toArray()), QList<qint64>{1});
}

void tst_ServerMessages::sendValidatesContent_data()
{
    QTest::addColumn<QJsonValue>("content");
    QTest::addColumn<QString>("stored"); // null: refused with bad_request

    QTest::newRow("plain") << QJsonValue(u"hi"_s) << u"hi"_s;
    QTest::newRow("trimmed") << QJsonValue(u"  \n\thello there \t\n "_s) << u"hello there"_s;
    QTest::newRow("inner space kept") << QJsonValue(u"a  \n  b"_s) << u"a  \n  b"_s;
    QTest::newRow("1 char") << QJsonValue(u"x"_s) << u"x"_s;
    QTest::newRow("4000 chars") << QJsonValue(QString(4000, u'x')) << QString(4000, u'x');
    QTest::newRow("4000 chars inside spaces")
        << QJsonValue(u"   "_s + QString(4000, u'x') + u"   "_s) << QString(4000, u'x');
    // An emoji is one code point but two UTF-16 units and four UTF-8 bytes.
    QTest::newRow("4000 emoji") << QJsonValue(repeated(u"😀", 4000)) << repeated(u"😀", 4000);
    QTest::newRow("empty") << QJsonValue(u""_s) << QString();
    QTest::newRow("only white space") << QJsonValue(u" \n\t  \r\n "_s) << QString();
    QTest::newRow("4001 chars") << QJsonValue(QString(4001, u'x')) << QString();
    QTest::newRow("4001 emoji") << QJsonValue(repeated(u"😀", 4001)) << QString();
    QTest::newRow("missing") << QJsonValue(QJsonValue::Undefined) << QString();
    QTest::newRow("a number") << QJsonValue(42) << QString();
}

void tst_ServerMessages::sendValidatesContent()
{
    QFETCH(QJsonValue, content);
    QFETCH(QString, stored);
    TestServer server;
    QVERIFY(server.start());
    auto alice = server.signUp(u"Alice"_s);
    auto bob = server.signUp(u"Bob"_s);
    QVERIFY(alice && bob);
    const QString chatId = alice->directChat(bob->userId());
    QVERIFY(!chatId.isEmpty());

    QJsonObject data = sendData(chatId, content);
    if (content.isUndefined())
        data.remove("content"_L1);
    const QJsonObject response = alice->request(u"message.send"_s, data);
    if (stored.isNull()) {
        PARLEY_VERIFY_ERROR(response, u"bad_request"_s);
        QVERIFY2(errorMessage(response).contains(u"content"_s, Qt::CaseInsensitive),
                 describe(response).constData());
        QVERIFY(bob->expectNoEvent(u"message.new"_s));
        QVERIFY(dataOf(history(*bob, chatId)).value("messages"_L1).toArray().isEmpty());
        return;
    }
    PARLEY_VERIFY_OK(response);
    QCOMPARE(messageOf(response).value("content"_L1).toString(), stored);
    const QJsonArray messages = dataOf(history(*bob, chatId)).value("messages"_L1).toArray();
    QCOMPARE(messages.size(), 1);
    QCOMPARE(messages.first().toObject().value("content"_L1).toString(), stored);
}

void tst_ServerMessages::sendValidatesClientId_data()
{
    QTest::addColumn<QJsonValue>("clientId");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("64 chars") << QJsonValue(QString(64, u'c')) << true;
    QTest::newRow("65 chars") << QJsonValue(QString(65, u'c')) << false;
    QTest::newRow("empty") << QJsonValue(u""_s) << false;
    QTest::newRow("missing") << QJsonValue(QJsonValue::Undefined) << false;
    QTest::newRow("a number") << QJsonValue(17) << false;
}

void tst_ServerMessages::sendValidatesClientId()
{
    QFETCH(QJsonValue, clientId);
    QFETCH(bool, accepted);
    TestServer server;
    QVERIFY(server.start());
    auto alice = server.signUp(u"Alice"_s);
    auto bob = server.signUp(u"Bob"_s);
    QVERIFY(alice && bob);
    const QString chatId = alice->directChat(bob->userId());
    QVERIFY(!chatId.isEmpty());

    QJsonObject data{{"chatId"_L1, chatId}, {"content"_L1, u"hello"_s}};
    if (!clientId.isUndefined())
        data.insert("clientId"_L1, clientId);
    const QJsonObject response = alice->request(u"message.send"_s, data);
    if (accepted) {
        PARLEY_VERIFY_OK(response);
        QCOMPARE(messageOf(response).value("clientId"_L1), clientId);
    } else {
        PARLEY_VERIFY_ERROR(response, u"bad_request"_s);
        QVERIFY2(errorMessage(response).contains(u"clientId"_s, Qt::CaseInsensitive),
                 describe(response).constData());
    }
}

void tst_ServerMessages::resendWithSameClientIdStoresOnce()
{
    TestServer server;
    QVERIFY(server.start());
    auto alice = server.signUp(u"Alice"_s);
    auto bob = server.signUp(u"Bob"_s);
    QVERIFY(alice && bob);
    auto aliceLaptop = server.connectAs(alice->account());
    QVERIFY(aliceLaptop);
    const QString chatId = alice->directChat(bob->userId());
    QVERIFY(!chatId.isEmpty());

    const QString clientId = uniqueClientId();
    const QJsonObject first = alice->sendMessage(chatId, u"only once"_s, clientId);
    QVERIFY(!first.isEmpty());
    QVERIFY(bob->waitEvent(u"message.new"_s));

    // A resend after a lost response, from this connection and from another of the sender's.
    const QJsonObject again = alice->sendMessage(chatId, u"only once"_s, clientId);
    QCOMPARE(again.value("id"_L1), first.value("id"_L1));
    QCOMPARE(again.value("seq"_L1), first.value("seq"_L1));
    const QJsonObject fromLaptop = aliceLaptop->sendMessage(chatId, u"only once"_s, clientId);
    QCOMPARE(fromLaptop.value("id"_L1), first.value("id"_L1));
    // Whatever the resend carries, the stored message is what comes back.
    const QJsonObject changed = alice->sendMessage(chatId, u"something else"_s, clientId);
    QCOMPARE(changed, first);

    // Two copies on the wire at once still make one message.
    const QString racingClientId = uniqueClientId();
    const QString one =
        alice->send(u"message.send"_s, sendData(chatId, u"racing"_s, racingClientId));
    const QString two =
        alice->send(u"message.send"_s, sendData(chatId, u"racing"_s, racingClientId));
    const QJsonObject racingOne = alice->waitResponse(one);
    const QJsonObject racingTwo = alice->waitResponse(two);
    PARLEY_VERIFY_OK(racingOne);
    PARLEY_VERIFY_OK(racingTwo);
    QCOMPARE(messageOf(racingTwo).value("id"_L1), messageOf(racingOne).value("id"_L1));

    QVERIFY(bob->waitEvent(u"message.new"_s));
    QVERIFY(bob->expectNoEvent(u"message.new"_s));
    const QJsonArray messages = dataOf(history(*bob, chatId)).value("messages"_L1).toArray();
    QCOMPARE(seqsOf(messages), (QList<qint64>{1, 2}));
}

void tst_ServerMessages::clientIdIsScopedToSenderAndChat()
{
    TestServer server;
    QVERIFY(server.start());
    auto alice = server.signUp(u"Alice"_s);
    auto bob = server.signUp(u"Bob"_s);
    auto carol = server.signUp(u"Carol"_s);
    QVERIFY(alice && bob && carol);
    const QString withBob = alice->directChat(bob->userId());
    const QString withCarol = alice->directChat(carol->userId());
    QVERIFY(!withBob.isEmpty() && !withCarol.isEmpty());

    const QString clientId = uniqueClientId();
    const QJsonObject mine = alice->sendMessage(withBob, u"from Alice"_s, clientId);
    QVERIFY(!mine.isEmpty());

    // The same clientId from another sender is another message.
    const QJsonObject bobs = bob->sendMessage(withBob, u"from Bob"_s, clientId);
    QVERIFY(!bobs.isEmpty());
    QVERIFY(bobs.value("id"_L1) != mine.value("id"_L1));
    QCOMPARE(bobs.value("seq"_L1).toInt(), 2);

    // The same sender and clientId in another chat is a client bug: conflict, nothing stored.
    PARLEY_VERIFY_ERROR(alice->request(u"message.send"_s, sendData(withCarol, u"oops"_s, clientId)),
                        u"conflict"_s);
    QVERIFY(dataOf(history(*carol, withCarol)).value("messages"_L1).toArray().isEmpty());
    QVERIFY(carol->expectNoEvent(u"message.new"_s));
}

void tst_ServerMessages::seqHasNoGapsUnderConcurrentSenders()
{
    TestServer server;
    QVERIFY(server.start());
    auto alice = server.signUp(u"Alice"_s);
    auto bob = server.signUp(u"Bob"_s);
    auto carol = server.signUp(u"Carol"_s);
    QVERIFY(alice && bob && carol);
    const QString chatId = alice->createGroup(u"Busy"_s, {bob->userId(), carol->userId()});
    QVERIFY(!chatId.isEmpty());

    constexpr int PerSender = 20;
    QStringList aliceIds;
    QStringList bobIds;
    for (int i = 0; i < PerSender; ++i) {
        aliceIds.append(alice->send(u"message.send"_s, sendData(chatId, u"a%1"_s.arg(i))));
        bobIds.append(bob->send(u"message.send"_s, sendData(chatId, u"b%1"_s.arg(i))));
    }
    QList<qint64> seqs;
    for (int i = 0; i < PerSender; ++i) {
        for (const QJsonObject &response :
             {alice->waitResponse(aliceIds[i]), bob->waitResponse(bobIds[i])}) {
            PARLEY_VERIFY_OK(response);
            seqs.append(messageOf(response).value("seq"_L1).toInteger());
        }
    }
    std::sort(seqs.begin(), seqs.end());
    QCOMPARE(seqs, range(1, 2 * PerSender));

    // A bystander member receives them in seq order.
    QList<qint64> received;
    for (int i = 0; i < 2 * PerSender; ++i) {
        const auto event = carol->waitEvent(u"message.new"_s);
        QVERIFY(event);
        received.append(event->value("message"_L1).toObject().value("seq"_L1).toInteger());
    }
    QCOMPARE(received, range(1, 2 * PerSender));
}

void tst_ServerMessages::historyPagesThroughEverything()
{
    TestServer server;
    QVERIFY(server.start());
    auto alice = server.signUp(u"Alice"_s);
    auto bob = server.signUp(u"Bob"_s);
    QVERIFY(alice && bob);
    const QString chatId = alice->directChat(bob->userId());
    QVERIFY(!chatId.isEmpty());
    constexpr int Total = 130;
    const QList<QJsonObject> sent = sendMany(*alice, chatId, Total, u"m"_s);
    QCOMPARE(sent.size(), Total);

    // Default page: the newest 50, ascending.
    const QJsonObject newest = history(*bob, chatId);
    PARLEY_VERIFY_OK(newest);
    QCOMPARE(seqsOf(dataOf(newest).value("messages"_L1).toArray()), range(81, 130));
    QCOMPARE(dataOf(newest).value("hasMore"_L1), QJsonValue(true));
    const QJsonObject last = dataOf(newest).value("messages"_L1).toArray().last().toObject();
    QCOMPARE(last.value("id"_L1), sent.last().value("id"_L1));
    QCOMPARE(last.value("content"_L1).toString(), u"m129"_s);

    // Paging back with beforeSeq visits every message exactly once.
    QList<qint64> seen;
    QStringList ids;
    QJsonObject page = dataOf(newest);
    for (int pages = 0; pages < 10; ++pages) {
        const QJsonArray messages = page.value("messages"_L1).toArray();
        const QList<qint64> seqs = seqsOf(messages);
        QVERIFY(std::is_sorted(seqs.begin(), seqs.end()));
        seen = seqs + seen;
        ids = idsOf(messages) + ids;
        if (!page.value("hasMore"_L1).toBool())
            break;
        const QJsonObject response =
            history(*bob, chatId, {{"beforeSeq"_L1, seqs.first()}, {"limit"_L1, 40}});
        PARLEY_VERIFY_OK(response);
        page = dataOf(response);
        QVERIFY(page.value("messages"_L1).toArray().size() <= 40);
    }
    QCOMPARE(seen, range(1, Total));
    QCOMPARE(page.value("hasMore"_L1), QJsonValue(false));
    QStringList sentIds;
    for (const QJsonObject &message : sent)
        sentIds.append(message.value("id"_L1).toString());
    QCOMPARE(ids, sentIds);

    // A page ending exactly at the first message says there is no more.
    const QJsonObject oldest = history(*bob, chatId, {{"beforeSeq"_L1, 11}, {"limit"_L1, 10}});
    QCOMPARE(seqsOf(dataOf(oldest).value("messages"_L1).toArray()), range(1, 10));
    QCOMPARE(dataOf(oldest).value("hasMore"_L1), QJsonValue(false));
    const QJsonObject biggest = history(*bob, chatId, {{"limit"_L1, 100}});
    QCOMPARE(seqsOf(dataOf(biggest).value("messages"_L1).toArray()), range(31, 130));
}

void tst_ServerMessages::historyValidatesLimitAndMembership()
{
    TestServer server;
    QVERIFY(server.start());
    auto alice = server.signUp(u"Alice"_s);
    auto bob = server.signUp(u"Bob"_s);
    auto stranger = server.signUp(u"Stranger"_s);
    QVERIFY(alice && bob && stranger);
    const QString chatId = alice->directChat(bob->userId());
    QVERIFY(!chatId.isEmpty());
    QVERIFY(!alice->sendMessage(chatId, u"secret"_s).isEmpty());

    const QJsonObject tooMany = history(*alice, chatId, {{"limit"_L1, 101}});
    PARLEY_VERIFY_ERROR(tooMany, u"bad_request"_s);
    QVERIFY2(errorMessage(tooMany).contains(u"limit"_s, Qt::CaseInsensitive),
             describe(tooMany).constData());
    const QJsonObject forbidden = history(*stranger, chatId);
    PARLEY_VERIFY_ERROR(forbidden, u"forbidden"_s);
    QVERIFY(!describe(forbidden).contains("secret"));
    PARLEY_VERIFY_ERROR(history(*stranger, u"987654"_s), u"not_found"_s);
    PARLEY_VERIFY_ERROR(alice->request(u"message.history"_s, {}), u"bad_request"_s);
    PARLEY_VERIFY_OK(history(*alice, chatId, {{"limit"_L1, 100}}));
}

void tst_ServerMessages::editBySenderUpdatesEveryone()
{
    TestServer server;
    QVERIFY(server.start());
    auto alice = server.signUp(u"Alice"_s);
    auto bob = server.signUp(u"Bob"_s);
    auto carol = server.signUp(u"Carol"_s);
    auto stranger = server.signUp(u"Stranger"_s);
    QVERIFY(alice && bob && carol && stranger);
    auto aliceLaptop = server.connectAs(alice->account());
    QVERIFY(aliceLaptop);
    const QString chatId = alice->createGroup(u"Team"_s, {bob->userId(), carol->userId()});
    const QJsonObject original = alice->sendMessage(chatId, u"teh typo"_s);
    QVERIFY(!original.isEmpty());
    const QString messageId = original.value("id"_L1).toString();

    const QJsonObject response = alice->request(
        u"message.edit"_s, {{"messageId"_L1, messageId}, {"content"_L1, u"  the typo  "_s}});
    PARLEY_VERIFY_OK(response);
    const QJsonObject edited = messageOf(response);
    QCOMPARE(edited.value("id"_L1).toString(), messageId);
    QCOMPARE(edited.value("seq"_L1), original.value("seq"_L1));
    QCOMPARE(edited.value("content"_L1).toString(), u"the typo"_s);
    QCOMPARE(edited.value("createdAt"_L1), original.value("createdAt"_L1));
    QVERIFY2(isIsoUtcWithMilliseconds(edited.value("editedAt"_L1)), describe(edited).constData());
    QCOMPARE(edited.value("deleted"_L1), QJsonValue(false));

    for (TestClient *member : {bob.get(), carol.get(), aliceLaptop.get()}) {
        const auto event = member->waitEvent(u"message.updated"_s, messageIdIs(messageId));
        QVERIFY(event);
        QCOMPARE(event->value("message"_L1).toObject().value("content"_L1).toString(),
                 u"the typo"_s);
    }
    QVERIFY(stranger->expectNoEvent(u"message.updated"_s));
    const QJsonArray messages = dataOf(history(*bob, chatId)).value("messages"_L1).toArray();
    QCOMPARE(messages.first().toObject().value("content"_L1).toString(), u"the typo"_s);
    QCOMPARE(messages.first().toObject().value("editedAt"_L1), edited.value("editedAt"_L1));

    PARLEY_VERIFY_ERROR(
        alice->request(u"message.edit"_s, {{"messageId"_L1, messageId}, {"content"_L1, u"  "_s}}),
        u"bad_request"_s);
    PARLEY_VERIFY_ERROR(
        alice->request(u"message.edit"_s,
                       {{"messageId"_L1, messageId}, {"content"_L1, QString(4001, u'x')}}),
        u"bad_request"_s);
}

void tst_ServerMessages::editByOthersIsRefused()
{
    TestServer server;
    QVERIFY(server.start());
    auto alice = server.signUp(u"Alice"_s);
    auto bob = server.signUp(u"Bob"_s);
    auto carol = server.signUp(u"Carol"_s);
    auto stranger = server.signUp(u"Stranger"_s);
    QVERIFY(alice && bob && carol && stranger);
    // Bob is the admin: even the admin may not edit someone else's words.
    const QString chatId = bob->createGroup(u"Team"_s, {alice->userId(), carol->userId()});
    const QJsonObject original = alice->sendMessage(chatId, u"mine"_s);
    QVERIFY(!original.isEmpty());
    const QString messageId = original.value("id"_L1).toString();

    for (TestClient *other : {bob.get(), carol.get(), stranger.get()}) {
        const QJsonObject response = other->request(
            u"message.edit"_s, {{"messageId"_L1, messageId}, {"content"_L1, u"theirs"_s}});
        PARLEY_VERIFY_ERROR(response, u"forbidden"_s);
        QVERIFY(!describe(response).contains("mine"));
    }
    PARLEY_VERIFY_ERROR(
        alice->request(u"message.edit"_s, {{"messageId"_L1, u"987654"_s}, {"content"_L1, u"x"_s}}),
        u"not_found"_s);
    QVERIFY(alice->expectNoEvent(u"message.updated"_s));
    const QJsonArray messages = dataOf(history(*alice, chatId)).value("messages"_L1).toArray();
    QCOMPARE(messages.first().toObject().value("content"_L1).toString(), u"mine"_s);
    QVERIFY(messages.first().toObject().value("editedAt"_L1).isNull());
}

void tst_ServerMessages::deleteBySenderOrGroupAdmin()
{
    TestServer server;
    QVERIFY(server.start());
    auto admin = server.signUp(u"Admin"_s);
    auto bob = server.signUp(u"Bob"_s);
    auto carol = server.signUp(u"Carol"_s);
    QVERIFY(admin && bob && carol);
    const QString chatId = admin->createGroup(u"Team"_s, {bob->userId(), carol->userId()});
    const QJsonObject own = bob->sendMessage(chatId, u"regret"_s);
    const QJsonObject moderated = carol->sendMessage(chatId, u"spam"_s);
    QVERIFY(!own.isEmpty() && !moderated.isEmpty());

    for (const auto &[deleter, message] :
         {std::pair{bob.get(), own}, std::pair{admin.get(), moderated}}) {
        const QString messageId = message.value("id"_L1).toString();
        const QJsonObject response =
            deleter->request(u"message.delete"_s, {{"messageId"_L1, messageId}});
        PARLEY_VERIFY_OK(response);
        const QJsonObject deleted = messageOf(response);
        QCOMPARE(deleted.value("id"_L1).toString(), messageId);
        QCOMPARE(deleted.value("deleted"_L1), QJsonValue(true));
        QCOMPARE(deleted.value("content"_L1).toString(), QString());
        QCOMPARE(deleted.value("seq"_L1), message.value("seq"_L1));
        for (TestClient *member : {admin.get(), bob.get(), carol.get()}) {
            const auto event = member->waitEvent(u"message.updated"_s, messageIdIs(messageId));
            QVERIFY(event);
            QCOMPARE(event->value("message"_L1).toObject().value("deleted"_L1), QJsonValue(true));
            QCOMPARE(event->value("message"_L1).toObject().value("content"_L1).toString(),
                     QString());
        }
    }

    const QJsonArray messages = dataOf(history(*carol, chatId)).value("messages"_L1).toArray();
    QCOMPARE(seqsOf(messages), (QList<qint64>{1, 2}));
    for (const auto &message : messages) {
        QCOMPARE(message.toObject().value("deleted"_L1), QJsonValue(true));
        QCOMPARE(message.toObject().value("content"_L1).toString(), QString());
    }
    QVERIFY(!describe(messages).contains("regret") && !describe(messages).contains("spam"));
    PARLEY_VERIFY_ERROR(admin->request(u"message.delete"_s, {{"messageId"_L1, u"987654"_s}}),
                        u"not_found"_s);
}

void tst_ServerMessages::deleteByOthersIsRefused()
{
    TestServer server;
    QVERIFY(server.start());
    auto admin = server.signUp(u"Admin"_s);
    auto bob = server.signUp(u"Bob"_s);
    auto carol = server.signUp(u"Carol"_s);
    auto stranger = server.signUp(u"Stranger"_s);
    QVERIFY(admin && bob && carol && stranger);
    const QString group = admin->createGroup(u"Team"_s, {bob->userId(), carol->userId()});
    const QString direct = bob->directChat(carol->userId());
    const QJsonObject inGroup = bob->sendMessage(group, u"group words"_s);
    const QJsonObject inDirect = bob->sendMessage(direct, u"direct words"_s);
    QVERIFY(!inGroup.isEmpty() && !inDirect.isEmpty());

    // A plain member in a group, the other member of a direct chat, and outsiders.
    const QList<std::pair<TestClient *, QJsonObject>> attempts{{carol.get(), inGroup},
                                                               {stranger.get(), inGroup},
                                                               {carol.get(), inDirect},
                                                               {admin.get(), inDirect},
                                                               {stranger.get(), inDirect}};
    for (const auto &[who, message] : attempts) {
        PARLEY_VERIFY_ERROR(who->request(u"message.delete"_s,
                                         {{"messageId"_L1, message.value("id"_L1).toString()}}),
                            u"forbidden"_s);
    }
    QVERIFY(bob->expectNoEvent(u"message.updated"_s));
    QCOMPARE(dataOf(history(*bob, group))
                 .value("messages"_L1)
                 .toArray()
                 .first()
                 .toObject()
                 .value("content"_L1)
                 .toString(),
             u"group words"_s);
    QCOMPARE(dataOf(history(*bob, direct))
                 .value("messages"_L1)
                 .toArray()
                 .first()
                 .toObject()
                 .value("deleted"_L1),
             QJsonValue(false));
}

void tst_ServerMessages::markReadMovesForwardAndDrivesUnreadCount()
{
    TestServer server;
    QVERIFY(server.start());
    auto alice = server.signUp(u"Alice"_s);
    auto bob = server.signUp(u"Bob"_s);
    auto carol = server.signUp(u"Carol"_s);
    QVERIFY(alice && bob && carol);
    const QString chatId = bob->createGroup(u"Team"_s, {alice->userId(), carol->userId()});
    QVERIFY(!chatId.isEmpty());
    QCOMPARE(sendMany(*bob, chatId, 5, u"b"_s).size(), 5);

    const auto readerView = [&] { return alice->chatFromList(chatId); };
    QCOMPARE(readerView().value("unreadCount"_L1).toInt(), 5);
    QCOMPARE(readerView().value("lastReadSeq"_L1).toInt(), 0);

    const auto markRead = [&](qint64 seq) {
        return alice->request(u"chat.markRead"_s, {{"chatId"_L1, chatId}, {"seq"_L1, seq}});
    };
    const QJsonObject marked = markRead(3);
    PARLEY_VERIFY_OK(marked);
    QCOMPARE(dataOf(marked).value("chatId"_L1).toString(), chatId);
    QCOMPARE(dataOf(marked).value("lastReadSeq"_L1).toInt(), 3);
    QCOMPARE(readerView().value("unreadCount"_L1).toInt(), 2);
    QCOMPARE(readerView().value("lastReadSeq"_L1).toInt(), 3);
    for (TestClient *member : {bob.get(), carol.get()}) {
        const auto event = member->waitEvent(u"read"_s, [&](const QJsonObject &data) {
            return data.value("chatId"_L1).toString() == chatId;
        });
        QVERIFY(event);
        QCOMPARE(event->value("userId"_L1).toString(), alice->userId());
        QCOMPARE(event->value("lastReadSeq"_L1).toInt(), 3);
    }

    // Backwards is ignored; past the end counts as the end.
    PARLEY_VERIFY_OK(markRead(1));
    QCOMPARE(readerView().value("lastReadSeq"_L1).toInt(), 3);
    QCOMPARE(readerView().value("unreadCount"_L1).toInt(), 2);
    const QJsonObject capped = markRead(999);
    PARLEY_VERIFY_OK(capped);
    QCOMPARE(dataOf(capped).value("lastReadSeq"_L1).toInt(), 5);
    QCOMPARE(readerView().value("unreadCount"_L1).toInt(), 0);
    QCOMPARE(readerView().value("lastReadSeq"_L1).toInt(), 5);

    // One's own messages are never unread; deleted ones are not counted.
    QVERIFY(!alice->sendMessage(chatId, u"mine"_s).isEmpty());
    QCOMPARE(readerView().value("unreadCount"_L1).toInt(), 0);
    const QList<QJsonObject> later = sendMany(*bob, chatId, 3, u"later"_s);
    QCOMPARE(readerView().value("unreadCount"_L1).toInt(), 3);
    PARLEY_VERIFY_OK(
        bob->request(u"message.delete"_s, {{"messageId"_L1, later.first().value("id"_L1)}}));
    QCOMPARE(readerView().value("unreadCount"_L1).toInt(), 2);
}

void tst_ServerMessages::markReadByNonMemberIsForbidden()
{
    TestServer server;
    QVERIFY(server.start());
    auto alice = server.signUp(u"Alice"_s);
    auto bob = server.signUp(u"Bob"_s);
    auto stranger = server.signUp(u"Stranger"_s);
    QVERIFY(alice && bob && stranger);
    const QString chatId = alice->directChat(bob->userId());
    QVERIFY(!alice->sendMessage(chatId, u"hello"_s).isEmpty());

    PARLEY_VERIFY_ERROR(
        stranger->request(u"chat.markRead"_s, {{"chatId"_L1, chatId}, {"seq"_L1, 1}}),
        u"forbidden"_s);
    PARLEY_VERIFY_ERROR(
        stranger->request(u"chat.markRead"_s, {{"chatId"_L1, u"987654"_s}, {"seq"_L1, 1}}),
        u"not_found"_s);
    QVERIFY(alice->expectNoEvent(u"read"_s));
    QVERIFY(bob->expectNoEvent(u"read"_s, {}, 0));
    QCOMPARE(bob->chatFromList(chatId).value("unreadCount"_L1).toInt(), 1);
}

QTEST_GUILESS_MAIN(tst_ServerMessages)
#include "tst_server_messages.moc"
