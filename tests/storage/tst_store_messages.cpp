// SPDX-License-Identifier: GPL-3.0-or-later
// Messages, history pages and read markers in a Store, observed through its interface alone:
// what a handler would see.

#include "storetestcase.h"

#include <QTest>

#include <algorithm>
#include <optional>

using namespace Qt::StringLiterals;
using namespace parley;
using namespace parley::server;
using namespace parley::server::testkit;

using SendKind = Store::SendOutcome::Kind;

class TestStoreMessages : public StoreTestCase
{
    Q_OBJECT

private slots:
    // messages
    void sendStoresWhatWasSent();
    void seqHasNoGapsOver150Sends();
    void resendWithSameClientId_data();
    void resendWithSameClientId();
    void editAndDelete();
    void senderIsShownAsOfNow();
    void historyPagesWithoutGapsOrRepeats_data();
    void historyPagesWithoutGapsOrRepeats();
    void unreadCount_data();
    void unreadCount();
    void markReadMovesForwardOnlyAndIsCapped_data();
    void markReadMovesForwardOnlyAndIsCapped();
};

// ---- messages

void TestStoreMessages::sendStoresWhatWasSent()
{
    const User ada = addUser(u"Ada"_s);
    const User bob = addUser(u"Bob"_s);
    const Chat chat = store().directChat(ada.id, bob.id, at(0), nullptr);
    const QDateTime now = at(7, 123);
    const auto outcome = store().sendMessage(chat.id, ada.id, u"client-1"_s, u"hi Bob"_s, now);
    QCOMPARE(outcome.kind, SendKind::Stored);
    const Message &message = outcome.message;
    QVERIFY(!message.id.isEmpty());
    QCOMPARE(message.chatId, chat.id);
    QCOMPARE(message.seq, 1);
    QCOMPARE(message.sender, (UserSummary{ada.id, ada.name, ada.avatar}));
    QCOMPARE(message.content, u"hi Bob"_s);
    QCOMPARE(message.clientId, u"client-1"_s);
    QCOMPARE(message.createdAt, now);
    QCOMPARE(message.createdAt.timeSpec(), Qt::UTC);
    QVERIFY(!message.editedAt.isValid());
    QCOMPARE(message.deleted, false);
    QCOMPARE(store().message(message.id), message);

    const Chat after = *store().chat(chat.id, bob.id);
    QCOMPARE(after.latestMessage, message);
    QCOMPARE(after.lastActivity, now);
}

void TestStoreMessages::seqHasNoGapsOver150Sends()
{
    const User ada = addUser(u"Ada"_s);
    const User bob = addUser(u"Bob"_s);
    const User cy = addUser(u"Cy"_s);
    const Chat first = store().directChat(ada.id, bob.id, at(0), nullptr);
    const Chat second = group(ada, {bob, cy});
    QList<qint64> firstSeqs;
    QList<qint64> secondSeqs;
    for (int i = 0; i < 150; ++i) {
        // Interleaved chats and a resend now and then must not disturb either counter.
        const Chat &chat = i % 3 == 0 ? second : first;
        const auto outcome =
            store().sendMessage(chat.id, i % 2 ? ada.id : bob.id, u"m%1"_s.arg(i), u"x"_s, at(i));
        QCOMPARE(outcome.kind, SendKind::Stored);
        (i % 3 == 0 ? secondSeqs : firstSeqs).append(outcome.message.seq);
        if (i % 10 == 0)
            QCOMPARE(
                store()
                    .sendMessage(chat.id, i % 2 ? ada.id : bob.id, u"m%1"_s.arg(i), u"x"_s, at(i))
                    .kind,
                SendKind::Duplicate);
    }
    QCOMPARE(firstSeqs, range(1, 100));
    QCOMPARE(secondSeqs, range(1, 50));
    QCOMPARE(store().chat(first.id, ada.id)->latestMessage->seq, 100);
}

void TestStoreMessages::resendWithSameClientId_data()
{
    QTest::addColumn<bool>("otherChat");
    QTest::addColumn<bool>("otherSender");
    QTest::addColumn<int>("expected");
    QTest::newRow("same sender, same chat: the stored message")
        << false << false << int(SendKind::Duplicate);
    QTest::newRow("same sender, other chat: conflict")
        << true << false << int(SendKind::ClientIdConflict);
    QTest::newRow("other sender: a message of its own") << false << true << int(SendKind::Stored);
}

