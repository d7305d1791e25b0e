// SPDX-License-Identifier: GPL-3.0-or-later
// Connection against a scripted transport: request/response matching, timeouts, reconnect with
// backoff, and the authenticate-then-sync sequence before Online.
#include "connection.h"
#include "faketransport.h"
#include "results.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using parley::client::Connection;
using parley::client::Reply;
using parley::test::FakeTransport;

namespace {

const QUrl ServerUrl(u"ws://127.0.0.1:7447/"_s);

parley::User ana()
{
    return {u"u1"_s, u"Ana"_s, u"ana@example.org"_s, {}, true};
}

} // namespace

class TestConnection : public QObject
{
    Q_OBJECT

private:
    FakeTransport *m_transport = nullptr;
    std::unique_ptr<Connection> m_connection;

    // The next request with op once the client sent it, or {} after a while.
    QJsonObject next(const QString &op)
    {
        if (!QTest::qWaitFor([&] { return m_transport->hasRequest(op); }, 5000))
            return {};
        return m_transport->takeRequest(op);
    }

    // Plays the server through auth.refresh, auth.token and one empty sync page.
    void bringOnline(const QString &refreshToken)
    {
        m_connection->resumeSession(ServerUrl, refreshToken);
        QJsonObject refresh;
        refresh = next(u"auth.refresh"_s);
        QVERIFY(!refresh.isEmpty());
        m_transport->reply(refresh, parley::TokenPair{u"a1"_s, u"r2"_s}.toJson());
        QJsonObject token;
        token = next(u"auth.token"_s);
        QVERIFY(!token.isEmpty());
        m_transport->reply(token, parley::UserResult{ana()}.toJson());
        QJsonObject sync;
        sync = next(u"sync"_s);
        QVERIFY(!sync.isEmpty());
        m_transport->reply(sync, parley::SyncResult{u"k1"_s, {}, {}, {}, false}.toJson());
        QTRY_COMPARE(m_connection->state(), Connection::Online);
    }

private slots:
    void init()
    {
        m_transport = new FakeTransport;
        m_connection = std::make_unique<Connection>(m_transport);
    }

    void cleanup() { m_connection.reset(); }

    void answersReachTheirRequestsOutOfOrder()
    {
        m_connection->open(ServerUrl);
        QTRY_COMPARE(m_connection->state(), Connection::Online);
        QString first;
        QString second;
        m_connection->request(parley::Op::ServerInfo, {}, this,
                              [&](const Reply &reply) { first = reply.data[u"name"].toString(); });
        m_connection->request(parley::Op::ServerInfo, {}, this,
                              [&](const Reply &reply) { second = reply.data[u"name"].toString(); });
        const QJsonObject a = m_transport->takeRequest(u"server.info"_s);
        const QJsonObject b = m_transport->takeRequest(u"server.info"_s);
        QVERIFY(a[u"id"] != b[u"id"]);
        m_transport->reply(b, {{u"name"_s, u"second"_s}});
        m_transport->reply(a, {{u"name"_s, u"first"_s}});
        QCOMPARE(first, u"first"_s);
        QCOMPARE(second, u"second"_s);
    }

    void serverErrorsArriveAsServerError()
    {
        m_connection->open(ServerUrl);
        QTRY_COMPARE(m_connection->state(), Connection::Online);
        Reply got;
        m_connection->request(parley::Op::AuthLogin, {}, this, [&](const Reply &r) { got = r; });
        m_transport->replyError(m_transport->takeRequest(u"auth.login"_s),
                                parley::Error::make(parley::ErrorCode::Unauthenticated, u"no"_s));
        QCOMPARE(got.status, Reply::Status::ServerError);
        QCOMPARE(got.error.code, parley::ErrorCode::Unauthenticated);
    }

    void unansweredRequestTimesOutOnce()
    {
        m_connection->open(ServerUrl);
        QTRY_COMPARE(m_connection->state(), Connection::Online);
        int calls = 0;
        Reply got;
        m_connection->request(
            parley::Op::ServerInfo, {}, this,
            [&](const Reply &r) {
                ++calls;
                got = r;
            },
            50ms);
        const QJsonObject request = m_transport->takeRequest(u"server.info"_s);
        QTRY_COMPARE(calls, 1);
        QCOMPARE(got.status, Reply::Status::Timeout);
        m_transport->reply(request, {}); // too late: ignored
        QCOMPARE(calls, 1);
    }

