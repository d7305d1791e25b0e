// SPDX-License-Identifier: GPL-3.0-or-later
// Nothing lost, nothing twice: history paging and the bounded window, catching up after being
// offline or a server restart, failed and rate-limited sends, unsent messages across a restart
// of the app.
#include "chatlistmodel.h"
#include "connection.h"
#include "messagemodel.h"
#include "notificationmodel.h"
#include "outbox.h"
#include "sessiontestcase.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using parley::client::Connection;
using parley::client::MessageModel;
using namespace parley::test;

class TestSessionDelivery : public SessionTestCase
{
    Q_OBJECT

private slots:
    void olderPagesLoadOnFetchMore()
    {
        AppClient &ana = signedUp(u"Ana"_s);
        AppClient &ben = signedUp(u"Ben"_s);
        QVERIFY(ana->signedIn() && ben->signedIn());
        const QString chatId = directChat(ana, ben);
        QVERIFY(!chatId.isEmpty());
        // Ben's own: nothing unread, so the chat opens at its newest page (with 120 unread it
        // would open at the first of them).
        QVERIFY(seed(ben, chatId, 120));
        QTRY_COMPARE_WITH_TIMEOUT(ben->chats()->get(chatId).value(u"latestText"_s).toString(),
                                  u"message 120"_s, SlowMs);

        MessageModel *messages = ben->messages();
        ben->selectChat(chatId);
        QTRY_VERIFY_WITH_TIMEOUT(messages->loaded() && !messages->loading(), SlowMs);
        QVERIFY(messages->rowCount() >= 50);
        QCOMPARE(roleOf(messages, 0, MessageModel::ContentRole).toString(), u"message 120"_s);
        while (messages->canFetchMore({})) {
            messages->fetchMore({});
            QTRY_VERIFY_WITH_TIMEOUT(!messages->loading(), SlowMs);
        }
        QCOMPARE(messages->rowCount(), 120);
        QVERIFY(!messages->hasOlder());
        for (int row = 0; row < 120; ++row)
            QCOMPARE(roleOf(messages, row, MessageModel::SeqRole).toLongLong(), qint64(120 - row));
        QVERIFY(allIdsDistinct(messages));
        QCOMPARE(roleOf(messages, 119, MessageModel::ShowDaySeparatorRole).toBool(), true);
        QCOMPARE(roleOf(messages, 119, MessageModel::FirstOfGroupRole).toBool(), true);
        QCOMPARE(roleOf(messages, 118, MessageModel::FirstOfGroupRole).toBool(), false);
    }

    void windowStaysBoundedAndComesBack()
    {
        AppClient &ana = signedUp(u"Ana"_s);
        AppClient &ben = signedUp(u"Ben"_s);
        QVERIFY(ana->signedIn() && ben->signedIn());
        const QString chatId = directChat(ana, ben);
        QVERIFY(!chatId.isEmpty());
        QVERIFY(seed(ana, chatId, 120));
        QTRY_COMPARE_WITH_TIMEOUT(ben->chats()->get(chatId).value(u"latestText"_s).toString(),
                                  u"message 120"_s, SlowMs);

        MessageModel *messages = ben->messages();
        messages->setMaxRows(60);
        ben->selectChat(chatId);
        QTRY_VERIFY_WITH_TIMEOUT(messages->loaded() && !messages->loading(), SlowMs);
        while (messages->canFetchMore({})) {
            messages->fetchMore({});
            QTRY_VERIFY_WITH_TIMEOUT(!messages->loading(), SlowMs);
            QVERIFY(messages->rowCount() <= 60);
        }
        QCOMPARE(roleOf(messages, messages->rowCount() - 1, MessageModel::SeqRole).toLongLong(), 1);
        QVERIFY(messages->hasNewer());

        while (messages->hasNewer()) {
            messages->loadNewer();
            QTRY_VERIFY_WITH_TIMEOUT(!messages->loading(), SlowMs);
            QVERIFY(messages->rowCount() <= 60);
        }
        QCOMPARE(roleOf(messages, 0, MessageModel::SeqRole).toLongLong(), 120);
        QVERIFY(messages->hasOlder());
        QVERIFY(allIdsDistinct(messages));
        // Seqs stay contiguous through every drop and refetch.
        for (int row = 1; row < messages->rowCount(); ++row)
            QCOMPARE(roleOf(messages, row, MessageModel::SeqRole).toLongLong(),
                     roleOf(messages, row - 1, MessageModel::SeqRole).toLongLong() - 1);
    }