void TestStoreMessages::resendWithSameClientId()
{
    QFETCH(bool, otherChat);
    QFETCH(bool, otherSender);
    QFETCH(int, expected);
    const User ada = addUser(u"Ada"_s);
    const User bob = addUser(u"Bob"_s);
    const User cy = addUser(u"Cy"_s);
    const Chat chat = group(ada, {bob, cy});
    const Chat other = store().directChat(ada.id, bob.id, at(0), nullptr);
    const auto first = store().sendMessage(chat.id, ada.id, u"same"_s, u"one"_s, at(1));
    QCOMPARE(first.kind, SendKind::Stored);

    const auto again =
        store().sendMessage(otherChat ? other.id : chat.id, otherSender ? bob.id : ada.id,
                            u"same"_s, u"changed text"_s, at(2));
    QCOMPARE(int(again.kind), expected);
    const QList<Message> stored = store().history(chat.id, std::nullopt, 50).messages;
    switch (again.kind) {
    case SendKind::Duplicate:
        QCOMPARE(again.message, first.message);
        QCOMPARE(stored.size(), 1);
        break;
    case SendKind::ClientIdConflict:
        QVERIFY(store().history(other.id, std::nullopt, 50).messages.isEmpty());
        break;
    case SendKind::Stored:
        QCOMPARE(again.message.seq, 2);
        QCOMPARE(stored.size(), 2);
        break;
    }
}

void TestStoreMessages::editAndDelete()
{
    const User ada = addUser(u"Ada"_s);
    const User bob = addUser(u"Bob"_s);
    const Chat chat = store().directChat(ada.id, bob.id, at(0), nullptr);
    const Message original = send(chat, ada, u"helo"_s, 1);

    const Message edited = store().editMessage(original.id, u"hello"_s, at(2));
    QCOMPARE(edited.id, original.id);
    QCOMPARE(edited.seq, original.seq);
    QCOMPARE(edited.content, u"hello"_s);
    QCOMPARE(edited.editedAt, at(2));
    QCOMPARE(edited.createdAt, original.createdAt);
    QCOMPARE(store().message(original.id), edited);

    const Message deleted = store().deleteMessage(original.id, at(3));
    QCOMPARE(deleted.deleted, true);
    QCOMPARE(deleted.content, QString());
    QCOMPARE(deleted.seq, original.seq);
    QCOMPARE(store().history(chat.id, std::nullopt, 50).messages, QList<Message>{deleted});
    QCOMPARE(store().chat(chat.id, bob.id)->latestMessage, deleted);

    QVERIFY(store().editMessage(u"999"_s, u"x"_s, at(4)).id.isEmpty());
    QVERIFY(store().deleteMessage(u"999"_s, at(4)).id.isEmpty());
}

void TestStoreMessages::senderIsShownAsOfNow()
{
    const User ada = addUser(u"Ada"_s);
    const User bob = addUser(u"Bob"_s);
    const Chat chat = store().directChat(ada.id, bob.id, at(0), nullptr);
    const Message message = send(chat, ada, u"hi"_s);
    Store::UserChanges changes;
    changes.name = u"Countess"_s;
    changes.avatarDataUri = u"data:image/png;base64,AA=="_s;
    const User renamed = *store().updateUser(ada.id, changes);
    const Message now = *store().message(message.id);
    QCOMPARE(now.sender, (UserSummary{ada.id, u"Countess"_s, renamed.avatar}));
    QCOMPARE(store().chat(chat.id, bob.id)->members.first(), renamed);
}

void TestStoreMessages::historyPagesWithoutGapsOrRepeats_data()
{
    QTest::addColumn<int>("limit");
    QTest::addColumn<int>("expectedPages");
    QTest::newRow("one at a time") << 1 << 125;
    QTest::newRow("default page") << 50 << 3;
    QTest::newRow("largest page") << 100 << 2;
    QTest::newRow("page of exactly all") << 125 << 1;
    QTest::newRow("page larger than all") << 130 << 1;
}

void TestStoreMessages::historyPagesWithoutGapsOrRepeats()
{
    QFETCH(int, limit);
    QFETCH(int, expectedPages);
    const User ada = addUser(u"Ada"_s);
    const User bob = addUser(u"Bob"_s);
    const Chat chat = store().directChat(ada.id, bob.id, at(0), nullptr);
    const Chat noise = group(ada, {bob, addUser(u"Cy"_s)});
    for (int i = 1; i <= 125; ++i) {
        send(chat, i % 2 ? ada : bob, u"message %1"_s.arg(i), i);
        if (i % 4 == 0)
            send(noise, ada, u"elsewhere"_s, i);
    }

    QList<qint64> seen;
    std::optional<qint64> before;
    int pages = 0;
    bool hasMore = true;
    while (hasMore) {
        const auto page = store().history(chat.id, before, limit);
        QVERIFY(!page.messages.isEmpty());
        QVERIFY(page.messages.size() <= limit);
        const QList<qint64> seqs = seqsOf(page.messages);
        QVERIFY(std::is_sorted(seqs.begin(), seqs.end()));
        for (const Message &message : page.messages) {
            QCOMPARE(message.chatId, chat.id);
            QCOMPARE(message.content, u"message %1"_s.arg(message.seq));
        }
        seen = seqs + seen;
        before = seqs.first();
        hasMore = page.hasMore;
        QVERIFY(++pages <= 125);
    }
    QCOMPARE(seen, range(1, 125));
    QCOMPARE(pages, expectedPages);

    const auto middle = store().history(chat.id, 60, 5);
    QCOMPARE(seqsOf(middle.messages), range(55, 59));
    QVERIFY(middle.hasMore);
    QVERIFY(store().history(chat.id, 1, 50).messages.isEmpty());
    QVERIFY(!store().history(chat.id, 1, 50).hasMore);
}

