// SPDX-License-Identifier: GPL-3.0-or-later
// sync: catching up after being offline (messages, edits, deletes, chat changes, removals),
// paging past 500 messages, cursors, and no gap between sync and live events.
#include "protocolcheck.h"
#include "testserver.h"

#include <QJsonArray>
#include <QSet>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace parley::test;

namespace {

QJsonObject sync(TestClient &client, const QString &cursor = {})
{
    QJsonObject data;
    if (!cursor.isNull())
        data.insert("cursor"_L1, cursor);
    return client.request(u"sync"_s, data);
}

// The client's view after de-duplicating by id: the last copy of each message wins.
QHash<QString, QJsonObject> byId(const QJsonArray &messages)
{
    QHash<QString, QJsonObject> latest;
    for (const auto &message : messages)
        latest.insert(message.toObject().value("id"_L1).toString(), message.toObject());
    return latest;
}

// "In seq order per chat": within each chat the seqs never go down.
bool inSeqOrderPerChat(const QJsonArray &messages)
{
    QHash<QString, qint64> lastSeq;
    for (const auto &value : messages) {
        const QJsonObject message = value.toObject();
        const QString chatId = message.value("chatId"_L1).toString();
        const qint64 seq = message.value("seq"_L1).toInteger();
        if (seq < lastSeq.value(chatId, 0))
            return false;
        lastSeq.insert(chatId, seq);
    }
    return true;
}

QSet<QString> idSet(const QStringList &ids)
{
    return QSet<QString>(ids.begin(), ids.end());
}

QStringList arrayOfStrings(const QJsonValue &value)
{
    QStringList strings;
    for (const auto &element : value.toArray())
        strings.append(element.toString());
    return strings;
}

} // namespace

class tst_ServerSync : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void withoutCursorGivesEmptyDeltaAndCursor();
    void catchesUpEverythingMissed();
    void catchesUpChangesToOlderMessages();
    void pagesPast500Messages();
    void rejectsBadCursor_data();
    void rejectsBadCursor();
    void nothingIsLostBetweenSyncAndLiveEvents();
};

void tst_ServerSync::withoutCursorGivesEmptyDeltaAndCursor()
{
    TestServer server;
    QVERIFY(server.start());
    auto alice = server.signUp(u"Alice"_s);
    auto bob = server.signUp(u"Bob"_s);
    QVERIFY(alice && bob);
    const QString chatId = alice->directChat(bob->userId());
    QVERIFY(!bob->sendMessage(chatId, u"already here"_s).isEmpty());

    const QJsonObject response = sync(*alice);
    PARLEY_VERIFY_OK(response);
    const QJsonObject delta = dataOf(response);
    QVERIFY2(!delta.value("cursor"_L1).toString().isEmpty(), describe(delta).constData());
    QVERIFY(delta.value("messages"_L1).isArray() && delta.value("messages"_L1).toArray().isEmpty());
    QVERIFY(delta.value("chats"_L1).isArray() && delta.value("chats"_L1).toArray().isEmpty());
    QVERIFY(delta.value("removedChatIds"_L1).isArray()
            && delta.value("removedChatIds"_L1).toArray().isEmpty());
    QCOMPARE(delta.value("hasMore"_L1), QJsonValue(false));

    // Nothing has happened since: the cursor gives an empty delta again.
    const QJsonObject again = sync(*alice, delta.value("cursor"_L1).toString());
    PARLEY_VERIFY_OK(again);
    QVERIFY(dataOf(again).value("messages"_L1).toArray().isEmpty());
    QVERIFY(dataOf(again).value("chats"_L1).toArray().isEmpty());
    QVERIFY(!dataOf(again).value("cursor"_L1).toString().isEmpty());
}

