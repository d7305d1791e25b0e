// SPDX-License-Identifier: GPL-3.0-or-later
// chat.list, chat.direct, chat.createGroup, chat.rename, chat.addMember, chat.removeMember and
// the chat.updated / chat.removed events they cause.
#include "protocolcheck.h"
#include "testserver.h"

#include <QJsonArray>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace parley::test;

namespace {

QJsonObject chatOf(const QJsonObject &response)
{
    return dataOf(response).value("chat"_L1).toObject();
}

QStringList memberIds(const QJsonObject &chat)
{
    QStringList ids = idsOf(chat.value("members"_L1).toArray());
    ids.sort();
    return ids;
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

TestClient::Predicate chatIdIs(const QString &chatId)
{
    return [chatId](const QJsonObject &data) {
        return data.value("chat"_L1).toObject().value("id"_L1).toString() == chatId
            || data.value("chatId"_L1).toString() == chatId;
    };
}

QStringList chatIdsOf(TestClient &client)
{
    return idsOf(dataOf(client.request(u"chat.list"_s)).value("chats"_L1).toArray());
}

} // namespace

class tst_ServerChats : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void directCreatesOneChatForThePair();
    void directRejectsSelfAndUnknownUsers();
    void directIsUniqueUnderConcurrentCalls();

    void createGroupMakesCallerAdmin();
    void createGroupRejectsInvalidInput_data();
    void createGroupRejectsInvalidInput();

    void adminOnlyOperationsRefuseOthers_data();
    void adminOnlyOperationsRefuseOthers();
    void groupOperationsRejectDirectChats_data();
    void groupOperationsRejectDirectChats();
    void renameNotifiesMembers();
    void addMemberNotifiesEveryoneAndRejectsDuplicates();
    void removedMemberLosesAccessAndEvents();
    void memberCanLeave();
    void leavingAdminHandsOverToLongestStandingMember();

    void listIsOrderedByActivityAndPrivate();
};

void tst_ServerChats::directCreatesOneChatForThePair()
{
    TestServer server;
    QVERIFY(server.start());
    auto alice = server.signUp(u"Alice"_s);
    auto bob = server.signUp(u"Bob"_s);
    QVERIFY(alice && bob);

    const QJsonObject response = alice->request(u"chat.direct"_s, {{"userId"_L1, bob->userId()}});
    PARLEY_VERIFY_OK(response);
    const QJsonObject chat = chatOf(response);
    const QString chatId = chat.value("id"_L1).toString();
    QVERIFY2(!chatId.isEmpty(), describe(response).constData());
    QCOMPARE(chat.value("isGroup"_L1), QJsonValue(false));
    QVERIFY(chat.contains("name"_L1) && chat.value("name"_L1).isNull());
    QVERIFY(chat.contains("adminId"_L1) && chat.value("adminId"_L1).isNull());
    QCOMPARE(memberIds(chat), sorted({alice->userId(), bob->userId()}));
    QVERIFY(chat.contains("latestMessage"_L1) && chat.value("latestMessage"_L1).isNull());
    QCOMPARE(chat.value("unreadCount"_L1).toInt(-1), 0);
    QCOMPARE(chat.value("lastReadSeq"_L1).toInt(-1), 0);
    QVERIFY(chat.contains("lastActivity"_L1));
    const QJsonObject member = chat.value("members"_L1).toArray().first().toObject();
    for (const auto key : {"id"_L1, "name"_L1, "email"_L1, "avatar"_L1, "online"_L1})
        QVERIFY2(member.contains(key), describe(member).constData());
    QVERIFY(!containsKeyLike(response, u"pass") && !containsKeyLike(response, u"hash"));

    // The other member learns about it.
    const auto event = bob->waitEvent(u"chat.updated"_s, chatIdIs(chatId));
    QVERIFY(event);
    QCOMPARE(memberIds(event->value("chat"_L1).toObject()), memberIds(chat));

    // Asking again, from either side, gives the same chat.
    QCOMPARE(bob->directChat(alice->userId()), chatId);
    QCOMPARE(alice->directChat(bob->userId()), chatId);
    QCOMPARE(chatIdsOf(*alice), QStringList{chatId});
    QCOMPARE(chatIdsOf(*bob), QStringList{chatId});
}

