// SPDX-License-Identifier: GPL-3.0-or-later
// tst_epolleventdispatcher: socket notifiers on pipes, socket pairs, files and TCP.
#include "tst_epolleventdispatcher.h"

using namespace epolltest;
using namespace Qt::StringLiterals;
using parley::server::EpollEventDispatcher;

void tst_EpollEventDispatcher::readNotifierFiresUntilDrained_data()
{
    QTest::addColumn<Channel::Kind>("kind");
    QTest::newRow("socket pair") << Channel::Kind::SocketPair;
    QTest::newRow("pipe") << Channel::Kind::Pipe;
}

void tst_EpollEventDispatcher::readNotifierFiresUntilDrained()
{
    QFETCH(Channel::Kind, kind);
    Channel channel(kind);
    QVERIFY(channel.isValid());
    QSocketNotifier notifier(channel.readEnd(), QSocketNotifier::Read);
    int activations = 0;
    QByteArray received;
    connect(&notifier, &QSocketNotifier::activated, this, [&](QSocketDescriptor socket) {
        QCOMPARE(int(socket), channel.readEnd());
        // Level triggered, like poll(): unread data keeps it firing.
        if (++activations == 3)
            received += channel.receive().value_or(QByteArray());
    });
    QTest::qWait(QuietMs);
    QCOMPARE(activations, 0); // nothing to read yet
    QVERIFY(channel.send("ping"));
    QTRY_COMPARE(received, "ping"_ba);
    QTest::qWait(QuietMs);
    QCOMPARE(activations, 3);
}

void tst_EpollEventDispatcher::writeNotifierFiresWhenWritable()
{
    Channel channel;
    QVERIFY(channel.isValid());
    QSocketNotifier notifier(channel.writeEnd(), QSocketNotifier::Write);
    int activations = 0;
    connect(&notifier, &QSocketNotifier::activated, this, [&] {
        ++activations;
        notifier.setEnabled(false);
    });
    QTRY_COMPARE(activations, 1);
    QTest::qWait(QuietMs);
    QCOMPARE(activations, 1);
    notifier.setEnabled(true);
    QTRY_COMPARE(activations, 2);
}

void tst_EpollEventDispatcher::hangUpActivatesTheReadNotifier_data()
{
    QTest::addColumn<Channel::Kind>("kind");
    QTest::newRow("socket pair") << Channel::Kind::SocketPair;
    // A pipe whose writer is gone reports only a hang-up, not readable data.
    QTest::newRow("pipe") << Channel::Kind::Pipe;
}

void tst_EpollEventDispatcher::hangUpActivatesTheReadNotifier()
{
    QFETCH(Channel::Kind, kind);
    Channel channel(kind);
    QVERIFY(channel.isValid());
    QSocketNotifier notifier(channel.readEnd(), QSocketNotifier::Read);
    bool sawEnd = false;
    connect(&notifier, &QSocketNotifier::activated, this, [&] {
        sawEnd = !channel.receive().has_value();
        notifier.setEnabled(false);
    });
    QTest::qWait(QuietMs);
    QVERIFY(!sawEnd);
    channel.closeWriteEnd();
    QTRY_VERIFY(sawEnd);
}

void tst_EpollEventDispatcher::notifierStoppedByAnotherOnTheSameDescriptor_data()
{
    QTest::addColumn<bool>("deleteIt");
    QTest::newRow("disabled") << false;
    QTest::newRow("deleted") << true;
}

void tst_EpollEventDispatcher::notifierStoppedByAnotherOnTheSameDescriptor()
{
    QFETCH(bool, deleteIt);
    // One descriptor both readable and writable: its two notifiers are due in the same batch,
    // and whichever runs first stops the other.
    Channel channel;
    QVERIFY(channel.isValid());
    QVERIFY(channel.send("x"));
    std::array<std::unique_ptr<QSocketNotifier>, 2> notifiers = {
        std::make_unique<QSocketNotifier>(channel.readEnd(), QSocketNotifier::Read),
        std::make_unique<QSocketNotifier>(channel.readEnd(), QSocketNotifier::Write)};
    std::array<int, 2> activations = {0, 0};
    for (std::size_t i = 0; i < notifiers.size(); ++i) {
        connect(notifiers.at(i).get(), &QSocketNotifier::activated, this, [&, i] {
            ++activations.at(i);
            std::unique_ptr<QSocketNotifier> &other = notifiers.at(1 - i);
            if (deleteIt)
                other.reset();
            else if (other)
                other->setEnabled(false);
            notifiers.at(i)->setEnabled(false);
        });
    }
    QTRY_VERIFY(activations.at(0) + activations.at(1) > 0);
    QTest::qWait(QuietMs);
    QCOMPARE(activations.at(0) + activations.at(1), 1);
}

