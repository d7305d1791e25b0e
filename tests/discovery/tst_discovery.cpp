// SPDX-License-Identifier: GPL-3.0-or-later
#include "discovery/discoveryresponder.h"
#include "discoveryprobe.h"
#include "testserver.h"

#include <QJsonObject>
#include <QTest>

using namespace parley;
using namespace parley::test;
using namespace Qt::StringLiterals;

// LAN discovery as a client on this machine sees it: a query on the discovery port gets the
// server's name, port and TLS fingerprint back; anything else gets nothing.
class tst_Discovery : public QObject
{
    Q_OBJECT

private:
    // A server on 127.0.0.1 that answers discovery on its own free UDP port.
    static std::unique_ptr<TestServer> startServer(quint16 discoveryPort, bool discovery = true,
                                                   bool tls = false)
    {
        auto server = std::make_unique<TestServer>([&](server::ServerConfig &config) {
            config.name = u"Office chat"_s;
            config.discovery = discovery;
            config.discoveryPort = discoveryPort;
            config.tls = tls;
        });
        if (!server->start())
            return nullptr;
        return server;
    }

private slots:
    void answersAQuery_data()
    {
        QTest::addColumn<bool>("tls");
        QTest::newRow("ws://") << false;
        QTest::newRow("wss:// with its fingerprint") << true;
    }

    void answersAQuery()
    {
        QFETCH(bool, tls);
        const quint16 discoveryPort = freeUdpPort();
        const auto server = startServer(discoveryPort, true, tls);
        QVERIFY(server);
        DiscoveryProbe probe;
        QVERIFY(probe.isBound());
        probe.sendQuery(discoveryPort);
        QTRY_COMPARE(probe.received().size(), 1);

        const QJsonObject answer = probe.answer(0);
        QCOMPARE(answer.value("parley"_L1).toString(), u"server"_s);
        QCOMPARE(answer.value("v"_L1).toInt(), 1);
        QCOMPARE(answer.value("name"_L1).toString(), u"Office chat"_s);
        QCOMPARE(answer.value("port"_L1).toInt(), int(server->server()->port()));
        QCOMPARE(answer.value("tls"_L1).toBool(), tls);
        if (tls) {
            QVERIFY(!server->server()->tlsFingerprint().isEmpty());
            QCOMPARE(answer.value("fingerprint"_L1).toString(), server->server()->tlsFingerprint());
        } else {
            QVERIFY(answer.value("fingerprint"_L1).isNull());
        }
        QVERIFY(!answer.value("version"_L1).toString().isEmpty());
        // No amplification worth a spoofer's while: an answer is a few queries' size.
        QVERIFY2(probe.received().at(0).size() <= (tls ? 320 : 200),
                 probe.received().at(0).constData());
    }

    void ignoresAnythingElse_data()
    {
        QTest::addColumn<QByteArray>("datagram");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("not JSON") << QByteArray("discover");
        QTest::newRow("a JSON array") << QByteArray(R"(["parley","discover"])");
        QTest::newRow("another kind") << QByteArray(R"({"parley":"server","v":1})");
        QTest::newRow("another version") << QByteArray(R"({"parley":"discover","v":2})");
        QTest::newRow("no version") << QByteArray(R"({"parley":"discover"})");
        QTest::newRow("over 512 bytes") << QByteArray("{\"parley\":\"discover\",\"v\":1,\"pad\":\""
                                                      + QByteArray(500, 'x') + "\"}");
    }

    void ignoresAnythingElse()
    {
        QFETCH(QByteArray, datagram);
        const quint16 discoveryPort = freeUdpPort();
        const auto server = startServer(discoveryPort);
        QVERIFY(server);
        DiscoveryProbe probe;
        probe.send(datagram, discoveryPort);
        // The server reads in order: when the good query's answer is in, an answer to the bad
        // one would be too.
        probe.sendQuery(discoveryPort);
        QTRY_VERIFY(!probe.received().isEmpty());
        QCOMPARE(probe.received().size(), 1);
        QCOMPARE(probe.answer(0).value("name"_L1).toString(), u"Office chat"_s);
    }