void tst_ServerChats::directRejectsSelfAndUnknownUsers()
{
    TestServer server;
    QVERIFY(server.start());
    auto alice = server.signUp(u"Alice"_s);
    QVERIFY(alice);

    PARLEY_VERIFY_ERROR(alice->request(u"chat.direct"_s, {{"userId"_L1, alice->userId()}}),
                        u"bad_request"_s);
    PARLEY_VERIFY_ERROR(alice->request(u"chat.direct"_s, {{"userId"_L1, u"987654"_s}}),
                        u"not_found"_s);
    PARLEY_VERIFY_ERROR(alice->request(u"chat.direct"_s, {}), u"bad_request"_s);
    QVERIFY(chatIdsOf(*alice).isEmpty());
}

void tst_ServerChats::directIsUniqueUnderConcurrentCalls()
{
    TestServer server;
    QVERIFY(server.start());
    constexpr int Pairs = 10;
    std::vector<std::unique_ptr<TestClient>> left;
    std::vector<std::unique_ptr<TestClient>> right;
    for (int i = 0; i < Pairs; ++i) {
        left.push_back(server.signUp(u"Left %1"_s.arg(i)));
        right.push_back(server.signUp(u"Right %1"_s.arg(i)));
        QVERIFY(left.back() && right.back());
    }

    // Every request is on the wire before any response is read.
    QStringList leftIds;
    QStringList rightIds;
    for (int i = 0; i < Pairs; ++i) {
        leftIds.append(left[i]->send(u"chat.direct"_s, {{"userId"_L1, right[i]->userId()}}));
        rightIds.append(right[i]->send(u"chat.direct"_s, {{"userId"_L1, left[i]->userId()}}));
    }
    for (int i = 0; i < Pairs; ++i) {
        const QJsonObject fromLeft = left[i]->waitResponse(leftIds[i]);
        const QJsonObject fromRight = right[i]->waitResponse(rightIds[i]);
        PARLEY_VERIFY_OK(fromLeft);
        PARLEY_VERIFY_OK(fromRight);
        const QString chatId = chatOf(fromLeft).value("id"_L1).toString();
        QCOMPARE(chatOf(fromRight).value("id"_L1).toString(), chatId);

        for (TestClient *client : {left[i].get(), right[i].get()}) {
            const QJsonArray chats =
                dataOf(client->request(u"chat.list"_s)).value("chats"_L1).toArray();
            QCOMPARE(chats.size(), 1);
            QCOMPARE(chats.first().toObject().value("id"_L1).toString(), chatId);
            QCOMPARE(memberIds(chats.first().toObject()),
                     sorted({left[i]->userId(), right[i]->userId()}));
        }
    }
}

void tst_ServerChats::createGroupMakesCallerAdmin()
{
    TestServer server;
    QVERIFY(server.start());
    auto alice = server.signUp(u"Alice"_s);
    auto bob = server.signUp(u"Bob"_s);
    auto carol = server.signUp(u"Carol"_s);
    auto stranger = server.signUp(u"Stranger"_s);
    QVERIFY(alice && bob && carol && stranger);
    auto aliceElsewhere = server.connectAs(alice->account());
    QVERIFY(aliceElsewhere);

    const QJsonObject response = alice->request(
        u"chat.createGroup"_s,
        {{"name"_L1, u"Launch 🚀"_s}, {"userIds"_L1, QJsonArray{bob->userId(), carol->userId()}}});
    PARLEY_VERIFY_OK(response);
    const QJsonObject chat = chatOf(response);
    const QString chatId = chat.value("id"_L1).toString();
    QCOMPARE(chat.value("isGroup"_L1), QJsonValue(true));
    QCOMPARE(chat.value("name"_L1).toString(), u"Launch 🚀"_s);
    QCOMPARE(chat.value("adminId"_L1).toString(), alice->userId());
    QCOMPARE(memberIds(chat), sorted({alice->userId(), bob->userId(), carol->userId()}));
    QVERIFY(chat.value("latestMessage"_L1).isNull());

    for (TestClient *member : {bob.get(), carol.get(), aliceElsewhere.get()}) {
        const auto event = member->waitEvent(u"chat.updated"_s, chatIdIs(chatId));
        QVERIFY(event);
        QCOMPARE(event->value("chat"_L1).toObject().value("name"_L1).toString(), u"Launch 🚀"_s);
        QCOMPARE(chatIdsOf(*member), QStringList{chatId});
    }
    QVERIFY(stranger->expectNoEvent(u"chat.updated"_s));
    QVERIFY(chatIdsOf(*stranger).isEmpty());
}

