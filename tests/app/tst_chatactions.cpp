// SPDX-License-Identifier: GPL-3.0-or-later
// ChatActions on its own: what the person does to chats, over a scripted transport that plays
// the server, with the real models and event router around it, so each case states what was
// asked of the server and what the person then sees selected, listed and marked read.
#include "chatactions.h"
#include "modelstacktestcase.h"
#include "results.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using parley::client::ChatActions;

using namespace parley::test::fixtures;

class TestChatActions : public parley::test::ModelStackTestCase
{
    Q_OBJECT

private:
    std::unique_ptr<ChatActions> m_actions;

    QJsonObject next(const QString &op)
    {
        if (!QTest::qWaitFor([&] { return m_transport->hasRequest(op); }))
            return {};
        return m_transport->takeRequest(op);
    }

    static QJsonObject dataOf(const QJsonObject &request)
    {
        return request.value(u"data"_s).toObject();
    }

    // The selected chat's first page, as a server holding seq 1..latest from Bob would send it.
    bool answerHistory(const QString &chatId, qint64 latest)
    {
        const QJsonObject request = next(u"message.history"_s);
        if (request.isEmpty() || dataOf(request).value(u"chatId"_s).toString() != chatId)
            return false;
        parley::HistoryResult page;
        for (qint64 seq = 1; seq <= latest; ++seq)
            page.messages.append(message(chatId, seq, m_bob, u"message %1"_s.arg(seq), seq));
        m_transport->reply(request, page.toJson());
        return QTest::qWaitFor([&] { return m_messages->loaded(); });
    }

protected:
    void setUp() override
    {
        m_search->setDebounce(0ms);
        m_connection->open(QUrl(u"ws://127.0.0.1:7447/"_s));
        QTRY_COMPARE(m_connection->state(), parley::client::Connection::Online);
        m_actions = std::make_unique<ChatActions>(
            ChatActions::Parts{m_connection.get(), m_router.get(), m_chats.get(), m_messages.get(),
                               m_notifications.get(), m_typing.get(), m_search.get(),
                               m_current.get(), m_viewer.get()});
    }

    void tearDown() override { m_actions.reset(); }

private slots:
    // Picking a chat fills the message list with it and clears its notifications; an unknown
    // chat changes nothing, and "" leaves the list empty.
    void selectingAChatShowsItsMessages()
    {
        m_router->applyChat(direct(u"dm"_s, m_bob, 1));
        m_router->applyEvent(u"message.new"_s,
                             messageEvent(message(u"dm"_s, 1, m_bob, u"hello"_s, 1)));
        QCOMPARE(m_notifications->rowCount(), 1);
        QSignalSpy selection(m_actions.get(), &ChatActions::selectionChanged);

        m_actions->selectChat(u"dm"_s);
        QCOMPARE(selection.size(), 1);
        QCOMPARE(m_current->chatId(), u"dm"_s);
        QCOMPARE(m_messages->chatId(), u"dm"_s);
        QCOMPARE(m_notifications->rowCount(), 0);
        QVERIFY(answerHistory(u"dm"_s, 1));
        QCOMPARE(m_messages->rowCount(), 1);

        QTest::ignoreMessage(QtWarningMsg, "cannot select unknown chat \"nowhere\"");
        m_actions->selectChat(u"nowhere"_s);
        QCOMPARE(selection.size(), 1);
        QCOMPARE(m_current->chatId(), u"dm"_s);

        m_actions->selectChat({});
        QCOMPARE(selection.size(), 2);
        QVERIFY(m_current->chatId().isEmpty());
        QCOMPARE(m_messages->rowCount(), 0);
    }

    // Someone found in people search gets a draft: nothing is asked of the server (an empty chat
    // would appear in their list at once) until the first message, which makes the chat and is
    // then sent in it.
    void aDirectChatWaitsForItsFirstMessage()
    {
        m_search->setQuery(u"bob"_s);
        const QJsonObject search = next(u"user.search"_s);
        QVERIFY(!search.isEmpty());
        m_transport->reply(search, parley::UserList{{m_bob}}.toJson());
        QTRY_VERIFY(m_search->user(m_bob.id));
        QSignalSpy opened(m_actions.get(), &ChatActions::chatOpened);

        m_actions->openDirectChat(m_bob.id);
        QVERIFY(m_current->isDraft());
        QCOMPARE(opened.size(), 1);
        QVERIFY(!m_transport->hasRequest(u"chat.direct"_s));
        QCOMPARE(m_chats->rowCount(), 0);

        m_messages->send(u"first words"_s);
        const QJsonObject create = next(u"chat.direct"_s);
        QCOMPARE(dataOf(create).value(u"userId"_s).toString(), m_bob.id);
        m_transport->reply(create, parley::ChatResult{direct(u"dm"_s, m_bob, 2)}.toJson());
        QTRY_COMPARE(m_current->chatId(), u"dm"_s);
        QVERIFY(!m_current->isDraft());
        QCOMPARE(m_chats->rowCount(), 1);
        const QJsonObject send = next(u"message.send"_s);
        QCOMPARE(dataOf(send).value(u"chatId"_s).toString(), u"dm"_s);
        QCOMPARE(dataOf(send).value(u"content"_s).toString(), u"first words"_s);
    }