    void handlerDiesWithItsContext()
    {
        m_connection->open(ServerUrl);
        QTRY_COMPARE(m_connection->state(), Connection::Online);
        bool called = false;
        auto context = std::make_unique<QObject>();
        m_connection->request(parley::Op::ServerInfo, {}, context.get(),
                              [&](const Reply &) { called = true; });
        context.reset();
        m_transport->reply(m_transport->takeRequest(u"server.info"_s), {});
        QVERIFY(!called);
    }

    void reconnectsWithGrowingDelaysUntilRetryNow()
    {
        m_connection->open(ServerUrl);
        QTRY_COMPARE(m_connection->state(), Connection::Online);
        m_transport->refuse = true;
        m_transport->drop();
        QCOMPARE(m_connection->state(), Connection::Offline);
        QVERIFY(m_connection->nextRetryAt().isValid());
        QVERIFY(m_connection->secondsToRetry() <= 1);
        const int opens = m_transport->opens;
        // The first retries come quickly (0.25–0.5 s, then 0.5–1 s) and fail again.
        QTRY_VERIFY_WITH_TIMEOUT(m_transport->opens >= opens + 2, 5000);
        QCOMPARE(m_connection->state(), Connection::Offline);
        m_transport->refuse = false;
        m_connection->retryNow();
        QTRY_COMPARE(m_connection->state(), Connection::Online);
        QVERIFY(!m_connection->nextRetryAt().isValid());
    }

    void authenticatesThenSyncsEveryPageBeforeOnline()
    {
        QSignalSpy tokens(m_connection.get(), &Connection::tokensChanged);
        QSignalSpy started(m_connection.get(), &Connection::sessionStarted);
        QSignalSpy synced(m_connection.get(), &Connection::synced);
        m_connection->resumeSession(ServerUrl, u"r1"_s);
        bool listed = false;
        m_connection->request(parley::Op::ChatList, {}, this,
                              [&](const Reply &) { listed = true; });

        QJsonObject refresh;
        refresh = next(u"auth.refresh"_s);
        QVERIFY(!refresh.isEmpty());
        QCOMPARE(refresh[u"data"][u"refreshToken"].toString(), u"r1"_s);
        m_transport->reply(refresh, parley::TokenPair{u"a2"_s, u"r2"_s}.toJson());
        QCOMPARE(tokens.count(), 1);
        QCOMPARE(tokens[0][1].toString(), u"r2"_s);

        const QJsonObject token = m_transport->takeRequest(u"auth.token"_s);
        QCOMPARE(token[u"data"][u"accessToken"].toString(), u"a2"_s);
        m_transport->reply(token, parley::UserResult{ana()}.toJson());
        QCOMPARE(started.count(), 1);

        const QJsonObject first = m_transport->takeRequest(u"sync"_s);
        QVERIFY(!first[u"data"].toObject().contains(u"cursor"));
        m_transport->reply(first, parley::SyncResult{u"k1"_s, {}, {}, {}, true}.toJson());
        QCOMPARE(m_connection->state(), Connection::Connecting);
        QVERIFY(m_transport->takeRequest(u"chat.list"_s).isEmpty()); // held until caught up

        const QJsonObject second = m_transport->takeRequest(u"sync"_s);
        QCOMPARE(second[u"data"][u"cursor"].toString(), u"k1"_s);
        m_transport->reply(second, parley::SyncResult{u"k2"_s, {}, {}, {}, false}.toJson());
        QCOMPARE(synced.count(), 2);
        QCOMPARE(m_connection->state(), Connection::Online);
        QCOMPARE(m_connection->syncCursor(), u"k2"_s);

        const QJsonObject list = m_transport->takeRequest(u"chat.list"_s);
        QVERIFY(!list.isEmpty());
        m_transport->reply(list, parley::ChatList{}.toJson());
        QVERIFY(listed);
    }