void tst_ServerChats::createGroupRejectsInvalidInput_data()
{
    QTest::addColumn<QJsonValue>("name");
    // b, c: Bob, Carol; s: the caller itself; x: an unknown user id.
    QTest::addColumn<QString>("others");
    QTest::addColumn<QString>("code");

    QTest::newRow("one other") << QJsonValue(u"Pair"_s) << u"b"_s << u"bad_request"_s;
    QTest::newRow("nobody else") << QJsonValue(u"Solo"_s) << QString() << u"bad_request"_s;
    QTest::newRow("self and one other") << QJsonValue(u"Mirror"_s) << u"sb"_s << u"bad_request"_s;
    QTest::newRow("one other twice") << QJsonValue(u"Echo"_s) << u"bb"_s << u"bad_request"_s;
    QTest::newRow("empty name") << QJsonValue(u""_s) << u"bc"_s << u"bad_request"_s;
    QTest::newRow("name 65 chars") << QJsonValue(QString(65, u'g')) << u"bc"_s << u"bad_request"_s;
    QTest::newRow("name missing") << QJsonValue(QJsonValue::Undefined) << u"bc"_s
                                  << u"bad_request"_s;
    QTest::newRow("unknown user") << QJsonValue(u"Ghosts"_s) << u"bx"_s << u"not_found"_s;
}

void tst_ServerChats::createGroupRejectsInvalidInput()
{
    QFETCH(QJsonValue, name);
    QFETCH(QString, others);
    QFETCH(QString, code);
    TestServer server;
    QVERIFY(server.start());
    auto alice = server.signUp(u"Alice"_s);
    auto bob = server.signUp(u"Bob"_s);
    auto carol = server.signUp(u"Carol"_s);
    QVERIFY(alice && bob && carol);

    QJsonArray userIds;
    for (const QChar who : others) {
        if (who == u'b')
            userIds.append(bob->userId());
        else if (who == u'c')
            userIds.append(carol->userId());
        else if (who == u's')
            userIds.append(alice->userId());
        else
            userIds.append(u"987654"_s);
    }
    QJsonObject data{{"userIds"_L1, userIds}};
    if (!name.isUndefined())
        data.insert("name"_L1, name);
    PARLEY_VERIFY_ERROR(alice->request(u"chat.createGroup"_s, data), code);
    QVERIFY(chatIdsOf(*alice).isEmpty());
    QVERIFY(chatIdsOf(*bob).isEmpty());
}

void tst_ServerChats::adminOnlyOperationsRefuseOthers_data()
{
    QTest::addColumn<QString>("op");
    QTest::addColumn<bool>("byStranger"); // else by a plain member
    QTest::addColumn<QString>("code");

    for (const QString &op : {u"chat.rename"_s, u"chat.addMember"_s, u"chat.removeMember"_s}) {
        QTest::addRow("%s by a member", qPrintable(op)) << op << false << u"forbidden"_s;
        QTest::addRow("%s by a stranger", qPrintable(op)) << op << true << u"forbidden"_s;
    }
}