void TestStoreMessages::unreadCount_data()
{
    QTest::addColumn<qint64>("readUpTo"); // Bob's marker, 0: never read
    QTest::addColumn<bool>("deleteOne");
    QTest::addColumn<qint64>("expectedUnread");
    // Messages 1..6 alternate Ada (odd seq) and Bob (even seq): Bob has 3 unread from Ada.
    QTest::newRow("nothing read: the others' messages") << qint64(0) << false << qint64(3);
    QTest::newRow("own messages never count") << qint64(2) << false << qint64(2);
    QTest::newRow("all read") << qint64(6) << false << qint64(0);
    QTest::newRow("deleted messages do not count") << qint64(0) << true << qint64(2);
    QTest::newRow("read past a deleted one") << qint64(4) << true << qint64(0);
}

void TestStoreMessages::unreadCount()
{
    QFETCH(qint64, readUpTo);
    QFETCH(bool, deleteOne);
    QFETCH(qint64, expectedUnread);
    const User ada = addUser(u"Ada"_s);
    const User bob = addUser(u"Bob"_s);
    const Chat chat = store().directChat(ada.id, bob.id, at(0), nullptr);
    QList<Message> sent;
    for (int i = 1; i <= 6; ++i)
        sent.append(send(chat, i % 2 ? ada : bob, u"m"_s, i));
    if (deleteOne)
        store().deleteMessage(sent.at(4).id, at(9)); // seq 5, Ada's
    if (readUpTo > 0)
        QCOMPARE(store().markRead(chat.id, bob.id, readUpTo), readUpTo);

    const Chat seenByBob = *store().chat(chat.id, bob.id);
    QCOMPARE(seenByBob.unreadCount, expectedUnread);
    QCOMPARE(seenByBob.lastReadSeq, readUpTo);
    QCOMPARE(store().chatsOf(bob.id).first().unreadCount, expectedUnread);
    QCOMPARE(store().chat(chat.id, ada.id)->unreadCount, 3); // Bob's three, Ada read nothing
    // A user who is not a member sees no unread messages.
    QCOMPARE(store().chat(chat.id, addUser(u"Eve"_s).id)->unreadCount, 0);
}

void TestStoreMessages::markReadMovesForwardOnlyAndIsCapped_data()
{
    QTest::addColumn<QList<qint64>>("marks");
    QTest::addColumn<QList<qint64>>("expected");
    // The chat has 5 messages.
    QTest::newRow("forward") << QList<qint64>{1, 3, 5} << QList<qint64>{1, 3, 5};
    QTest::newRow("backward is ignored") << QList<qint64>{4, 2} << QList<qint64>{4, 4};
    QTest::newRow("past the end counts as the end") << QList<qint64>{99} << QList<qint64>{5};
    QTest::newRow("zero and negative") << QList<qint64>{0, -3} << QList<qint64>{0, 0};
}

void TestStoreMessages::markReadMovesForwardOnlyAndIsCapped()
{
    QFETCH(QList<qint64>, marks);
    QFETCH(QList<qint64>, expected);
    const User ada = addUser(u"Ada"_s);
    const User bob = addUser(u"Bob"_s);
    const Chat chat = store().directChat(ada.id, bob.id, at(0), nullptr);
    for (int i = 1; i <= 5; ++i)
        send(chat, ada, u"m"_s, i);
    QList<qint64> answers;
    for (qint64 mark : marks)
        answers.append(store().markRead(chat.id, bob.id, mark));
    QCOMPARE(answers, expected);
    QCOMPARE(store().chat(chat.id, bob.id)->lastReadSeq, expected.last());
    QCOMPARE(store().chat(chat.id, ada.id)->lastReadSeq, 0);
}

QTEST_GUILESS_MAIN(TestStoreMessages)
#include "tst_store_messages.moc"
