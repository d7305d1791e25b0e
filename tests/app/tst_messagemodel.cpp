// SPDX-License-Identifier: GPL-3.0-or-later
// MessageModel over a scripted transport that plays a chat's history: which page a chat opens
// at, and where the "New messages" divider goes.
#include "avatarcache.h"
#include "chatfixtures.h"
#include "connection.h"
#include "faketransport.h"
#include "messagemodel.h"
#include "outbox.h"
#include "results.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace Qt::StringLiterals;
using parley::client::MessageModel;
using parley::test::FakeTransport;
using namespace parley::test::fixtures;

namespace {

const QUrl ServerUrl(u"ws://127.0.0.1:7447/"_s);

} // namespace

class TestMessageModel : public QObject
{
    Q_OBJECT

private:
    FakeTransport *m_transport = nullptr;
    std::unique_ptr<parley::client::Connection> m_connection;
    std::unique_ptr<parley::client::Outbox> m_outbox;
    std::unique_ptr<parley::client::AvatarCache> m_avatars;
    std::unique_ptr<MessageModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    const parley::User m_bob = user(u"u2"_s, u"Bob"_s);

    // Answers the next message.history as a server holding seq 1..latest from Bob would.
    bool answerHistory(qint64 latest)
    {
        if (!QTest::qWaitFor([&] { return m_transport->hasRequest(u"message.history"_s); }))
            return false;
        const QJsonObject request = m_transport->takeRequest(u"message.history"_s);
        const QJsonObject data = request.value(u"data"_s).toObject();
        const qint64 before =
            data.contains(u"beforeSeq"_s) ? data.value(u"beforeSeq"_s).toInteger() : latest + 1;
        const qint64 limit = data.value(u"limit"_s).toInteger(50);
        const qint64 last = std::min(before - 1, latest);
        const qint64 first = std::max<qint64>(1, last - limit + 1);
        parley::HistoryResult page;
        for (qint64 seq = first; seq <= last; ++seq)
            page.messages.append(message(u"dm"_s, seq, m_bob, u"message %1"_s.arg(seq), 0));
        page.hasMore = first > 1;
        m_transport->reply(request, page.toJson());
        return true;
    }

private slots:
    void init()
    {
        m_transport = new FakeTransport;
        m_connection = std::make_unique<parley::client::Connection>(m_transport);
        m_outbox = std::make_unique<parley::client::Outbox>(m_connection.get());
        m_avatars = std::make_unique<parley::client::AvatarCache>(m_connection.get());
        m_model =
            std::make_unique<MessageModel>(m_connection.get(), m_outbox.get(), m_avatars.get());
        m_model->setCurrentUserId(Me);
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_connection->open(ServerUrl);
        QTRY_COMPARE(m_connection->state(), parley::client::Connection::Online);
    }

    void cleanup()
    {
        m_tester.reset();
        m_model.reset();
        m_avatars.reset();
        m_outbox.reset();
        m_connection.reset();
    }

    // 300 unread: the chat opens at the first of them (with a few read ones above it), not at
    // the newest page, and the newer ones load as the person scrolls down.
    void opensAtTheFirstUnreadMessageWhenItIsBeyondTheNewestPage()
    {
        m_model->setChat(chatWithUnread(direct(u"dm"_s, m_bob, 0), 300, 300));
        QVERIFY(answerHistory(300));
        QTRY_VERIFY(m_model->loaded());
        QCOMPARE(m_model->firstUnreadSeq(), 1);
        QVERIFY(m_model->rowOfSeq(1) >= 0);
        QVERIFY(m_model->get(m_model->rowOfSeq(1)).value(u"isFirstUnread"_s).toBool());
        QVERIFY(m_model->hasNewer());
        QVERIFY(!m_model->atLatest()); // so nothing is marked read yet

        m_model->loadNewer();
        QVERIFY(answerHistory(300));
        QTRY_VERIFY(!m_model->loading());
        QVERIFY(m_model->newestSeq() > 50);
        QCOMPARE(m_model->firstUnreadSeq(), 1); // the divider stays while the chat is open
    }

    void opensWithReadContextAboveTheDivider()
    {
        m_model->setChat(chatWithUnread(direct(u"dm"_s, m_bob, 0), 300, 120));
        QVERIFY(answerHistory(300));
        QTRY_VERIFY(m_model->loaded());
        QCOMPARE(m_model->firstUnreadSeq(), 181);
        QVERIFY(m_model->rowOfSeq(180) >= 0); // the last read message shows above the divider
        QVERIFY(m_model->hasNewer());
    }

    // Bob's messages run on in one group, but the one under the divider shows his name again.
    void theFirstUnreadMessageStartsAGroup()
    {
        m_model->setChat(chatWithUnread(direct(u"dm"_s, m_bob, 0), 300, 10));
        QVERIFY(answerHistory(300));
        QTRY_VERIFY(m_model->loaded());
        const int row = m_model->rowOfSeq(291);
        QVERIFY(m_model->get(row).value(u"isFirstUnread"_s).toBool());
        QVERIFY(m_model->get(row).value(u"firstOfGroup"_s).toBool());
        QVERIFY(!m_model->get(m_model->rowOfSeq(292)).value(u"firstOfGroup"_s).toBool());
    }

    void aFewUnreadOpenAtTheNewestPage()
    {
        m_model->setChat(chatWithUnread(direct(u"dm"_s, m_bob, 0), 300, 10));
        QVERIFY(answerHistory(300));
        QTRY_VERIFY(m_model->loaded());
        QCOMPARE(m_model->firstUnreadSeq(), 291);
        QCOMPARE(m_model->newestSeq(), 300);
        QVERIFY(!m_model->hasNewer());
    }
};

QTEST_MAIN(TestMessageModel)
#include "tst_messagemodel.moc"