void tst_ServerChats::adminOnlyOperationsRefuseOthers()
{
    QFETCH(QString, op);
    QFETCH(bool, byStranger);
    QFETCH(QString, code);
    TestServer server;
    QVERIFY(server.start());
    auto admin = server.signUp(u"Admin"_s);
    auto bob = server.signUp(u"Bob"_s);
    auto carol = server.signUp(u"Carol"_s);
    auto dave = server.signUp(u"Dave"_s);
    QVERIFY(admin && bob && carol && dave);
    const QString chatId = admin->createGroup(u"Team"_s, {bob->userId(), carol->userId()});
    QVERIFY(!chatId.isEmpty());

    TestClient &caller = byStranger ? *dave : *bob;
    QJsonObject data{{"chatId"_L1, chatId}};
    if (op == "chat.rename"_L1)
        data.insert("name"_L1, u"Hijacked"_s);
    else if (op == "chat.addMember"_L1)
        data.insert("userId"_L1, dave->userId());
    else
        data.insert("userId"_L1, carol->userId());
    PARLEY_VERIFY_ERROR(caller.request(op, data), code);

    const QJsonObject chat = admin->chatFromList(chatId);
    QCOMPARE(chat.value("name"_L1).toString(), u"Team"_s);
    QCOMPARE(memberIds(chat), sorted({admin->userId(), bob->userId(), carol->userId()}));
    QCOMPARE(chat.value("adminId"_L1).toString(), admin->userId());

    // The same operation on a chat that does not exist.
    data.insert("chatId"_L1, u"987654"_s);
    PARLEY_VERIFY_ERROR(caller.request(op, data), u"not_found"_s);
}

void tst_ServerChats::groupOperationsRejectDirectChats_data()
{
    QTest::addColumn<QString>("op");
    QTest::newRow("rename") << u"chat.rename"_s;
    QTest::newRow("addMember") << u"chat.addMember"_s;
    QTest::newRow("removeMember") << u"chat.removeMember"_s;
}

void tst_ServerChats::groupOperationsRejectDirectChats()
{
    QFETCH(QString, op);
    TestServer server;
    QVERIFY(server.start());
    auto alice = server.signUp(u"Alice"_s);
    auto bob = server.signUp(u"Bob"_s);
    auto carol = server.signUp(u"Carol"_s);
    QVERIFY(alice && bob && carol);
    const QString chatId = alice->directChat(bob->userId());
    QVERIFY(!chatId.isEmpty());

    QJsonObject data{{"chatId"_L1, chatId}};
    if (op == "chat.rename"_L1)
        data.insert("name"_L1, u"Ours"_s);
    else if (op == "chat.addMember"_L1)
        data.insert("userId"_L1, carol->userId());
    else
        data.insert("userId"_L1, bob->userId());
    PARLEY_VERIFY_ERROR(alice->request(op, data), u"bad_request"_s);

    const QJsonObject chat = alice->chatFromList(chatId);
    QVERIFY(chat.value("name"_L1).isNull());
    QCOMPARE(memberIds(chat), sorted({alice->userId(), bob->userId()}));
}

