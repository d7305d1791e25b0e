// SPDX-License-Identifier: GPL-3.0-or-later
#include "discoveryprobe.h"
#include "serverdiscovery.h"
#include "testserver.h"

#include <QSignalSpy>
#include <QTest>

using namespace parley;
using namespace parley::test;
using namespace Qt::StringLiterals;

// The app's list of servers found nearby, as the sign-in page shows it.
class tst_ServerDiscovery : public QObject
{
    Q_OBJECT

private slots:
    void findsAServerOnThisMachine()
    {
        const quint16 discoveryPort = freeUdpPort();
        TestServer server([&](server::ServerConfig &config) {
            config.name = u"Office chat"_s;
            config.discoveryPort = discoveryPort;
        });
        QVERIFY(server.start());

        client::ServerDiscovery discovery;
        discovery.setBroadcast(false); // this machine only: nothing goes out to the LAN
        discovery.setPort(discoveryPort);
        discovery.refresh();
        QVERIFY(discovery.searching());
        QTRY_COMPARE(discovery.rowCount(), 1);

        const QVariantMap found = discovery.get(0);
        const int port = server.server()->port();
        QCOMPARE(found.value(u"name"_s).toString(), u"Office chat"_s);
        QCOMPARE(found.value(u"address"_s).toString(), u"127.0.0.1"_s);
        QCOMPARE(found.value(u"port"_s).toInt(), port);
        QCOMPARE(found.value(u"url"_s).toString(), u"ws://127.0.0.1:%1/"_s.arg(port));
        QCOMPARE(found.value(u"fingerprint"_s).toString(), QString());
        QCOMPARE(found.value(u"label"_s).toString(), u"Office chat — 127.0.0.1:%1"_s.arg(port));
        QTRY_VERIFY(!discovery.searching());
    }

    // Issue 11: with no broadcast network, the query to 127.0.0.1 reached one of the servers
    // sharing the port; the local multicast group reaches all of them.
    void findsEveryServerOnThisMachine()
    {
        const quint16 discoveryPort = freeUdpPort();
        std::vector<std::unique_ptr<TestServer>> servers;
        for (const QString &name : {u"Design"_s, u"Support"_s, u"Ops"_s}) {
            servers.push_back(std::make_unique<TestServer>([&](server::ServerConfig &config) {
                config.name = name;
                config.discoveryPort = discoveryPort;
            }));
            QVERIFY(servers.back()->start());
        }
        client::ServerDiscovery discovery;
        discovery.setBroadcast(false);
        discovery.setPort(discoveryPort);
        discovery.refresh();
        QTRY_VERIFY(!discovery.searching());
        QStringList names;
        for (int row = 0; row < discovery.rowCount(); ++row)
            names.append(discovery.get(row).value(u"name"_s).toString());
        names.sort();
        QCOMPARE(names, (QStringList{u"Design"_s, u"Ops"_s, u"Support"_s}));
    }

    void refreshForgetsAServerThatStopped()
    {
        const quint16 discoveryPort = freeUdpPort();
        auto server = std::make_unique<TestServer>(
            [&](server::ServerConfig &config) { config.discoveryPort = discoveryPort; });
        QVERIFY(server->start());
        client::ServerDiscovery discovery;
        discovery.setBroadcast(false);
        discovery.setPort(discoveryPort);
        discovery.refresh();
        QTRY_COMPARE(discovery.rowCount(), 1);

        server.reset();
        QSignalSpy resets(&discovery, &QAbstractItemModel::modelReset);
        discovery.refresh();
        QCOMPARE(resets.size(), 1);
        QCOMPARE(discovery.rowCount(), 0);
        QTRY_VERIFY(!discovery.searching());
        QCOMPARE(discovery.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_ServerDiscovery)
#include "tst_serverdiscovery.moc"