void tst_EpollEventDispatcher::notifierOfAClosedDescriptorGoesQuietly()
{
    QTest::failOnWarning(QRegularExpression(u".*"_s));
    Channel closed;
    QVERIFY(closed.isValid());
    const int number = closed.readEnd();
    auto stale = std::make_unique<QSocketNotifier>(number, QSocketNotifier::Read);
    closed.closeReadEnd(); // before its notifier goes: the kernel drops the epoll entry itself
    QTest::qWait(QuietMs);

    // The number comes back for a new socket while the stale notifier still lives: a notifier
    // of another type on it must be watched afresh.
    Channel reused;
    QVERIFY(reused.isValid());
    QVERIFY(reused.moveReadEndTo(number));
    QSocketNotifier writable(number, QSocketNotifier::Write);
    int writeActivations = 0;
    connect(&writable, &QSocketNotifier::activated, this, [&] {
        ++writeActivations;
        writable.setEnabled(false);
    });
    QTRY_COMPARE(writeActivations, 1);
    stale.reset();

    QSocketNotifier readable(number, QSocketNotifier::Read);
    QByteArray received;
    connect(&readable, &QSocketNotifier::activated, this,
            [&] { received += reused.receive().value_or(QByteArray()); });
    QVERIFY(reused.send("after"));
    QTRY_COMPARE(received, "after"_ba);
}

void tst_EpollEventDispatcher::regularFileIsAlwaysReady()
{
    // epoll cannot watch a regular file; poll() calls one always ready, and so does this.
    QTemporaryFile file;
    QVERIFY(file.open());
    QSocketNotifier notifier(file.handle(), QSocketNotifier::Read);
    int activations = 0;
    connect(&notifier, &QSocketNotifier::activated, this, [&] {
        if (++activations == 2)
            notifier.setEnabled(false);
    });
    QTRY_COMPARE(activations, 2);
    QTest::qWait(QuietMs);
    QCOMPARE(activations, 2);
}

void tst_EpollEventDispatcher::tcpEchoOverLoopback_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::newRow("a line") << "hello, parley\n"_ba;
    // More than the socket buffers hold: the write notifiers take turns with the read ones.
    QByteArray large(4 * 1024 * 1024, '\0');
    for (qsizetype i = 0; i < large.size(); ++i)
        large[i] = char('a' + i % 26);
    QTest::newRow("4 MiB") << large;
}

void tst_EpollEventDispatcher::tcpEchoOverLoopback()
{
    QFETCH(QByteArray, payload);
    QTcpServer server;
    QVERIFY2(server.listen(QHostAddress::LocalHost, 0), qPrintable(server.errorString()));
    connect(&server, &QTcpServer::newConnection, this, [&server] {
        while (QTcpSocket *peer = server.nextPendingConnection())
            connect(peer, &QTcpSocket::readyRead, peer, [peer] { peer->write(peer->readAll()); });
    });
    QTcpSocket client;
    QByteArray echoed;
    connect(&client, &QTcpSocket::readyRead, this, [&] { echoed += client.readAll(); });
    client.connectToHost(QHostAddress::LocalHost, server.serverPort());
    QTRY_COMPARE(client.state(), QAbstractSocket::ConnectedState);
    client.write(payload);
    QTRY_COMPARE_WITH_TIMEOUT(echoed.size(), payload.size(), SafetyMs);
    QVERIFY(echoed == payload);
}

void tst_EpollEventDispatcher::manyIdleSocketsAndOneActiveConnection()
{
    constexpr int IdlePairs = 2'000;
    std::vector<std::unique_ptr<Channel>> channels;
    std::vector<std::unique_ptr<QSocketNotifier>> notifiers; // go first, before their descriptors
    int idleActivations = 0;
    int wokenIndex = -1;
    for (int i = 0; i < IdlePairs; ++i) {
        channels.push_back(std::make_unique<Channel>());
        QVERIFY2(channels.back()->isValid(), "out of descriptors");
        notifiers.push_back(
            std::make_unique<QSocketNotifier>(channels.back()->readEnd(), QSocketNotifier::Read));
        connect(notifiers.back().get(), &QSocketNotifier::activated, this, [&, i] {
            ++idleActivations;
            wokenIndex = i;
            channels.at(i)->receive();
        });
    }

    QTcpServer server;
    QVERIFY2(server.listen(QHostAddress::LocalHost, 0), qPrintable(server.errorString()));
    connect(&server, &QTcpServer::newConnection, this, [&server] {
        while (QTcpSocket *peer = server.nextPendingConnection())
            connect(peer, &QTcpSocket::readyRead, peer, [peer] { peer->write(peer->readAll()); });
    });
    // Round trips one after the other, each answer sending the next question: the loop blocks
    // in between, with every idle descriptor in the set.
    constexpr int RoundTrips = 200;
    const auto question = [](int i) -> QByteArray {
        return "round trip " + QByteArray::number(i) + '\n';
    };
    QTcpSocket client;
    QEventLoop loop;
    QByteArray echoed;
    int answered = 0;
    connect(&client, &QTcpSocket::connected, this, [&] { client.write(question(0)); });
    connect(&client, &QTcpSocket::readyRead, this, [&] {
        echoed += client.readAll();
        if (echoed != question(answered))
            return;
        echoed.clear();
        if (++answered == RoundTrips)
            loop.quit();
        else
            client.write(question(answered));
    });
    client.connectToHost(QHostAddress::LocalHost, server.serverPort());
    QVERIFY(runWithSafety(loop));
    QCOMPARE(answered, RoundTrips);
    QCOMPARE(idleActivations, 0);

    // Any one of them still wakes up when it has something to say.
    constexpr int Chosen = IdlePairs * 3 / 5;
    QVERIFY(channels.at(Chosen)->send("wake"));
    QTRY_COMPARE(wokenIndex, Chosen);
    QTest::qWait(QuietMs);
    QCOMPARE(idleActivations, 1);
}