    void catchesUpBySyncAfterBeingOffline()
    {
        AppClient &ana = signedUp(u"Ana"_s);
        AppClient &ben = signedUp(u"Ben"_s);
        QVERIFY(ana->signedIn() && ben->signedIn());
        const QString chatId = directChat(ana, ben);
        QVERIFY(!chatId.isEmpty());
        ana->messages()->send(u"before"_s);
        QTRY_COMPARE_WITH_TIMEOUT(ben->notifications()->rowCount(), 1, SlowMs);

        ben.gate()->cut();
        QTRY_COMPARE(ben->connection()->state(), Connection::Offline);
        QVERIFY(!ben->connectionBanner().isEmpty());
        for (const QString &text : {u"away 1"_s, u"away 2"_s, u"away 3"_s})
            ana->messages()->send(text);
        QTRY_VERIFY_WITH_TIMEOUT(delivered(ana->messages(), 0), SlowMs);

        ben.gate()->restore();
        ben->retryNow();
        QVERIFY(ben.waitOnline());
        QTRY_COMPARE_WITH_TIMEOUT(ben->notifications()->rowCount(), 4, SlowMs);
        QTRY_COMPARE(unreadOf(ben, chatId), 4);
        QCOMPARE(ben->chats()->get(chatId).value(u"latestText"_s).toString(), u"away 3"_s);
        QVERIFY(ben->connectionBanner().isEmpty());

        ben->selectChat(chatId);
        QTRY_VERIFY_WITH_TIMEOUT(ben->messages()->loaded(), SlowMs);
        QCOMPARE(contents(ben->messages()),
                 (QStringList{u"before"_s, u"away 1"_s, u"away 2"_s, u"away 3"_s}));
    }

    void serverRestartReconnectsWithoutDuplicates()
    {
        AppClient &ana = signedUp(u"Ana"_s);
        AppClient &ben = signedUp(u"Ben"_s);
        QVERIFY(ana->signedIn() && ben->signedIn());
        const QString chatId = directChat(ana, ben);
        QVERIFY(!chatId.isEmpty());
        ben->selectChat(chatId);
        ana->messages()->send(u"before"_s);
        QTRY_COMPARE_WITH_TIMEOUT(ben->messages()->rowCount(), 1, SlowMs);

        m_server->stop();
        QTRY_COMPARE_WITH_TIMEOUT(ana->connection()->state(), Connection::Offline, SlowMs);
        QTRY_COMPARE_WITH_TIMEOUT(ben->connection()->state(), Connection::Offline, SlowMs);
        QVERIFY(ana->connectionBanner().startsWith(u"Offline"_s));
        ana->messages()->send(u"while the server was down"_s);
        QCOMPARE(roleOf(ana->messages(), 0, MessageModel::DeliveryStateRole).toInt(),
                 MessageModel::Pending);

        QVERIFY(m_server->start());
        ana->retryNow();
        ben->retryNow();
        QVERIFY(ana.waitOnline());
        QVERIFY(ben.waitOnline());
        QTRY_VERIFY_WITH_TIMEOUT(delivered(ana->messages(), 0), SlowMs);
        QTRY_COMPARE_WITH_TIMEOUT(ben->messages()->rowCount(), 2, SlowMs);
        QTest::qWait(300); // a late duplicate from the event and the sync would show up now
        QCOMPARE(contents(ben->messages()),
                 (QStringList{u"before"_s, u"while the server was down"_s}));
        QCOMPARE(contents(ana->messages()),
                 (QStringList{u"before"_s, u"while the server was down"_s}));
        QVERIFY(allIdsDistinct(ben->messages()));
    }