void tst_ServerSync::catchesUpEverythingMissed()
{
    TestServer server;
    QVERIFY(server.start());
    auto alice = server.signUp(u"Alice"_s);
    auto bob = server.signUp(u"Bob"_s);
    auto carol = server.signUp(u"Carol"_s);
    auto dave = server.signUp(u"Dave"_s);
    QVERIFY(alice && bob && carol && dave);
    const Account aliceAccount = alice->account();

    const QString direct = bob->directChat(alice->userId());
    QVERIFY(!bob->sendMessage(direct, u"seen before"_s).isEmpty());
    const QString toRename = bob->createGroup(u"Rename me"_s, {alice->userId(), carol->userId()});
    const QString toLeave = bob->createGroup(u"Leave me"_s, {alice->userId(), carol->userId()});
    const QString untouched = bob->createGroup(u"Quiet"_s, {alice->userId(), carol->userId()});
    const QString private_ = bob->directChat(dave->userId());
    QVERIFY(!toRename.isEmpty() && !toLeave.isEmpty() && !untouched.isEmpty()
            && !private_.isEmpty());

    const QJsonObject start = sync(*alice);
    PARLEY_VERIFY_OK(start);
    const QString cursor = dataOf(start).value("cursor"_L1).toString();
    alice->close();

    // While Alice is away.
    const QJsonObject m1 = bob->sendMessage(direct, u"one"_s);
    const QJsonObject m2 = bob->sendMessage(direct, u"two"_s);
    const QJsonObject m3 = bob->sendMessage(direct, u"three"_s);
    QVERIFY(!m1.isEmpty() && !m2.isEmpty() && !m3.isEmpty());
    PARLEY_VERIFY_OK(
        bob->request(u"message.edit"_s,
                     {{"messageId"_L1, m1.value("id"_L1)}, {"content"_L1, u"one, edited"_s}}));
    PARLEY_VERIFY_OK(bob->request(u"message.delete"_s, {{"messageId"_L1, m2.value("id"_L1)}}));
    PARLEY_VERIFY_OK(
        bob->request(u"chat.rename"_s, {{"chatId"_L1, toRename}, {"name"_L1, u"Renamed"_s}}));
    const QString joined = bob->createGroup(u"Joined"_s, {alice->userId(), carol->userId()});
    QVERIFY(!joined.isEmpty());
    PARLEY_VERIFY_OK(bob->request(u"chat.removeMember"_s,
                                  {{"chatId"_L1, toLeave}, {"userId"_L1, alice->userId()}}));
    QVERIFY(!bob->sendMessage(toLeave, u"after Alice left"_s).isEmpty());
    QVERIFY(!bob->sendMessage(private_, u"for Dave only"_s).isEmpty());

    auto back = server.connectAs(aliceAccount);
    QVERIFY(back);
    const QJsonObject response = sync(*back, cursor);
    PARLEY_VERIFY_OK(response);
    const QJsonObject delta = dataOf(response);
    const QJsonArray messages = delta.value("messages"_L1).toArray();

    const QHash<QString, QJsonObject> seen = byId(messages);
    QCOMPARE(idSet(seen.keys()),
             idSet({m1.value("id"_L1).toString(), m2.value("id"_L1).toString(),
                    m3.value("id"_L1).toString()}));
    QVERIFY2(inSeqOrderPerChat(messages), describe(messages).constData());
    const QJsonObject edited = seen.value(m1.value("id"_L1).toString());
    QCOMPARE(edited.value("content"_L1).toString(), u"one, edited"_s);
    QVERIFY(!edited.value("editedAt"_L1).isNull());
    const QJsonObject deleted = seen.value(m2.value("id"_L1).toString());
    QCOMPARE(deleted.value("deleted"_L1), QJsonValue(true));
    QCOMPARE(deleted.value("content"_L1).toString(), QString());
    QCOMPARE(seen.value(m3.value("id"_L1).toString()).value("content"_L1).toString(), u"three"_s);
    QVERIFY(!describe(messages).contains("for Dave only"));
    QVERIFY(!describe(messages).contains("after Alice left"));

    const QJsonArray chats = delta.value("chats"_L1).toArray();
    const QStringList chatIds = idsOf(chats);
    QVERIFY2(chatIds.contains(toRename) && chatIds.contains(joined), describe(chats).constData());
    QVERIFY(!chatIds.contains(toLeave) && !chatIds.contains(private_)
            && !chatIds.contains(untouched));
    for (const auto &value : chats) {
        const QJsonObject chat = value.toObject();
        if (chat.value("id"_L1).toString() == toRename)
            QCOMPARE(chat.value("name"_L1).toString(), u"Renamed"_s);
        if (chat.value("id"_L1).toString() == joined) {
            QCOMPARE(chat.value("name"_L1).toString(), u"Joined"_s);
            QCOMPARE(chat.value("adminId"_L1).toString(), bob->userId());
            QCOMPARE(chat.value("members"_L1).toArray().size(), 3);
        }
    }
    QCOMPARE(arrayOfStrings(delta.value("removedChatIds"_L1)), QStringList{toLeave});
    QCOMPARE(delta.value("hasMore"_L1), QJsonValue(false));

    // The returned cursor is usable again and now shows nothing new.
    const QString next = delta.value("cursor"_L1).toString();
    QVERIFY(!next.isEmpty());
    const QJsonObject quiet = sync(*back, next);
    PARLEY_VERIFY_OK(quiet);
    QVERIFY2(dataOf(quiet).value("messages"_L1).toArray().isEmpty(), describe(quiet).constData());
    QVERIFY(dataOf(quiet).value("chats"_L1).toArray().isEmpty());
    QVERIFY(dataOf(quiet).value("removedChatIds"_L1).toArray().isEmpty());
    QCOMPARE(dataOf(quiet).value("hasMore"_L1), QJsonValue(false));

    // The old cursor still works (a client may retry a sync whose answer it lost).
    const QJsonObject retried = sync(*back, cursor);
    PARLEY_VERIFY_OK(retried);
    QCOMPARE(idSet(byId(dataOf(retried).value("messages"_L1).toArray()).keys()),
             idSet(seen.keys()));
}

