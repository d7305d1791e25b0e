// SPDX-License-Identifier: GPL-3.0-or-later
// Sync by revision in a Store, and what survives a restart, observed through its interface
// alone: what a handler would see.

#include "storetestcase.h"

#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace parley;
using namespace parley::server;
using namespace parley::server::testkit;

using SendKind = Store::SendOutcome::Kind;

class TestStoreSync : public StoreTestCase
{
    Q_OBJECT

private slots:
    // sync
    void syncWithoutChangesKeepsTheCursor();
    void syncPagesDeliverEveryMessageOnce_data();
    void syncPagesDeliverEveryMessageOnce();
    void syncReportsEditsAndDeletes();
    void syncReportsJoinedAndChangedChats();
    void syncReportsRemovedChatAndHidesItsLaterMessages();
    void syncCursorNeverMovesBack();

    // durability
    void dataSurvivesReopen();
};

// ---- sync

void TestStoreSync::syncWithoutChangesKeepsTheCursor()
{
    const User ada = addUser(u"Ada"_s);
    const User bob = addUser(u"Bob"_s);
    const Chat chat = store().directChat(ada.id, bob.id, at(0), nullptr);
    send(chat, ada, u"hi"_s);
    const qint64 cursor = store().currentRevision();
    QVERIFY(cursor > 0);
    const auto delta = store().changesSince(ada.id, cursor, 500);
    QCOMPARE(delta.revision, cursor);
    QVERIFY(delta.messages.isEmpty());
    QVERIFY(delta.chats.isEmpty());
    QVERIFY(delta.removedChatIds.isEmpty());
    QVERIFY(!delta.hasMore);

    // Changes the user cannot see move the counter but bring it nothing.
    const User cy = addUser(u"Cy"_s);
    send(store().directChat(bob.id, cy.id, at(1), nullptr), bob, u"not for Ada"_s);
    const auto later = store().changesSince(ada.id, cursor, 500);
    QVERIFY(later.revision > cursor);
    QVERIFY(later.messages.isEmpty());
    QVERIFY(later.chats.isEmpty());
}

void TestStoreSync::syncPagesDeliverEveryMessageOnce_data()
{
    QTest::addColumn<int>("pageSize");
    QTest::newRow("protocol page of 500") << 500;
    QTest::newRow("pages of 97") << 97;
}

void TestStoreSync::syncPagesDeliverEveryMessageOnce()
{
    QFETCH(int, pageSize);
    const User ada = addUser(u"Ada"_s);
    const User bob = addUser(u"Bob"_s);
    const User cy = addUser(u"Cy"_s);
    const Chat direct = store().directChat(ada.id, bob.id, at(0), nullptr);
    const Chat team = group(bob, {ada, cy});
    const Chat notAdas = store().directChat(bob.id, cy.id, at(0), nullptr);
    const qint64 cursor = store().currentRevision();

    QSet<QString> expected;
    for (int i = 0; i < 620; ++i) {
        const Chat &chat = i % 5 == 0 ? team : direct;
        expected.insert(send(chat, i % 2 ? ada : bob, u"m%1"_s.arg(i), i).id);
        if (i % 7 == 0)
            send(notAdas, cy, u"private"_s, i);
    }

    QSet<QString> seen;
    qint64 position = cursor;
    bool hasMore = true;
    int pages = 0;
    while (hasMore) {
        const auto delta = store().changesSince(ada.id, position, pageSize);
        QVERIFY(delta.revision > position);
        QVERIFY(delta.messages.size() <= pageSize);
        // In seq order per chat: sorted by (chat, seq).
        for (qsizetype i = 1; i < delta.messages.size(); ++i) {
            const Message &a = delta.messages.at(i - 1);
            const Message &b = delta.messages.at(i);
            QVERIFY(a.chatId.toLongLong() < b.chatId.toLongLong()
                    || (a.chatId == b.chatId && a.seq < b.seq));
        }
        for (const Message &message : delta.messages) {
            QVERIFY2(!seen.contains(message.id), "a message came twice");
            QVERIFY(message.chatId != notAdas.id);
            seen.insert(message.id);
        }
        if (pages == 0) {
            QCOMPARE(delta.messages.size(), pageSize);
            QVERIFY(delta.hasMore);
        }
        position = delta.revision;
        hasMore = delta.hasMore;
        QVERIFY(++pages < 100);
    }
    QCOMPARE(seen, expected);
    QCOMPARE(pages, (620 + pageSize - 1) / pageSize);
    QCOMPARE(position, store().currentRevision());
}

void TestStoreSync::syncReportsEditsAndDeletes()
{
    const User ada = addUser(u"Ada"_s);
    const User bob = addUser(u"Bob"_s);
    const Chat chat = store().directChat(ada.id, bob.id, at(0), nullptr);
    const Message first = send(chat, bob, u"one"_s, 1);
    const Message second = send(chat, bob, u"two"_s, 2);
    send(chat, bob, u"three"_s, 3);
    const qint64 cursor = store().currentRevision();

    const Message deleted = store().deleteMessage(second.id, at(4));
    const Message edited = store().editMessage(first.id, u"ONE"_s, at(5));
    const auto delta = store().changesSince(ada.id, cursor, 500);
    QCOMPARE(delta.messages, (QList<Message>{edited, deleted})); // seq order
    QVERIFY(delta.chats.isEmpty());
}