    // A direct chat that exists is opened, not asked for again.
    void anExistingDirectChatIsOpened()
    {
        m_router->applyChat(direct(u"dm"_s, m_bob, 1));
        QSignalSpy opened(m_actions.get(), &ChatActions::chatOpened);
        m_actions->openDirectChat(m_bob.id);
        QCOMPARE(m_current->chatId(), u"dm"_s);
        QCOMPARE(opened.size(), 1);
        QCOMPARE(opened.at(0).at(0).toString(), u"dm"_s);
        QVERIFY(!m_transport->hasRequest(u"chat.direct"_s));
    }

    // A new group is listed and selected when the server has made it.
    void aNewGroupIsListedAndSelected()
    {
        QSignalSpy opened(m_actions.get(), &ChatActions::chatOpened);
        m_actions->createGroup(u"  Rocket team "_s, {m_bob.id, m_carol.id});
        const QJsonObject request = next(u"chat.createGroup"_s);
        QCOMPARE(dataOf(request).value(u"name"_s).toString(), u"Rocket team"_s);
        QCOMPARE(opened.size(), 0);

        m_transport->reply(
            request,
            parley::ChatResult{group(u"rocket"_s, u"Rocket team"_s, {m_bob, m_carol}, 3)}.toJson());
        QTRY_COMPARE(opened.size(), 1);
        QCOMPARE(m_chats->indexOf(u"rocket"_s), 0);
        QCOMPARE(m_current->chatId(), u"rocket"_s);
    }

    // A refusal reaches the person in the server's words; the list keeps the old name.
    void aRefusedRenameIsToldAndChangesNothing()
    {
        m_router->applyChat(group(u"rocket"_s, u"Rocket team"_s, {m_bob, m_carol}, 3));
        QSignalSpy failed(m_actions.get(), &ChatActions::actionFailed);
        m_actions->renameChat(u"rocket"_s, u"Moon team"_s);
        m_transport->replyError(
            next(u"chat.rename"_s),
            parley::Error::make(parley::ErrorCode::Forbidden, u"Only the admin can rename"_s));
        QTRY_COMPARE(failed.size(), 1);
        QCOMPARE(failed.at(0).at(0).toString(), u"Only the admin can rename"_s);
        QCOMPARE(m_chats->chat(u"rocket"_s)->name, u"Rocket team"_s);
    }

    // Leaving the open chat takes it out of the list and clears the selection.
    void leavingTheOpenChatDeselectsIt()
    {
        m_router->applyChat(group(u"rocket"_s, u"Rocket team"_s, {m_bob, m_carol}, 3));
        m_actions->selectChat(u"rocket"_s);
        m_actions->leaveChat(u"rocket"_s);
        const QJsonObject request = next(u"chat.removeMember"_s);
        QCOMPARE(dataOf(request).value(u"userId"_s).toString(), Me);
        m_transport->reply(request, {});
        QTRY_COMPARE(m_chats->indexOf(u"rocket"_s), -1);
        QVERIFY(m_current->chatId().isEmpty());
    }

    // What is on screen is marked read once, and only while the window is in front: a chat
    // read in a background window would lose its unread count unseen.
    void readMarksWaitForTheWindowAndAreSentOnce()
    {
        m_router->applyChat(chatWithUnread(direct(u"dm"_s, m_bob, 0), 3, 2));
        m_actions->setWindowActive(false);
        m_actions->selectChat(u"dm"_s);
        QVERIFY(answerHistory(u"dm"_s, 3));
        QVERIFY(!m_transport->hasRequest(u"chat.markRead"_s));
        QCOMPARE(m_chats->chat(u"dm"_s)->unreadCount, 2);

        m_actions->setWindowActive(true);
        const QJsonObject mark = next(u"chat.markRead"_s);
        QCOMPARE(dataOf(mark).value(u"seq"_s).toInteger(), 3);
        QCOMPARE(m_chats->chat(u"dm"_s)->unreadCount, 0);

        m_actions->markSelectedRead();
        m_actions->setWindowActive(false);
        m_actions->setWindowActive(true);
        QVERIFY(!m_transport->hasRequest(u"chat.markRead"_s));
    }
};

QTEST_GUILESS_MAIN(TestChatActions)
#include "tst_chatactions.moc"