    void reconnectResumesWithAccessTokenAndCursor()
    {
        bringOnline(u"r1"_s);
        m_transport->drop();
        QCOMPARE(m_connection->state(), Connection::Offline);
        m_connection->retryNow();
        QJsonObject token;
        token = next(u"auth.token"_s);
        QVERIFY(!token.isEmpty());
        QCOMPARE(token[u"data"][u"accessToken"].toString(), u"a1"_s);
        // The server no longer takes it: the connection refreshes and tries again.
        m_transport->replyError(
            token, parley::Error::make(parley::ErrorCode::Unauthenticated, u"expired"_s));
        const QJsonObject refresh = m_transport->takeRequest(u"auth.refresh"_s);
        QCOMPARE(refresh[u"data"][u"refreshToken"].toString(), u"r2"_s);
        m_transport->reply(refresh, parley::TokenPair{u"a3"_s, u"r3"_s}.toJson());
        const QJsonObject again = m_transport->takeRequest(u"auth.token"_s);
        QCOMPARE(again[u"data"][u"accessToken"].toString(), u"a3"_s);
        m_transport->reply(again, parley::UserResult{ana()}.toJson());
        const QJsonObject sync = m_transport->takeRequest(u"sync"_s);
        QCOMPARE(sync[u"data"][u"cursor"].toString(), u"k1"_s);
    }

    void refusedSessionStopsReconnecting()
    {
        QSignalSpy rejected(m_connection.get(), &Connection::sessionRejected);
        m_connection->resumeSession(ServerUrl, u"spent"_s);
        QJsonObject refresh;
        refresh = next(u"auth.refresh"_s);
        QVERIFY(!refresh.isEmpty());
        m_transport->replyError(
            refresh, parley::Error::make(parley::ErrorCode::Unauthenticated, u"revoked"_s));
        QCOMPARE(rejected.count(), 1);
        QCOMPARE(m_connection->state(), Connection::Disconnected);
        const int opens = m_transport->opens;
        QTest::qWait(700); // longer than the first backoff step
        QCOMPARE(m_transport->opens, opens);
    }

    void lostLinkFailsInFlightAndKeepsQueued()
    {
        bringOnline(u"r1"_s);
        Reply inFlight;
        m_connection->request(parley::Op::ChatList, {}, this,
                              [&](const Reply &r) { inFlight = r; });
        QVERIFY(!m_transport->takeRequest(u"chat.list"_s).isEmpty());
        m_transport->drop();
        QCOMPARE(inFlight.status, Reply::Status::Disconnected);

        bool answered = false;
        m_connection->request(parley::Op::UserMe, {}, this,
                              [&](const Reply &r) { answered = r.ok(); });
        QVERIFY(m_transport->takeRequest(u"user.me"_s).isEmpty());
        m_connection->send(parley::Op::TypingStart, {{u"chatId"_s, u"1"_s}});
        m_connection->retryNow();
        QJsonObject token;
        token = next(u"auth.token"_s);
        QVERIFY(!token.isEmpty());
        m_transport->reply(token, parley::UserResult{ana()}.toJson());
        m_transport->reply(m_transport->takeRequest(u"sync"_s),
                           parley::SyncResult{u"k2"_s, {}, {}, {}, false}.toJson());
        const QJsonObject me = m_transport->takeRequest(u"user.me"_s);
        QVERIFY(!me.isEmpty());
        m_transport->reply(me, parley::UserResult{ana()}.toJson());
        QVERIFY(answered);
        // Typing is not worth queueing.
        QVERIFY(m_transport->takeRequest(u"typing.start"_s).isEmpty());
    }

    void eventsReachListeners()
    {
        bringOnline(u"r1"_s);
        QSignalSpy events(m_connection.get(), &Connection::eventReceived);
        m_transport->event(u"presence"_s, {{u"userId"_s, u"u2"_s}, {u"online"_s, true}});
        QCOMPARE(events.count(), 1);
        QCOMPARE(events[0][0].toString(), u"presence"_s);
        QCOMPARE(events[0][1].toJsonObject()[u"userId"].toString(), u"u2"_s);
    }

    void closeAfterSendsTheLastRequestAndNeverReconnects()
    {
        bringOnline(u"r1"_s);
        m_connection->closeAfter(parley::Op::AuthLogout, {});
        QCOMPARE(m_connection->state(), Connection::Disconnected);
        const QJsonObject logout = m_transport->takeRequest(u"auth.logout"_s);
        QVERIFY(!logout.isEmpty());
        QVERIFY(m_transport->isOpen());
        m_transport->reply(logout, {});
        QVERIFY(!m_transport->isOpen());
        const int opens = m_transport->opens;
        QTest::qWait(700);
        QCOMPARE(m_transport->opens, opens);
    }
};

QTEST_GUILESS_MAIN(TestConnection)
#include "tst_connection.moc"