    void answersEachSourceAtMost30TimesAMinute()
    {
        const quint16 discoveryPort = freeUdpPort();
        const auto server = startServer(discoveryPort);
        QVERIFY(server);
        DiscoveryProbe flooder;
        for (int i = 0; i < 40; ++i)
            flooder.sendQuery(discoveryPort);
        // Another address of this machine is another source, still answered; by then every
        // query of the first source has been read.
        DiscoveryProbe other(QHostAddress(u"127.0.0.2"_s));
        QVERIFY(other.isBound());
        other.sendQuery(discoveryPort);
        QTRY_COMPARE(other.received().size(), 1);
        QCOMPARE(flooder.received().size(), 30);
    }

    void offMeansNothingListens()
    {
        const quint16 discoveryPort = freeUdpPort();
        {
            const auto server = startServer(discoveryPort, true);
            QVERIFY(server);
            QUdpSocket taker;
            QVERIFY2(
                !taker.bind(QHostAddress::LocalHost, discoveryPort, QUdpSocket::DontShareAddress),
                "a server with discovery holds its port");
        }
        const auto server = startServer(discoveryPort, false);
        QVERIFY(server);
        QUdpSocket taker;
        QVERIFY2(taker.bind(QHostAddress::LocalHost, discoveryPort, QUdpSocket::DontShareAddress),
                 qPrintable(taker.errorString()));
    }

    void twoServersShareThePort()
    {
        const quint16 discoveryPort = freeUdpPort();
        const auto first = startServer(discoveryPort);
        QVERIFY(first);
        const auto second = startServer(discoveryPort);
        QVERIFY(second);
        DiscoveryProbe probe;
        probe.sendQuery(discoveryPort);
        QTRY_VERIFY(!probe.received().isEmpty());
        const int port = probe.answer(0).value("port"_L1).toInt();
        QVERIFY(port == first->server()->port() || port == second->server()->port());
    }

    // A server that listens on loopback cannot be reached from the LAN: it does not tell the LAN
    // about itself. The rule, on any host; the live case below needs a LAN address to ask from.
    void answersTheSendersThatCanReachIt_data()
    {
        QTest::addColumn<QString>("server");
        QTest::addColumn<QString>("sender");
        QTest::addColumn<bool>("answers");
        QTest::newRow("loopback server, this machine") << "127.0.0.1"
                                                       << "127.0.0.1" << true;
        QTest::newRow("loopback server, other loopback address") << "127.0.0.1"
                                                                 << "127.0.0.2" << true;
        QTest::newRow("loopback server, the LAN") << "127.0.0.1"
                                                  << "192.168.1.20" << false;
        QTest::newRow("every interface, the LAN") << "0.0.0.0"
                                                  << "192.168.1.20" << true;
        QTest::newRow("every interface, this machine") << "0.0.0.0"
                                                       << "127.0.0.1" << true;
        QTest::newRow("one LAN address, the LAN") << "192.168.1.5"
                                                  << "192.168.1.20" << true;
    }

    void answersTheSendersThatCanReachIt()
    {
        QFETCH(QString, server);
        QFETCH(QString, sender);
        QFETCH(bool, answers);
        QCOMPARE(parley::server::DiscoveryResponder::answersSender(QHostAddress(server),
                                                                   QHostAddress(sender)),
                 answers);
    }

    // The same through the socket: the responder shares the port on every interface, yet a
    // query from this machine's LAN address goes unanswered.
    void aLoopbackServerAnswersThisMachineOnly()
    {
        const QHostAddress own = ownNonLoopbackAddress();
        if (own.isNull())
            QSKIP("this machine has no IPv4 address besides loopback");
        const quint16 discoveryPort = freeUdpPort();
        const auto server = startServer(discoveryPort);
        QVERIFY(server);
        DiscoveryProbe fromTheLan(own);
        QVERIFY(fromTheLan.isBound());
        fromTheLan.sendQuery(discoveryPort, own);
        DiscoveryProbe local;
        local.sendQuery(discoveryPort);
        QTRY_COMPARE(local.received().size(), 1);
        QTest::qWait(300);
        QCOMPARE(fromTheLan.received().size(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_Discovery)
#include "tst_discovery.moc"