void tst_ServerSync::catchesUpChangesToOlderMessages()
{
    TestServer server;
    QVERIFY(server.start());
    auto alice = server.signUp(u"Alice"_s);
    auto bob = server.signUp(u"Bob"_s);
    QVERIFY(alice && bob);
    const QString chatId = bob->directChat(alice->userId());
    const QJsonObject toEdit = bob->sendMessage(chatId, u"draft"_s);
    const QJsonObject toDelete = bob->sendMessage(chatId, u"oops"_s);
    const QJsonObject untouched = bob->sendMessage(chatId, u"fine"_s);
    QVERIFY(!toEdit.isEmpty() && !toDelete.isEmpty() && !untouched.isEmpty());
    const QString cursor = dataOf(sync(*alice)).value("cursor"_L1).toString();
    QVERIFY(!cursor.isEmpty());
    const Account aliceAccount = alice->account();
    alice->close();

    PARLEY_VERIFY_OK(bob->request(
        u"message.edit"_s, {{"messageId"_L1, toEdit.value("id"_L1)}, {"content"_L1, u"final"_s}}));
    PARLEY_VERIFY_OK(
        bob->request(u"message.delete"_s, {{"messageId"_L1, toDelete.value("id"_L1)}}));

    auto back = server.connectAs(aliceAccount);
    QVERIFY(back);
    const QJsonObject response = sync(*back, cursor);
    PARLEY_VERIFY_OK(response);
    const QJsonArray messages = dataOf(response).value("messages"_L1).toArray();
    const QHash<QString, QJsonObject> seen = byId(messages);
    QCOMPARE(idSet(seen.keys()),
             idSet({toEdit.value("id"_L1).toString(), toDelete.value("id"_L1).toString()}));
    QVERIFY(inSeqOrderPerChat(messages));
    QCOMPARE(seen.value(toEdit.value("id"_L1).toString()).value("content"_L1).toString(),
             u"final"_s);
    QCOMPARE(seen.value(toDelete.value("id"_L1).toString()).value("deleted"_L1), QJsonValue(true));
}

void tst_ServerSync::pagesPast500Messages()
{
    TestServer server;
    QVERIFY(server.start());
    auto alice = server.signUp(u"Alice"_s);
    auto bob = server.signUp(u"Bob"_s);
    QVERIFY(alice && bob);
    const QString chatId = bob->directChat(alice->userId());
    QVERIFY(!chatId.isEmpty());
    const QJsonObject start = sync(*alice);
    const QString cursor = dataOf(start).value("cursor"_L1).toString();
    QVERIFY(!cursor.isEmpty());
    const Account aliceAccount = alice->account();
    alice->close();

    constexpr int Total = 520;
    QStringList requestIds;
    for (int i = 0; i < Total; ++i) {
        requestIds.append(bob->send(u"message.send"_s,
                                    {{"chatId"_L1, chatId},
                                     {"clientId"_L1, uniqueClientId()},
                                     {"content"_L1, u"n%1"_s.arg(i)}}));
    }
    QSet<QString> sent;
    for (const QString &id : std::as_const(requestIds)) {
        const QJsonObject response = bob->waitResponse(id);
        PARLEY_VERIFY_OK(response);
        sent.insert(dataOf(response).value("message"_L1).toObject().value("id"_L1).toString());
    }
    QCOMPARE(sent.size(), Total);

    auto back = server.connectAs(aliceAccount);
    QVERIFY(back);
    QSet<QString> received;
    QString next = cursor;
    int calls = 0;
    bool hasMore = true;
    while (hasMore && calls < 10) {
        const QJsonObject response = sync(*back, next);
        PARLEY_VERIFY_OK(response);
        const QJsonObject delta = dataOf(response);
        const QJsonArray messages = delta.value("messages"_L1).toArray();
        QVERIFY2(messages.size() <= 500, qPrintable(QString::number(messages.size())));
        QVERIFY(inSeqOrderPerChat(messages));
        hasMore = delta.value("hasMore"_L1).toBool();
        if (calls == 0)
            QVERIFY2(hasMore, "520 missed messages fit in one sync answer");
        const QStringList ids = idsOf(messages);
        received.unite(idSet(ids));
        next = delta.value("cursor"_L1).toString();
        ++calls;
    }
    QVERIFY(!hasMore);
    QCOMPARE(received, sent);
}

