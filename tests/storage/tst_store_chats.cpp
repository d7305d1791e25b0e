// SPDX-License-Identifier: GPL-3.0-or-later
// Chats and their members in a Store, observed through its interface alone: what a handler
// would see.

#include "storetestcase.h"

#include <QHash>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace parley;
using namespace parley::server;
using namespace parley::server::testkit;

class TestStoreChats : public StoreTestCase
{
    Q_OBJECT

private slots:
    // chats
    void directChatIsMadeOncePerPair_data();
    void directChatIsMadeOncePerPair();
    void directChatIsOneAcrossConnections();
    void groupHasAdminAndMembersInJoinOrder();
    void chatsOfIsOrderedByActivity();
    void renameChat();
    void addMemberAppendsAndStartsCaughtUp();
    void removeMemberHandsOverAdmin_data();
    void removeMemberHandsOverAdmin();
};

// ---- chats

void TestStoreChats::directChatIsMadeOncePerPair_data()
{
    QTest::addColumn<bool>("reverse");
    QTest::newRow("same caller twice") << false;
    QTest::newRow("other member second") << true;
}

void TestStoreChats::directChatIsMadeOncePerPair()
{
    QFETCH(bool, reverse);
    const User ada = addUser(u"Ada"_s);
    const User bob = addUser(u"Bob"_s);
    bool created = false;
    const Chat first = store().directChat(ada.id, bob.id, at(5), &created);
    QVERIFY(created);
    QVERIFY(!first.id.isEmpty());
    QCOMPARE(first.isGroup, false);
    QVERIFY(first.name.isNull());
    QVERIFY(first.adminId.isNull());
    QCOMPARE(idsOf(first.members), (QStringList{ada.id, bob.id}));
    QCOMPARE(first.members.first(), ada);
    QVERIFY(!first.latestMessage);
    QCOMPARE(first.unreadCount, 0);
    QCOMPARE(first.lastActivity, at(5));

    const Chat second = reverse ? store().directChat(bob.id, ada.id, at(6), &created)
                                : store().directChat(ada.id, bob.id, at(6), &created);
    QVERIFY(!created);
    QCOMPARE(second.id, first.id);
    QCOMPARE(store().chatsOf(ada.id).size(), 1);
    QCOMPARE(store().chatsOf(bob.id).size(), 1);
}

void TestStoreChats::directChatIsOneAcrossConnections()
{
    const User ada = addUser(u"Ada"_s);
    const User bob = addUser(u"Bob"_s);
    const std::unique_ptr<Store> second = connectAgain();

    bool createdHere = false;
    bool createdThere = false;
    const Chat here = store().directChat(ada.id, bob.id, at(1), &createdHere);
    const Chat there = second->directChat(bob.id, ada.id, at(1), &createdThere);
    QCOMPARE(there.id, here.id);
    QVERIFY(createdHere);
    QVERIFY(!createdThere);
}

void TestStoreChats::groupHasAdminAndMembersInJoinOrder()
{
    const User ada = addUser(u"Ada"_s);
    const User bob = addUser(u"Bob"_s);
    const User cy = addUser(u"Cy"_s);
    // The admin listed among the members, and a member listed twice, count once.
    const Chat chat =
        store().createGroup(ada.id, u"Project X"_s, {cy.id, ada.id, bob.id, cy.id}, at(3));
    QCOMPARE(chat.isGroup, true);
    QCOMPARE(chat.name, u"Project X"_s);
    QCOMPARE(chat.adminId, ada.id);
    QCOMPARE(idsOf(chat.members), (QStringList{ada.id, cy.id, bob.id}));
    QCOMPARE(chat.lastActivity, at(3));

    const auto info = store().chatInfo(chat.id);
    QVERIFY(info);
    QCOMPARE(info->id, chat.id);
    QCOMPARE(info->isGroup, true);
    QCOMPARE(info->adminId, ada.id);
    QCOMPARE(info->memberIds, (QStringList{ada.id, cy.id, bob.id}));
    QCOMPARE(store().chat(chat.id, bob.id), chat);

    const Chat direct = store().directChat(ada.id, bob.id, at(4), nullptr);
    QVERIFY(store().chatInfo(direct.id)->adminId.isNull());
    QCOMPARE(store().chatInfo(direct.id)->isGroup, false);
}

void TestStoreChats::chatsOfIsOrderedByActivity()
{
    const User ada = addUser(u"Ada"_s);
    const User bob = addUser(u"Bob"_s);
    const User cy = addUser(u"Cy"_s);
    const Chat withBob = store().directChat(ada.id, bob.id, at(1), nullptr);
    const Chat withCy = store().directChat(ada.id, cy.id, at(2), nullptr);
    const Chat team = group(ada, {bob, cy}); // at(0), but created last: ties go to the newest
    const Chat tied = store().createGroup(ada.id, u"Tied"_s, {bob.id, cy.id}, at(0));
    QCOMPARE(chatIdsOf(store().chatsOf(ada.id)),
             (QStringList{withCy.id, withBob.id, tied.id, team.id}));

    const Message hello = send(withBob, bob, u"hello"_s, 10);
    const QList<Chat> chats = store().chatsOf(ada.id);
    QCOMPARE(chatIdsOf(chats), (QStringList{withBob.id, withCy.id, tied.id, team.id}));
    QCOMPARE(chats.first().lastActivity, at(10));
    QCOMPARE(chats.first().latestMessage, hello);
    QCOMPARE(chats.first().unreadCount, 1);
    QCOMPARE(chatIdsOf(store().chatsOf(cy.id)), (QStringList{withCy.id, tied.id, team.id}));
}

