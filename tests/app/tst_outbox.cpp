// SPDX-License-Identifier: GPL-3.0-or-later
// The Outbox over a scripted transport: what the person who pressed Send sees happen to each
// message when the server answers, refuses, asks to slow down or is not there, and after a
// restart of the app.
#include "chatfixtures.h"
#include "connection.h"
#include "faketransport.h"
#include "outbox.h"
#include "results.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using parley::client::Connection;
using parley::client::Outbox;
using parley::test::FakeTransport;
using namespace parley::test::fixtures;

namespace {

const QUrl ServerUrl(u"ws://127.0.0.1:7447/"_s);

QString clientIdOf(const QJsonObject &request)
{
    return request.value(u"data"_s).toObject().value(u"clientId"_s).toString();
}

} // namespace

class TestOutbox : public QObject
{
    Q_OBJECT

private:
    FakeTransport *m_transport = nullptr;
    std::unique_ptr<Connection> m_connection;
    const parley::User m_me = user(Me, u"Alice"_s);

    // Stores the send as the server would: the answer carries the message with its seq.
    void store(const QJsonObject &request, qint64 seq)
    {
        const QJsonObject data = request.value(u"data"_s).toObject();
        parley::Message stored = message(data.value(u"chatId"_s).toString(), seq, m_me,
                                         data.value(u"content"_s).toString(), 0);
        stored.clientId = clientIdOf(request);
        m_transport->reply(request, parley::MessageResult{stored}.toJson());
    }

    QJsonObject nextSend()
    {
        if (!QTest::qWaitFor([&] { return m_transport->hasRequest(u"message.send"_s); }))
            return {};
        return m_transport->takeRequest(u"message.send"_s);
    }

private slots:
    void init()
    {
        m_transport = new FakeTransport;
        m_connection = std::make_unique<Connection>(m_transport);
        m_connection->open(ServerUrl);
        QTRY_COMPARE(m_connection->state(), Connection::Online);
    }

    void cleanup() { m_connection.reset(); }

    // One at a time, in the order written: the second waits until the first is stored.
    void sendsInOrderOneAtATime()
    {
        Outbox outbox(m_connection.get());
        QSignalSpy delivered(&outbox, &Outbox::delivered);
        const Outbox::Entry first = outbox.enqueue(u"dm"_s, u"one"_s);
        const Outbox::Entry second = outbox.enqueue(u"dm"_s, u"two"_s);
        QCOMPARE(outbox.entries(u"dm"_s).size(), 2);

        const QJsonObject sent = nextSend();
        QCOMPARE(clientIdOf(sent), first.clientId);
        QVERIFY(!m_transport->hasRequest(u"message.send"_s));
        store(sent, 1);
        QTRY_COMPARE(delivered.size(), 1);
        QCOMPARE(clientIdOf(nextSend()), second.clientId);
        QCOMPARE(outbox.entries(u"dm"_s).size(), 1); // the first left the outbox
    }

    // A refusal marks that message failed with the server's words; retrying sends it again with
    // the same clientId, so the server cannot store it twice.
    void aRefusalFailsItAndRetryResendsTheSameMessage()
    {
        Outbox outbox(m_connection.get());
        QSignalSpy failed(&outbox, &Outbox::failed);
        const Outbox::Entry entry = outbox.enqueue(u"dm"_s, u"hello"_s);
        m_transport->replyError(
            nextSend(),
            parley::Error::make(parley::ErrorCode::Forbidden, u"not a member of this chat"_s));
        QTRY_COMPARE(failed.size(), 1);
        QCOMPARE(outbox.entry(entry.clientId)->state, Outbox::State::Failed);
        QCOMPARE(outbox.entry(entry.clientId)->error, u"not a member of this chat"_s);

        outbox.retry(entry.clientId);
        const QJsonObject again = nextSend();
        QCOMPARE(clientIdOf(again), entry.clientId);
        store(again, 1);
        QTRY_VERIFY(!outbox.entry(entry.clientId));
    }

    // "Slow down" pauses the line for as long as the server asked; the message keeps its place
    // and is not failed.
    void aRateLimitPausesTheLine()
    {
        Outbox outbox(m_connection.get());
        QSignalSpy failed(&outbox, &Outbox::failed);
        const Outbox::Entry entry = outbox.enqueue(u"dm"_s, u"quick"_s);
        parley::Error slowDown = parley::Error::make(parley::ErrorCode::RateLimited, u"slow"_s);
        slowDown.retryAfterMs = 300;
        m_transport->replyError(nextSend(), slowDown);
        QVERIFY(!QTest::qWaitFor([&] { return m_transport->hasRequest(u"message.send"_s); }, 150));
        const QJsonObject again = nextSend();
        QCOMPARE(clientIdOf(again), entry.clientId);
        QCOMPARE(failed.size(), 0);
        QCOMPARE(outbox.entry(entry.clientId)->state, Outbox::State::Pending);
    }

    // With no server within the send timeout the message is failed, saying why.
    void noServerWithinTheTimeoutFailsIt()
    {
        m_transport->drop();
        m_transport->refuse = true;
        Outbox outbox(m_connection.get());
        outbox.setSendTimeout(300ms);
        QSignalSpy failed(&outbox, &Outbox::failed);
        const Outbox::Entry entry = outbox.enqueue(u"dm"_s, u"into the void"_s);
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 5000);
        QCOMPARE(outbox.entry(entry.clientId)->state, Outbox::State::Failed);
        QVERIFY(!outbox.entry(entry.clientId)->error.isEmpty());
    }

    // Unsent messages survive a restart of the app and go out again, in order, with their
    // clientIds (so one the server had stored before the restart is not stored twice).
    void unsentMessagesSurviveARestart()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"outbox.json"_s);
        QString firstId;
        QString secondId;
        m_transport->drop();
        m_transport->refuse = true;
        {
            Outbox before(m_connection.get());
            before.setStoragePath(path);
            firstId = before.enqueue(u"dm"_s, u"first"_s).clientId;
            secondId = before.enqueue(u"dm"_s, u"second"_s).clientId;
        }
        m_transport->refuse = false;
        m_connection->open(ServerUrl);
        QTRY_COMPARE(m_connection->state(), Connection::Online);

        Outbox after(m_connection.get());
        after.setStoragePath(path);
        QCOMPARE(after.entries(u"dm"_s).size(), 2);
        const QJsonObject first = nextSend();
        QCOMPARE(clientIdOf(first), firstId);
        QCOMPARE(first.value(u"data"_s).toObject().value(u"content"_s).toString(), u"first"_s);
        store(first, 1);
        QCOMPARE(clientIdOf(nextSend()), secondId);
    }
};

QTEST_GUILESS_MAIN(TestOutbox)
#include "tst_outbox.moc"