void tst_ServerChats::renameNotifiesMembers()
{
    TestServer server;
    QVERIFY(server.start());
    auto admin = server.signUp(u"Admin"_s);
    auto bob = server.signUp(u"Bob"_s);
    auto carol = server.signUp(u"Carol"_s);
    auto stranger = server.signUp(u"Stranger"_s);
    QVERIFY(admin && bob && carol && stranger);
    const QString chatId = admin->createGroup(u"Before"_s, {bob->userId(), carol->userId()});
    QVERIFY(!chatId.isEmpty());
    QVERIFY(bob->waitEvent(u"chat.updated"_s, chatIdIs(chatId)));
    QVERIFY(carol->waitEvent(u"chat.updated"_s, chatIdIs(chatId)));

    PARLEY_VERIFY_ERROR(
        admin->request(u"chat.rename"_s, {{"chatId"_L1, chatId}, {"name"_L1, u""_s}}),
        u"bad_request"_s);
    PARLEY_VERIFY_ERROR(
        admin->request(u"chat.rename"_s, {{"chatId"_L1, chatId}, {"name"_L1, QString(65, u'r')}}),
        u"bad_request"_s);

    const QJsonObject response =
        admin->request(u"chat.rename"_s, {{"chatId"_L1, chatId}, {"name"_L1, u"After"_s}});
    PARLEY_VERIFY_OK(response);
    QCOMPARE(chatOf(response).value("name"_L1).toString(), u"After"_s);
    for (TestClient *member : {bob.get(), carol.get()}) {
        QVERIFY(member->waitEvent(u"chat.updated"_s, [&](const QJsonObject &data) {
            return chatIdIs(chatId)(data)
                && data.value("chat"_L1).toObject().value("name"_L1).toString() == "After"_L1;
        }));
        QCOMPARE(member->chatFromList(chatId).value("name"_L1).toString(), u"After"_s);
    }
    QVERIFY(stranger->expectNoEvent(u"chat.updated"_s));
}

void tst_ServerChats::addMemberNotifiesEveryoneAndRejectsDuplicates()
{
    TestServer server;
    QVERIFY(server.start());
    auto admin = server.signUp(u"Admin"_s);
    auto bob = server.signUp(u"Bob"_s);
    auto carol = server.signUp(u"Carol"_s);
    auto dave = server.signUp(u"Dave"_s);
    QVERIFY(admin && bob && carol && dave);
    const QString chatId = admin->createGroup(u"Team"_s, {bob->userId(), carol->userId()});
    QVERIFY(!chatId.isEmpty());
    QVERIFY(bob->waitEvent(u"chat.updated"_s, chatIdIs(chatId)));

    const QJsonObject response =
        admin->request(u"chat.addMember"_s, {{"chatId"_L1, chatId}, {"userId"_L1, dave->userId()}});
    PARLEY_VERIFY_OK(response);
    const QStringList everyone =
        sorted({admin->userId(), bob->userId(), carol->userId(), dave->userId()});
    QCOMPARE(memberIds(chatOf(response)), everyone);
    for (TestClient *member : {bob.get(), dave.get()}) {
        const auto event = member->waitEvent(u"chat.updated"_s, [&](const QJsonObject &data) {
            return chatIdIs(chatId)(data)
                && memberIds(data.value("chat"_L1).toObject()) == everyone;
        });
        QVERIFY(event);
    }
    QVERIFY(chatIdsOf(*dave).contains(chatId));

    PARLEY_VERIFY_ERROR(
        admin->request(u"chat.addMember"_s, {{"chatId"_L1, chatId}, {"userId"_L1, dave->userId()}}),
        u"conflict"_s);
    PARLEY_VERIFY_ERROR(
        admin->request(u"chat.addMember"_s, {{"chatId"_L1, chatId}, {"userId"_L1, u"987654"_s}}),
        u"not_found"_s);
    QCOMPARE(memberIds(admin->chatFromList(chatId)), everyone);
}