void TestStoreChats::renameChat()
{
    const User ada = addUser(u"Ada"_s);
    const User bob = addUser(u"Bob"_s);
    const User cy = addUser(u"Cy"_s);
    const Chat chat = group(ada, {bob, cy}, u"Old"_s);
    store().renameChat(chat.id, u"New"_s, at(5));
    QCOMPARE(store().chat(chat.id, bob.id)->name, u"New"_s);
    QCOMPARE(store().chat(chat.id, bob.id)->lastActivity, chat.lastActivity);
}

void TestStoreChats::addMemberAppendsAndStartsCaughtUp()
{
    const User ada = addUser(u"Ada"_s);
    const User bob = addUser(u"Bob"_s);
    const User cy = addUser(u"Cy"_s);
    const User dee = addUser(u"Dee"_s);
    const Chat chat = group(ada, {bob, cy});
    send(chat, ada, u"before Dee"_s);
    send(chat, bob, u"also before"_s);

    store().addMember(chat.id, dee.id, at(5));
    const Chat seenByDee = *store().chat(chat.id, dee.id);
    QCOMPARE(idsOf(seenByDee.members), (QStringList{ada.id, bob.id, cy.id, dee.id}));
    QCOMPARE(seenByDee.lastReadSeq, 2);
    QCOMPARE(seenByDee.unreadCount, 0);
    QCOMPARE(store().history(chat.id, std::nullopt, 50).messages.size(), 2);
    QCOMPARE(store().chatsOf(dee.id).size(), 1);

    send(chat, ada, u"after Dee"_s);
    QCOMPARE(store().chat(chat.id, dee.id)->unreadCount, 1);

    store().addMember(chat.id, dee.id, at(6)); // already a member: nothing changes
    QCOMPARE(store().chatInfo(chat.id)->memberIds.size(), 4);
}

void TestStoreChats::removeMemberHandsOverAdmin_data()
{
    QTest::addColumn<QStringList>("leaving"); // names, in order
    QTest::addColumn<QStringList>("newAdmins"); // removeMember's answers
    QTest::addColumn<QString>("finalAdmin");
    QTest::addColumn<QStringList>("finalMembers");
    QTest::newRow("member removed") << QStringList{u"Cy"_s} << QStringList{QString()} << u"Ada"_s
                                    << QStringList{u"Ada"_s, u"Bob"_s, u"Dee"_s};
    QTest::newRow("admin leaves") << QStringList{u"Ada"_s} << QStringList{u"Bob"_s} << u"Bob"_s
                                  << QStringList{u"Bob"_s, u"Cy"_s, u"Dee"_s};
    QTest::newRow("longest-standing left first")
        << QStringList{u"Bob"_s, u"Ada"_s} << QStringList{QString(), u"Cy"_s} << u"Cy"_s
        << QStringList{u"Cy"_s, u"Dee"_s};
    QTest::newRow("everyone leaves")
        << QStringList{u"Ada"_s, u"Bob"_s, u"Cy"_s, u"Dee"_s}
        << QStringList{u"Bob"_s, u"Cy"_s, u"Dee"_s, QString()} << QString() << QStringList{};
}

void TestStoreChats::removeMemberHandsOverAdmin()
{
    QFETCH(QStringList, leaving);
    QFETCH(QStringList, newAdmins);
    QFETCH(QString, finalAdmin);
    QFETCH(QStringList, finalMembers);
    QHash<QString, User> users;
    QHash<QString, QString> names; // id → name
    for (const QString &name : {u"Ada"_s, u"Bob"_s, u"Cy"_s, u"Dee"_s}) {
        users.insert(name, addUser(name));
        names.insert(users.value(name).id, name);
    }
    const Chat chat = group(users.value(u"Ada"_s),
                            {users.value(u"Bob"_s), users.value(u"Cy"_s), users.value(u"Dee"_s)});

    for (qsizetype i = 0; i < leaving.size(); ++i) {
        const QString newAdmin =
            store().removeMember(chat.id, users.value(leaving.at(i)).id, at(i));
        QCOMPARE(names.value(newAdmin), newAdmins.at(i));
    }
    const auto info = store().chatInfo(chat.id);
    QVERIFY(info);
    QCOMPARE(names.value(info->adminId), finalAdmin);
    QStringList members;
    for (const QString &id : info->memberIds)
        members.append(names.value(id));
    QCOMPARE(members, finalMembers);
    for (const QString &name : leaving) {
        QVERIFY(chatIdsOf(store().chatsOf(users.value(name).id)).isEmpty());
        QVERIFY(!store().contactsOf(users.value(name).id).contains(info->adminId));
    }
}

QTEST_GUILESS_MAIN(TestStoreChats)
#include "tst_store_chats.moc"