void tst_ServerSync::rejectsBadCursor_data()
{
    QTest::addColumn<QJsonValue>("cursor");
    QTest::newRow("garbage") << QJsonValue(u"not a cursor at all"_s);
    QTest::newRow("symbols") << QJsonValue(u"%%%///***"_s);
    QTest::newRow("a number") << QJsonValue(12345);
    QTest::newRow("an object") << QJsonValue(QJsonObject{{"seq"_L1, 1}});
}

void tst_ServerSync::rejectsBadCursor()
{
    QFETCH(QJsonValue, cursor);
    TestServer server;
    QVERIFY(server.start());
    auto alice = server.signUp(u"Alice"_s);
    QVERIFY(alice);

    const QJsonObject response = alice->request(u"sync"_s, {{"cursor"_L1, cursor}});
    PARLEY_VERIFY_ERROR(response, u"bad_request"_s);
    QVERIFY2(errorMessage(response).contains(u"cursor"_s, Qt::CaseInsensitive),
             describe(response).constData());
    PARLEY_VERIFY_OK(sync(*alice));
}

void tst_ServerSync::nothingIsLostBetweenSyncAndLiveEvents()
{
    TestServer server;
    QVERIFY(server.start());
    auto alice = server.signUp(u"Alice"_s);
    auto bob = server.signUp(u"Bob"_s);
    QVERIFY(alice && bob);
    const QString chatId = bob->directChat(alice->userId());
    QVERIFY(!chatId.isEmpty());
    const QString cursor = dataOf(sync(*alice)).value("cursor"_L1).toString();
    QVERIFY(!cursor.isEmpty());
    const Account aliceAccount = alice->account();
    alice->close();

    // Bob keeps sending while Alice reconnects, signs in and syncs.
    constexpr int Total = 60;
    QStringList requestIds;
    for (int i = 0; i < Total / 2; ++i)
        requestIds.append(bob->send(u"message.send"_s,
                                    {{"chatId"_L1, chatId},
                                     {"clientId"_L1, uniqueClientId()},
                                     {"content"_L1, u"early %1"_s.arg(i)}}));
    auto back = server.connectAs(aliceAccount);
    QVERIFY(back);
    for (int i = Total / 2; i < Total; ++i)
        requestIds.append(bob->send(u"message.send"_s,
                                    {{"chatId"_L1, chatId},
                                     {"clientId"_L1, uniqueClientId()},
                                     {"content"_L1, u"late %1"_s.arg(i)}}));
    QSet<QString> received;
    QString next = cursor;
    bool hasMore = true;
    for (int calls = 0; hasMore && calls < 10; ++calls) {
        const QJsonObject response = sync(*back, next);
        PARLEY_VERIFY_OK(response);
        received.unite(idSet(idsOf(dataOf(response).value("messages"_L1).toArray())));
        hasMore = dataOf(response).value("hasMore"_L1).toBool();
        next = dataOf(response).value("cursor"_L1).toString();
    }
    QVERIFY(!hasMore);
    QSet<QString> sent;
    for (const QString &id : std::as_const(requestIds)) {
        const QJsonObject response = bob->waitResponse(id);
        PARLEY_VERIFY_OK(response);
        sent.insert(dataOf(response).value("message"_L1).toObject().value("id"_L1).toString());
    }

    // Whatever the sync answer did not hold arrives live.
    const bool complete = QTest::qWaitFor(
        [&] {
            for (const QJsonObject &event : back->takeEvents(u"message.new"_s))
                received.insert(event.value("message"_L1).toObject().value("id"_L1).toString());
            return received.contains(sent);
        },
        EventTimeoutMs);
    QVERIFY2(complete,
             qPrintable(u"%1 of %2 messages never reached the client"_s
                            .arg(QSet<QString>(sent).subtract(received).size())
                            .arg(sent.size())));
}

QTEST_GUILESS_MAIN(tst_ServerSync)
#include "tst_server_sync.moc"