void TestStoreSync::syncReportsJoinedAndChangedChats()
{
    const User ada = addUser(u"Ada"_s);
    const User bob = addUser(u"Bob"_s);
    const User cy = addUser(u"Cy"_s);
    const User dee = addUser(u"Dee"_s);
    const qint64 start = store().currentRevision();
    const Chat team = group(bob, {ada, cy}, u"Team"_s);
    const Chat direct = store().directChat(dee.id, ada.id, at(1), nullptr);

    auto delta = store().changesSince(ada.id, start, 500);
    QCOMPARE(chatIdsOf(delta.chats), (QStringList{direct.id, team.id})); // by activity
    QCOMPARE(delta.chats.last(), *store().chat(team.id, ada.id));
    QVERIFY(delta.removedChatIds.isEmpty());

    qint64 cursor = delta.revision;
    store().renameChat(team.id, u"Renamed"_s, at(2));
    delta = store().changesSince(ada.id, cursor, 500);
    QCOMPARE(chatIdsOf(delta.chats), QStringList{team.id});
    QCOMPARE(delta.chats.first().name, u"Renamed"_s);

    cursor = delta.revision;
    store().addMember(team.id, dee.id, at(3));
    delta = store().changesSince(ada.id, cursor, 500);
    QCOMPARE(chatIdsOf(delta.chats), QStringList{team.id});
    QCOMPARE(delta.chats.first().members.size(), 4);
    delta = store().changesSince(dee.id, cursor, 500);
    QCOMPARE(chatIdsOf(delta.chats), QStringList{team.id});

    // A change that is not Ada's is not reported to her.
    cursor = store().currentRevision();
    store().renameChat(store().directChat(bob.id, cy.id, at(4), nullptr).id, u"x"_s, at(4));
    QVERIFY(store().changesSince(ada.id, cursor, 500).chats.isEmpty());
}

void TestStoreSync::syncReportsRemovedChatAndHidesItsLaterMessages()
{
    const User ada = addUser(u"Ada"_s);
    const User bob = addUser(u"Bob"_s);
    const User cy = addUser(u"Cy"_s);
    const Chat team = group(bob, {ada, cy});
    const Chat kept = store().directChat(ada.id, bob.id, at(0), nullptr);
    const qint64 cursor = store().currentRevision();

    send(team, bob, u"while Ada is in"_s, 1);
    store().removeMember(team.id, ada.id, at(2));
    send(team, bob, u"after Ada left"_s, 3);
    const Message stillHers = send(kept, bob, u"direct"_s, 4);

    auto delta = store().changesSince(ada.id, cursor, 500);
    QCOMPARE(delta.removedChatIds, QStringList{team.id});
    QVERIFY(!chatIdsOf(delta.chats).contains(team.id));
    QCOMPARE(delta.messages, QList<Message>{stillHers});

    // The others see Ada go.
    delta = store().changesSince(cy.id, cursor, 500);
    QCOMPARE(chatIdsOf(delta.chats), QStringList{team.id});
    QCOMPARE(delta.chats.first().members.size(), 2);
    QVERIFY(delta.removedChatIds.isEmpty());
    QCOMPARE(delta.messages.size(), 2);

    // Back in: the chat is hers again, with what she missed.
    const qint64 afterRemoval = store().changesSince(ada.id, cursor, 500).revision;
    store().addMember(team.id, ada.id, at(5));
    delta = store().changesSince(ada.id, afterRemoval, 500);
    QCOMPARE(chatIdsOf(delta.chats), QStringList{team.id});
    QVERIFY(delta.removedChatIds.isEmpty());
}

void TestStoreSync::syncCursorNeverMovesBack()
{
    const User ada = addUser(u"Ada"_s);
    const User bob = addUser(u"Bob"_s);
    send(store().directChat(ada.id, bob.id, at(0), nullptr), bob, u"hi"_s);
    const qint64 ahead = store().currentRevision() + 1000;
    const auto delta = store().changesSince(ada.id, ahead, 500);
    QCOMPARE(delta.revision, ahead);
    QVERIFY(delta.messages.isEmpty());
    QCOMPARE(store().changesSince(ada.id, 0, 500).revision, store().currentRevision());
}

// ---- durability

void TestStoreSync::dataSurvivesReopen()
{
    const User ada = addUser(u"Ada"_s);
    const User bob = addUser(u"Bob"_s);
    const QString session = store().createSession(ada.id, "r1", u"laptop"_s, at(0), at(3600));
    const Chat chat = store().directChat(ada.id, bob.id, at(0), nullptr);
    const Message hello = send(chat, ada, u"hello"_s, 1);
    store().markRead(chat.id, bob.id, 1);
    const Chat before = *store().chat(chat.id, bob.id);
    const qint64 revision = store().currentRevision();

    Store &reopened = reopen();
    QCOMPARE(reopened.user(ada.id), ada);
    QCOMPARE(reopened.credentialsByEmail(ada.email)->userId, ada.id);
    QVERIFY(reopened.sessionActive(session, ada.id));
    QCOMPARE(reopened.chat(chat.id, bob.id), before);
    QCOMPARE(reopened.message(hello.id), hello);
    QCOMPARE(reopened.currentRevision(), revision);
    QCOMPARE(reopened.sendMessage(chat.id, ada.id, u"c1"_s, u"again"_s, at(2)).kind,
             SendKind::Duplicate); // clientId "c1" was hello's
    QCOMPARE(send(chat, bob, u"next"_s, 3).seq, 2);
}

QTEST_GUILESS_MAIN(TestStoreSync)
#include "tst_store_sync.moc"
