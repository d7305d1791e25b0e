// SPDX-License-Identifier: GPL-3.0-or-later
// The real ChatServer on the epoll event dispatcher, driven by WebSocket clients as in the server
// suites: sign-up, a direct chat and a message that reaches the other user, also while hundreds
// of idle connections sit on the same event loop.
#include "eventloop/epolleventdispatcher.h"
#include "protocolcheck.h"
#include "testserver.h"

#include <QCoreApplication>
#include <QStandardPaths>
#include <QTest>
#include <QWebSocket>

#include <algorithm>
#include <memory>
#include <vector>

using namespace Qt::StringLiterals;
using namespace parley::test;
using parley::server::EpollEventDispatcher;

class tst_ServerEpoll : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void serverRunsOnTheEpollDispatcher();
    void directMessageReachesTheOtherUser_data();
    void directMessageReachesTheOtherUser();
    void restartedServerServesAgain();
};

void tst_ServerEpoll::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void tst_ServerEpoll::serverRunsOnTheEpollDispatcher()
{
    TestServer server;
    QVERIFY(server.start());
    QVERIFY(qobject_cast<EpollEventDispatcher *>(server.server()->thread()->eventDispatcher()));
}

void tst_ServerEpoll::directMessageReachesTheOtherUser_data()
{
    QTest::addColumn<int>("idleConnections");
    QTest::newRow("alone") << 0;
    QTest::newRow("beside 300 idle connections") << 300;
}

void tst_ServerEpoll::directMessageReachesTheOtherUser()
{
    QFETCH(int, idleConnections);
    TestServer server;
    QVERIFY(server.start());
    // Opened all at once, as clients reconnecting after an outage would.
    std::vector<std::unique_ptr<QWebSocket>> idle;
    for (int i = 0; i < idleConnections; ++i) {
        idle.push_back(std::make_unique<QWebSocket>());
        idle.back()->open(server.url());
    }
    const auto connectedCount = [&idle] {
        return std::count_if(idle.begin(), idle.end(), [](const auto &socket) {
            return socket->state() == QAbstractSocket::ConnectedState;
        });
    };
    QTRY_COMPARE_WITH_TIMEOUT(connectedCount(), qsizetype(idleConnections), ResponseTimeoutMs);
    auto alice = server.signUp(u"Alice"_s);
    auto bob = server.signUp(u"Bob"_s);
    QVERIFY(alice && bob);
    const QString chatId = alice->directChat(bob->userId());
    QVERIFY(!chatId.isEmpty());

    const QJsonObject response = alice->request(
        u"message.send"_s,
        {{"chatId"_L1, chatId}, {"clientId"_L1, uniqueClientId()}, {"content"_L1, u"Hi Bob"_s}});
    PARLEY_VERIFY_OK(response);
    const QJsonObject message = dataOf(response).value("message"_L1).toObject();
    QCOMPARE(message.value("content"_L1).toString(), u"Hi Bob"_s);

    const auto event = bob->waitEvent(u"message.new"_s);
    QVERIFY(event);
    QCOMPARE(event->value("message"_L1).toObject(), message);
    QCOMPARE(event->value("message"_L1).toObject().value("sender"_L1).toObject().value("id"_L1),
             QJsonValue(alice->userId()));

    // And back: Bob's answer reaches Alice the same way (after her own message's event).
    const QJsonObject answer = bob->sendMessage(chatId, u"Hi Alice"_s);
    QVERIFY(!answer.isEmpty());
    const auto answerEvent = alice->waitEvent(u"message.new"_s, [&](const QJsonObject &data) {
        return data.value("message"_L1).toObject().value("id"_L1) == answer.value("id"_L1);
    });
    QVERIFY(answerEvent);
    QCOMPARE(answerEvent->value("message"_L1).toObject(), answer);
    QCOMPARE(connectedCount(), qsizetype(idleConnections));
}

void tst_ServerEpoll::restartedServerServesAgain()
{
    // Stopping closes every socket under the dispatcher's feet; the new listener must work.
    TestServer server;
    QVERIFY(server.start());
    auto alice = server.signUp(u"Alice"_s);
    QVERIFY(alice);
    const Account account = alice->account();
    QVERIFY(server.restart({}));
    QVERIFY(alice->waitForDisconnected());
    auto again = server.connectAs(account);
    QVERIFY(again);
    auto bob = server.signUp(u"Bob"_s);
    QVERIFY(bob);
    const QString chatId = again->directChat(bob->userId());
    QVERIFY(!chatId.isEmpty());
    const QJsonObject message = again->sendMessage(chatId, u"still here"_s);
    QVERIFY(!message.isEmpty());
    const auto event = bob->waitEvent(u"message.new"_s);
    QVERIFY(event);
    QCOMPARE(event->value("message"_L1).toObject(), message);
}

int main(int argc, char *argv[])
{
    // Before the application object, as parley-server installs it.
    QCoreApplication::setEventDispatcher(new EpollEventDispatcher);
    QCoreApplication app(argc, argv);
    tst_ServerEpoll test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_serverepoll.moc"