void tst_ServerChats::removedMemberLosesAccessAndEvents()
{
    TestServer server;
    QVERIFY(server.start());
    auto admin = server.signUp(u"Admin"_s);
    auto bob = server.signUp(u"Bob"_s);
    auto carol = server.signUp(u"Carol"_s);
    QVERIFY(admin && bob && carol);
    const QString chatId = admin->createGroup(u"Team"_s, {bob->userId(), carol->userId()});
    QVERIFY(!chatId.isEmpty());
    QVERIFY(!admin->sendMessage(chatId, u"before"_s).isEmpty());
    QVERIFY(carol->waitEvent(u"message.new"_s));
    auto carolElsewhere = server.connectAs(carol->account());
    QVERIFY(carolElsewhere);
    carol->clearEvents();

    const QJsonObject response = admin->request(
        u"chat.removeMember"_s, {{"chatId"_L1, chatId}, {"userId"_L1, carol->userId()}});
    PARLEY_VERIFY_OK(response);
    const QStringList remaining = sorted({admin->userId(), bob->userId()});
    QCOMPARE(memberIds(chatOf(response)), remaining);

    for (TestClient *removed : {carol.get(), carolElsewhere.get()}) {
        const auto event = removed->waitEvent(u"chat.removed"_s, chatIdIs(chatId));
        QVERIFY(event);
        QCOMPARE(event->value("chatId"_L1).toString(), chatId);
    }
    QVERIFY(bob->waitEvent(u"chat.updated"_s, [&](const QJsonObject &data) {
        return chatIdIs(chatId)(data) && memberIds(data.value("chat"_L1).toObject()) == remaining;
    }));

    // Carol can no longer read or write, and hears nothing more from the chat: not even who is
    // still in it.
    PARLEY_VERIFY_ERROR(carol->request(u"message.history"_s, {{"chatId"_L1, chatId}}),
                        u"forbidden"_s);
    PARLEY_VERIFY_ERROR(carol->request(u"message.send"_s,
                                       {{"chatId"_L1, chatId},
                                        {"clientId"_L1, uniqueClientId()},
                                        {"content"_L1, u"still here?"_s}}),
                        u"forbidden"_s);
    QVERIFY(!chatIdsOf(*carol).contains(chatId));
    QVERIFY(!admin->sendMessage(chatId, u"after"_s).isEmpty());
    PARLEY_VERIFY_OK(
        admin->request(u"chat.rename"_s, {{"chatId"_L1, chatId}, {"name"_L1, u"Renamed"_s}}));
    admin->fire(u"typing.start"_s, {{"chatId"_L1, chatId}});
    QVERIFY(bob->waitEvent(u"typing"_s));
    QVERIFY(bob->waitEvent(u"message.new"_s, [](const QJsonObject &data) {
        return data.value("message"_L1).toObject().value("content"_L1).toString() == "after"_L1;
    }));
    QVERIFY(carol->expectNoEvent(u"message.new"_s));
    QVERIFY(carol->expectNoEvent(u"chat.updated"_s, {}, 0));
    QVERIFY(carol->expectNoEvent(u"typing"_s, {}, 0));
}

void tst_ServerChats::memberCanLeave()
{
    TestServer server;
    QVERIFY(server.start());
    auto admin = server.signUp(u"Admin"_s);
    auto bob = server.signUp(u"Bob"_s);
    auto carol = server.signUp(u"Carol"_s);
    QVERIFY(admin && bob && carol);
    const QString chatId = admin->createGroup(u"Team"_s, {bob->userId(), carol->userId()});
    QVERIFY(!chatId.isEmpty());

    const QJsonObject response =
        bob->request(u"chat.removeMember"_s, {{"chatId"_L1, chatId}, {"userId"_L1, bob->userId()}});
    PARLEY_VERIFY_OK(response);
    QVERIFY(bob->waitEvent(u"chat.removed"_s, chatIdIs(chatId)));
    QVERIFY(!chatIdsOf(*bob).contains(chatId));

    const QStringList remaining = sorted({admin->userId(), carol->userId()});
    QVERIFY(admin->waitEvent(u"chat.updated"_s, [&](const QJsonObject &data) {
        return chatIdIs(chatId)(data) && memberIds(data.value("chat"_L1).toObject()) == remaining;
    }));
    const QJsonObject chat = admin->chatFromList(chatId);
    QCOMPARE(memberIds(chat), remaining);
    QCOMPARE(chat.value("adminId"_L1).toString(), admin->userId());
}