    void failedSendCanBeRetried()
    {
        AppClient &ana = signedUp(u"Ana"_s);
        AppClient &ben = signedUp(u"Ben"_s);
        QVERIFY(ana->signedIn() && ben->signedIn());
        const QString chatId = directChat(ana, ben);
        QVERIFY(!chatId.isEmpty());
        ben->selectChat(chatId);

        m_server->stop();
        QTRY_COMPARE_WITH_TIMEOUT(ana->connection()->state(), Connection::Offline, SlowMs);
        ana->outbox()->setSendTimeout(300ms);
        QSignalSpy failed(ana->messages(), &MessageModel::sendFailed);
        ana->messages()->send(u"retry me"_s);
        QTRY_COMPARE(roleOf(ana->messages(), 0, MessageModel::DeliveryStateRole).toInt(),
                     MessageModel::Failed);
        QCOMPARE(failed.count(), 1);
        QVERIFY(!roleOf(ana->messages(), 0, MessageModel::ErrorTextRole).toString().isEmpty());

        QVERIFY(m_server->start());
        ana->retryNow();
        ben->retryNow();
        QVERIFY(ana.waitOnline());
        ana->outbox()->setSendTimeout(15s);
        ana->messages()->retry(0);
        QCOMPARE(roleOf(ana->messages(), 0, MessageModel::DeliveryStateRole).toInt(),
                 MessageModel::Pending);
        QTRY_VERIFY_WITH_TIMEOUT(delivered(ana->messages(), 0), SlowMs);
        QVERIFY(ben.waitOnline());
        QTRY_COMPARE_WITH_TIMEOUT(contents(ben->messages()), QStringList{u"retry me"_s}, SlowMs);
        QCOMPARE(ana->messages()->rowCount(), 1);
    }

    void unsentMessagesSurviveARestart()
    {
        parley::client::MemorySecretStore keychain;
        AppClient &ben = signedUp(u"Ben"_s);
        QVERIFY(ben->signedIn());
        QString chatId;
        {
            AppClient ana(m_root->filePath(u"ana"_s), &keychain);
            QVERIFY(ana.signUp(m_server->url(), u"Ana"_s));
            chatId = directChat(ana, ben);
            QVERIFY(!chatId.isEmpty());
            QTRY_COMPARE(keychain.keys().size(), 1);
            ana.gate()->cut();
            QTRY_COMPARE(ana->connection()->state(), Connection::Offline);
            ana->messages()->send(u"written on the train"_s);
        } // the app quits before the network is back

        AppClient restarted(m_root->filePath(u"ana"_s), &keychain);
        QVERIFY(restarted->restore());
        QVERIFY(restarted.waitOnline());
        QTRY_COMPARE_WITH_TIMEOUT(ben->chats()->get(chatId).value(u"latestText"_s).toString(),
                                  u"written on the train"_s, SlowMs);
        restarted->selectChat(chatId);
        QTRY_VERIFY_WITH_TIMEOUT(restarted->messages()->loaded(), SlowMs);
        QCOMPARE(contents(restarted->messages()), QStringList{u"written on the train"_s});
        QVERIFY(delivered(restarted->messages(), 0));
    }

    void rateLimitedSendsWaitTheirTurn()
    {
        m_server->stop();
        m_server->config().messageBurst = 5;
        m_server->config().messagesPerSecond = 25;
        QVERIFY(m_server->start());
        AppClient &ana = signedUp(u"Ana"_s);
        AppClient &ben = signedUp(u"Ben"_s);
        QVERIFY(ana->signedIn() && ben->signedIn());
        const QString chatId = directChat(ana, ben);
        QVERIFY(!chatId.isEmpty());
        ben->selectChat(chatId);
        QSignalSpy failed(ana->messages(), &MessageModel::sendFailed);
        sendAll(ana, 30);
        QTRY_COMPARE_WITH_TIMEOUT(ben->messages()->rowCount(), 30, SlowMs);
        QStringList expected;
        for (int i = 1; i <= 30; ++i)
            expected.append(u"message %1"_s.arg(i));
        QCOMPARE(contents(ben->messages()), expected);
        QCOMPARE(failed.count(), 0);
    }
};

QTEST_GUILESS_MAIN(TestSessionDelivery)
#include "tst_session_delivery.moc"
