// SPDX-License-Identifier: GPL-3.0-or-later
// Two (or three) people talking through real Sessions and an in-process server: messages,
// direct chats and groups, typing, presence, edits, people search and notifications, as the
// models QML shows them.
#include "chatlistmodel.h"
#include "messagemodel.h"
#include "notificationmodel.h"
#include "sessiontestcase.h"
#include "typingmodel.h"
#include "usersearchmodel.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using parley::client::ChatListModel;
using parley::client::MessageModel;
using parley::client::Session;
using namespace parley::test;

class TestSessionConversation : public SessionTestCase
{
    Q_OBJECT

private slots:
    void messageReachesTheOtherSideAndIsCounted()
    {
        AppClient &ana = signedUp(u"Ana"_s);
        AppClient &ben = signedUp(u"Ben"_s);
        QVERIFY(ana->signedIn() && ben->signedIn());
        const QString chatId = directChat(ana, ben);
        QVERIFY(!chatId.isEmpty());
        QCOMPARE(ben->chats()->get(chatId).value(u"title"_s).toString(), u"Ana"_s);
        QCOMPARE(ana->chats()->get(chatId).value(u"title"_s).toString(), u"Ben"_s);
        QSignalSpy toldBen(&ben.session(), &Session::notificationWanted);

        ana->messages()->send(u"  Hello Ben  "_s);
        QCOMPARE(ana->messages()->rowCount(), 1);
        QCOMPARE(roleOf(ana->messages(), 0, MessageModel::DeliveryStateRole).toInt(),
                 MessageModel::Pending);
        QCOMPARE(roleOf(ana->messages(), 0, MessageModel::ContentRole).toString(), u"Hello Ben"_s);
        QTRY_VERIFY_WITH_TIMEOUT(delivered(ana->messages(), 0), SlowMs);
        QCOMPARE(ana->messages()->rowCount(), 1);

        // Ben has no chat open: a notification, an unread mark and the preview in his list.
        QTRY_COMPARE_WITH_TIMEOUT(ben->notifications()->rowCount(), 1, SlowMs);
        QCOMPARE(roleOf(ben->notifications(), 0, parley::client::NotificationModel::TextRole),
                 u"Hello Ben"_s);
        QCOMPARE(roleOf(ben->notifications(), 0, parley::client::NotificationModel::ChatTitleRole),
                 u"Ana"_s);
        QCOMPARE(unreadOf(ben, chatId), 1);
        QCOMPARE(ben->chats()->totalUnread(), 1);
        QCOMPARE(ben->chats()->get(chatId).value(u"latestText"_s).toString(), u"Hello Ben"_s);
        QCOMPARE(toldBen.count(), 1);
        QCOMPARE(ben->messages()->rowCount(), 0);

        // Opening the chat shows the message, clears its notifications and marks it read.
        ben->selectChat(chatId);
        QCOMPARE(ben->notifications()->rowCount(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(ben->messages()->rowCount(), 1, SlowMs);
        QCOMPARE(roleOf(ben->messages(), 0, MessageModel::IsOwnRole).toBool(), false);
        QCOMPARE(roleOf(ben->messages(), 0, MessageModel::SenderNameRole).toString(), u"Ana"_s);
        QTRY_COMPARE(unreadOf(ben, chatId), 0);
        QCOMPARE(ben->chats()->totalUnread(), 0);

        // Ana sees that Ben read it.
        QTRY_COMPARE_WITH_TIMEOUT(
            roleOf(ana->messages(), 0, MessageModel::DeliveryStateRole).toInt(), MessageModel::Read,
            SlowMs);
        QCOMPARE(roleOf(ana->messages(), 0, MessageModel::ReadByRole).toStringList(),
                 QStringList{u"Ben"_s});
    }

    // Picking a person shows the chat at once but creates it only with the first message, so
    // the other person never finds an empty chat in their list.
    void aDirectChatIsCreatedByItsFirstMessage()
    {
        AppClient &ana = signedUp(u"Ana"_s);
        AppClient &ben = signedUp(u"Ben"_s);
        QVERIFY(ana->signedIn() && ben->signedIn());
        ana->userSearch()->setQuery(u"Ben"_s);
        QTRY_COMPARE_WITH_TIMEOUT(ana->userSearch()->rowCount(), 1, SlowMs);

        ana->openDirectChat(ben->userId());
        QVERIFY(!ana->selectedChatId().isEmpty());
        QCOMPARE(ana->selectedChat().value(u"title"_s).toString(), u"Ben"_s);
        QVERIFY(ana->messages()->loaded());
        QTest::qWait(500); // what a chat.direct would have made has reached Ben by now
        QCOMPARE(ben->chats()->rowCount(), 0);
        QCOMPARE(ana->chats()->rowCount(), 0);

        ana->messages()->send(u"Hi Ben"_s);
        QTRY_COMPARE_WITH_TIMEOUT(ben->chats()->rowCount(), 1, SlowMs);
        const QString chatId = roleOf(ben->chats(), 0, ChatListModel::ChatIdRole).toString();
        QTRY_COMPARE_WITH_TIMEOUT(ben->chats()->get(chatId).value(u"latestText"_s).toString(),
                                  u"Hi Ben"_s, SlowMs);
        QTRY_COMPARE_WITH_TIMEOUT(ana->selectedChatId(), chatId, SlowMs);
        QTRY_VERIFY_WITH_TIMEOUT(delivered(ana->messages(), 0), SlowMs);
        QCOMPARE(contents(ana->messages()), QStringList{u"Hi Ben"_s});

        // Picking him again opens the chat that now exists.
        ana->selectChat({});
        ana->openDirectChat(ben->userId());
        QCOMPARE(ana->selectedChatId(), chatId);
    }

    void selectedChatTakesItsMessagesInsteadOfNotifications()
    {
        AppClient &ana = signedUp(u"Ana"_s);
        AppClient &ben = signedUp(u"Ben"_s);
        QVERIFY(ana->signedIn() && ben->signedIn());
        const QString chatId = directChat(ana, ben);
        QVERIFY(!chatId.isEmpty());
        ben->selectChat(chatId);
        QTRY_VERIFY(ben->messages()->loaded());
        QSignalSpy toldBen(&ben.session(), &Session::notificationWanted);

        ana->messages()->send(u"you are looking at this"_s);
        QTRY_COMPARE_WITH_TIMEOUT(ben->messages()->rowCount(), 1, SlowMs);
        QCOMPARE(ben->notifications()->rowCount(), 0);
        QCOMPARE(unreadOf(ben, chatId), 0);
        QCOMPARE(toldBen.count(), 0);

        // The window lost focus: the chat is not on screen, so it counts and notifies.
        ben->setWindowActive(false);
        ana->messages()->send(u"are you there?"_s);
        QTRY_COMPARE_WITH_TIMEOUT(ben->messages()->rowCount(), 2, SlowMs);
        QCOMPARE(unreadOf(ben, chatId), 1);
        QCOMPARE(toldBen.count(), 1);
        QCOMPARE(ben->notifications()->rowCount(), 0);
        ben->setWindowActive(true);
        QCOMPARE(unreadOf(ben, chatId), 0);
        QTRY_COMPARE_WITH_TIMEOUT(
            roleOf(ana->messages(), 0, MessageModel::DeliveryStateRole).toInt(), MessageModel::Read,
            SlowMs);
    }

    void typingIsShownByFirstName()
    {
        AppClient &ana = signedUp(u"Ana Lima"_s);
        AppClient &ben = signedUp(u"Ben"_s);
        QVERIFY(ana->signedIn() && ben->signedIn());
        const QString chatId = directChat(ana, ben);
        QVERIFY(!chatId.isEmpty());
        ben->selectChat(chatId);

        ana->typing()->typed();
        ana->typing()->typed(); // one burst
        QTRY_COMPARE_WITH_TIMEOUT(ben->typing()->text(), u"Ana is typing"_s, SlowMs);
        QCOMPARE(ben->typing()->rowCount(), 1);
        QCOMPARE(ben->chats()->get(chatId).value(u"typingText"_s).toString(), u"Ana is typing"_s);
        QVERIFY(ana->typing()->text().isEmpty()); // nobody else types for Ana

        ana->messages()->send(u"done typing"_s); // sending ends the burst
        QTRY_VERIFY_WITH_TIMEOUT(ben->typing()->text().isEmpty(), SlowMs);
        QCOMPARE(ben->typing()->rowCount(), 0);
        QVERIFY(ben->chats()->get(chatId).value(u"typingText"_s).toString().isEmpty());
    }

    void typingEndsAfterIdleAndIsRefreshedDuringLongBursts()
    {
        m_server->stop();
        m_server->config().typingExpiry = 500ms;
        QVERIFY(m_server->start());
        AppClient &ana = signedUp(u"Ana"_s);
        AppClient &ben = signedUp(u"Ben"_s);
        QVERIFY(ana->signedIn() && ben->signedIn());
        const QString chatId = directChat(ana, ben);
        QVERIFY(!chatId.isEmpty());
        ben->selectChat(chatId);
        ana->typing()->setIdleTimeout(400ms);
        ana->typing()->setKeepAlive(250ms);

        // A burst longer than the server's expiry stays visible: typing.start is repeated.
        ana->typing()->typed();
        QTRY_COMPARE_WITH_TIMEOUT(ben->typing()->text(), u"Ana is typing"_s, SlowMs);
        for (int i = 0; i < 15; ++i) {
            QTest::qWait(100);
            ana->typing()->typed();
            QCOMPARE(ben->typing()->text(), u"Ana is typing"_s);
        }
        // Then the keys rest: typing.stop after the idle time.
        QTRY_VERIFY_WITH_TIMEOUT(ben->typing()->text().isEmpty(), SlowMs);
    }

    void groupsCanBeRenamedAndLeft()
    {
        AppClient &ana = signedUp(u"Ana"_s);
        AppClient &ben = signedUp(u"Ben"_s);
        AppClient &cy = signedUp(u"Cy"_s);
        QVERIFY(ana->signedIn() && ben->signedIn() && cy->signedIn());
        QSignalSpy opened(&ana.session(), &Session::chatOpened);
        ana->createGroup(u"Design"_s, {ben->userId(), cy->userId()});
        QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, SlowMs);
        const QString chatId = ana->selectedChatId();
        QCOMPARE(opened[0][0].toString(), chatId);
        QCOMPARE(ana->selectedChat().value(u"title"_s).toString(), u"Design"_s);
        QCOMPARE(ana->selectedChat().value(u"isAdmin"_s).toBool(), true);
        QCOMPARE(ana->selectedChat().value(u"members"_s).toList().size(), 3);
        QVERIFY(ben.waitForChat(chatId));
        QVERIFY(cy.waitForChat(chatId));
        QCOMPARE(ben->chats()->get(chatId).value(u"isAdmin"_s).toBool(), false);

        ana->renameChat(chatId, u"Design team"_s);
        QTRY_COMPARE_WITH_TIMEOUT(ben->chats()->get(chatId).value(u"title"_s).toString(),
                                  u"Design team"_s, SlowMs);

        ben->selectChat(chatId);
        ben->leaveChat(chatId);
        QTRY_VERIFY_WITH_TIMEOUT(ben->chats()->indexOf(chatId) < 0, SlowMs);
        QVERIFY(ben->selectedChatId().isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(ana->selectedChat().value(u"memberCount"_s).toInt(), 2, SlowMs);

        QSignalSpy failures(&ben.session(), &Session::actionFailed);
        ben->renameChat(chatId, u"Mine now"_s);
        QTRY_COMPARE_WITH_TIMEOUT(failures.count(), 1, SlowMs);
    }

    void peopleSearchFindsOthersOnly()
    {
        AppClient &ana = signedUp(u"Ana"_s);
        AppClient &ben = signedUp(u"Ben"_s);
        QVERIFY(ana->signedIn() && ben->signedIn());
        auto *search = ana->userSearch();
        search->setQuery(u"b"_s);
        search->setQuery(u"be"_s);
        QVERIFY(search->loading());
        QTRY_COMPARE_WITH_TIMEOUT(search->rowCount(), 1, SlowMs);
        QVERIFY(!search->loading());
        QCOMPARE(roleOf(search, 0, parley::client::UserSearchModel::NameRole).toString(), u"Ben"_s);
        QCOMPARE(roleOf(search, 0, parley::client::UserSearchModel::OnlineRole).toBool(), true);

        search->setQuery(u"ana"_s); // the caller is never listed
        QTRY_VERIFY_WITH_TIMEOUT(!search->loading(), SlowMs);
        QCOMPARE(search->rowCount(), 0);

        search->setQuery(u"ben"_s);
        QTRY_COMPARE_WITH_TIMEOUT(search->rowCount(), 1, SlowMs);
        ana->openDirectChat(
            roleOf(search, 0, parley::client::UserSearchModel::UserIdRole).toString());
        QTRY_VERIFY_WITH_TIMEOUT(!ana->selectedChatId().isEmpty(), SlowMs);
        QCOMPARE(ana->selectedChat().value(u"title"_s).toString(), u"Ben"_s);
    }

    void notificationsSurviveARestartOnce()
    {
        AppClient &ana = signedUp(u"Ana"_s);
        parley::client::MemorySecretStore keychain;
        auto ben = std::make_unique<AppClient>(m_root->filePath(u"ben"_s), &keychain);
        QVERIFY(ben->signUp(m_server->url(), u"Ben"_s));
        QVERIFY(ana->signedIn());
        const QString chatId = directChat(ana, *ben);
        QVERIFY(!chatId.isEmpty());
        ana->messages()->send(u"one"_s);
        ana->messages()->send(u"two"_s);
        QTRY_COMPARE_WITH_TIMEOUT((*ben)->notifications()->rowCount(), 2, SlowMs);
        QCOMPARE(roleOf((*ben)->notifications(), 0, parley::client::NotificationModel::TextRole),
                 u"two"_s);
        QTRY_VERIFY(keychain.keys().size() == 1);
        ben.reset();

        AppClient restarted(m_root->filePath(u"ben"_s), &keychain);
        QVERIFY(restarted->restore());
        QVERIFY(restarted.waitOnline());
        QCOMPARE(restarted->notifications()->rowCount(), 2);
        ana->messages()->send(u"three"_s);
        QTRY_COMPARE_WITH_TIMEOUT(restarted->notifications()->rowCount(), 3, SlowMs);
        QCOMPARE(unreadOf(restarted, chatId), 3);
    }

    void editsAndDeletesReachTheOtherSide()
    {
        AppClient &ana = signedUp(u"Ana"_s);
        AppClient &ben = signedUp(u"Ben"_s);
        QVERIFY(ana->signedIn() && ben->signedIn());
        const QString chatId = directChat(ana, ben);
        QVERIFY(!chatId.isEmpty());
        ben->selectChat(chatId);
        ana->messages()->send(u"teh first"_s);
        ana->messages()->send(u"second"_s);
        QTRY_COMPARE_WITH_TIMEOUT(ben->messages()->rowCount(), 2, SlowMs);
        QTRY_VERIFY_WITH_TIMEOUT(delivered(ana->messages(), 1), SlowMs);

        QVERIFY(!roleOf(ben->messages(), 1, MessageModel::CanEditRole).toBool());
        QCOMPARE(ana->messages()->lastOwnEditableRow(), 0);
        ana->messages()->edit(1, u"the first"_s);
        QTRY_COMPARE_WITH_TIMEOUT(roleOf(ben->messages(), 1, MessageModel::ContentRole).toString(),
                                  u"the first"_s, SlowMs);
        QVERIFY(roleOf(ben->messages(), 1, MessageModel::EditedRole).toBool());
        QVERIFY(roleOf(ana->messages(), 1, MessageModel::EditedRole).toBool());

        ana->messages()->remove(0);
        QTRY_VERIFY_WITH_TIMEOUT(roleOf(ben->messages(), 0, MessageModel::DeletedRole).toBool(),
                                 SlowMs);
        QVERIFY(roleOf(ben->messages(), 0, MessageModel::ContentRole).toString().isEmpty());
        QCOMPARE(ben->chats()->get(chatId).value(u"latestText"_s).toString(),
                 u"This message was deleted"_s);
        QCOMPARE(ben->messages()->rowCount(), 2);
    }

    void presenceFollowsTheOtherMember()
    {
        AppClient &ana = signedUp(u"Ana"_s);
        AppClient &ben = signedUp(u"Ben"_s);
        QVERIFY(ana->signedIn() && ben->signedIn());
        const QString chatId = directChat(ana, ben);
        QVERIFY(!chatId.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(ben->chats()->get(chatId).value(u"online"_s).toBool(), SlowMs);
        ana.gate()->cut();
        QTRY_VERIFY_WITH_TIMEOUT(!ben->chats()->get(chatId).value(u"online"_s).toBool(), SlowMs);
        ana.gate()->restore();
        ana->retryNow();
        QTRY_VERIFY_WITH_TIMEOUT(ben->chats()->get(chatId).value(u"online"_s).toBool(), SlowMs);
    }
};

QTEST_GUILESS_MAIN(TestSessionConversation)
#include "tst_session_conversation.moc"