void tst_ServerChats::leavingAdminHandsOverToLongestStandingMember()
{
    TestServer server;
    QVERIFY(server.start());
    auto admin = server.signUp(u"Admin"_s);
    auto bob = server.signUp(u"Bob"_s);
    auto carol = server.signUp(u"Carol"_s);
    auto dave = server.signUp(u"Dave"_s);
    QVERIFY(admin && bob && carol && dave);
    // Bob and Carol join together; Bob leaves so that Carol (at creation) is clearly longer in the
    // chat than Dave (added later).
    const QString chatId = admin->createGroup(u"Team"_s, {bob->userId(), carol->userId()});
    QVERIFY(!chatId.isEmpty());
    PARLEY_VERIFY_OK(admin->request(u"chat.addMember"_s,
                                    {{"chatId"_L1, chatId}, {"userId"_L1, dave->userId()}}));
    PARLEY_VERIFY_OK(bob->request(u"chat.removeMember"_s,
                                  {{"chatId"_L1, chatId}, {"userId"_L1, bob->userId()}}));

    PARLEY_VERIFY_OK(admin->request(u"chat.removeMember"_s,
                                    {{"chatId"_L1, chatId}, {"userId"_L1, admin->userId()}}));
    QVERIFY(admin->waitEvent(u"chat.removed"_s, chatIdIs(chatId)));
    for (TestClient *member : {carol.get(), dave.get()}) {
        QVERIFY(member->waitEvent(u"chat.updated"_s, [&](const QJsonObject &data) {
            const QJsonObject chat = data.value("chat"_L1).toObject();
            return chatIdIs(chatId)(data) && memberIds(chat).size() == 2
                && chat.value("adminId"_L1).toString() == carol->userId();
        }));
    }
    const QJsonObject chat = dave->chatFromList(chatId);
    QCOMPARE(chat.value("adminId"_L1).toString(), carol->userId());
    QCOMPARE(memberIds(chat), sorted({carol->userId(), dave->userId()}));

    // The new admin can act as one; the former admin cannot.
    PARLEY_VERIFY_OK(
        carol->request(u"chat.rename"_s, {{"chatId"_L1, chatId}, {"name"_L1, u"Carol's"_s}}));
    PARLEY_VERIFY_ERROR(
        dave->request(u"chat.rename"_s, {{"chatId"_L1, chatId}, {"name"_L1, u"Dave's"_s}}),
        u"forbidden"_s);
    PARLEY_VERIFY_ERROR(
        admin->request(u"chat.rename"_s, {{"chatId"_L1, chatId}, {"name"_L1, u"Mine"_s}}),
        u"forbidden"_s);
}

void tst_ServerChats::listIsOrderedByActivityAndPrivate()
{
    TestServer server;
    QVERIFY(server.start());
    auto alice = server.signUp(u"Alice"_s);
    auto bob = server.signUp(u"Bob"_s);
    auto carol = server.signUp(u"Carol"_s);
    auto stranger = server.signUp(u"Stranger"_s);
    QVERIFY(alice && bob && carol && stranger);
    const QString withBob = alice->directChat(bob->userId());
    const QString withCarol = alice->directChat(carol->userId());
    const QString group = alice->createGroup(u"All"_s, {bob->userId(), carol->userId()});
    QVERIFY(!withBob.isEmpty() && !withCarol.isEmpty() && !group.isEmpty());

    QVERIFY(!bob->sendMessage(withBob, u"newest"_s).isEmpty());
    QCOMPARE(chatIdsOf(*alice).first(), withBob);
    QVERIFY(!carol->sendMessage(withCarol, u"now newer"_s).isEmpty());
    const QStringList order = chatIdsOf(*alice);
    QCOMPARE(order.size(), 3);
    QCOMPARE(order.at(0), withCarol);
    QCOMPARE(order.at(1), withBob);

    const QJsonObject chat = alice->chatFromList(withCarol);
    QCOMPARE(chat.value("latestMessage"_L1).toObject().value("content"_L1).toString(),
             u"now newer"_s);
    QCOMPARE(chat.value("unreadCount"_L1).toInt(), 1);

    QCOMPARE(sorted(chatIdsOf(*bob)), sorted({withBob, group}));
    QVERIFY(chatIdsOf(*stranger).isEmpty());
}

QTEST_GUILESS_MAIN(tst_ServerChats)
#include "tst_server_chats.moc"
