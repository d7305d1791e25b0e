// SPDX-License-Identifier: GPL-3.0-or-later
// Host mode: parley-server started as a child process, on the preferred port or the next free one.
#include "connection.h"
#include "hostedserver.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using parley::client::Connection;
using parley::client::HostedServer;
using parley::client::Reply;

namespace {

constexpr int StartMs = 20'000;

// A port nothing listens on right now, with a few free ones after it.
quint16 freshPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::Any, 0))
        return 0;
    return probe.serverPort();
}

bool answersServerInfo(const QString &url, std::chrono::milliseconds wait = 20s)
{
    Connection connection;
    connection.open(QUrl(url));
    bool answered = false;
    bool ok = false;
    connection.request(
        parley::Op::ServerInfo, {}, nullptr,
        [&](const Reply &reply) {
            answered = true;
            ok = reply.ok() && reply.data.value(u"protocol").toInt() == 1;
        },
        wait);
    return QTest::qWaitFor([&] { return answered; }, StartMs) && ok;
}

} // namespace

class TestHostedServer : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    void configure(HostedServer &host, quint16 port)
    {
        host.setServerBinary(QStringLiteral(PARLEY_SERVER_BINARY));
        host.setDataDir(m_dir.filePath(u"server"_s));
        host.setPreferredPort(port);
    }

private slots:
    void startsAnswersAndStops()
    {
        const quint16 port = freshPort();
        QVERIFY(port != 0);
        HostedServer host;
        configure(host, port);
        QSignalSpy started(&host, &HostedServer::started);
        host.start();
        QCOMPARE(host.state(), HostedServer::Starting);
        QTRY_COMPARE_WITH_TIMEOUT(host.state(), HostedServer::Running, StartMs);
        QCOMPARE(started.count(), 1);
        QCOMPARE(host.port(), int(port));
        QCOMPARE(host.localUrl(), u"ws://127.0.0.1:%1/"_s.arg(port));
        QVERIFY(host.lanUrl().isEmpty() || host.lanUrl().endsWith(u":%1/"_s.arg(port)));
        QVERIFY(answersServerInfo(host.localUrl()));

        const QString url = host.localUrl();
        host.stop();
        QCOMPARE(host.state(), HostedServer::Stopped);
        QVERIFY(!answersServerInfo(url, 1s));
    }

    void takesTheNextPortWhenTheFirstIsBusy()
    {
        const quint16 port = freshPort();
        QTcpServer occupant;
        QVERIFY(occupant.listen(QHostAddress::Any, port));
        HostedServer host;
        configure(host, port);
        host.start();
        QTRY_COMPARE_WITH_TIMEOUT(host.state(), HostedServer::Running, StartMs);
        QVERIFY(host.port() > port);
        QVERIFY(answersServerInfo(host.localUrl()));
    }

    // scripts/run starts build/<preset>/app/parley; the server is build/<preset>/server.
    void findsTheServerInTheBuildTreeAndBesideTheApp()
    {
        const QString root = m_dir.filePath(u"tree"_s);
        QVERIFY(QDir().mkpath(root + u"/app"_s) && QDir().mkpath(root + u"/server"_s));
        const QString built = root + u"/server/parley-server"_s;
        QFile file(built);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        QVERIFY(file.setPermissions(file.permissions() | QFileDevice::ExeOwner));
        QCOMPARE(HostedServer::findServerBinary(root + u"/app"_s), built);

        const QString beside = root + u"/app/parley-server"_s;
        QVERIFY(QFile::copy(built, beside));
        QVERIFY(QFile(beside).setPermissions(file.permissions()));
        QCOMPARE(HostedServer::findServerBinary(root + u"/app"_s), beside);

        QCOMPARE(HostedServer::findServerBinary(m_dir.filePath(u"empty"_s)),
                 m_dir.filePath(u"empty/parley-server"_s));
    }

    // The hosted server goes with the app; the next start runs it again on the same port, for
    // the account that signed in there, until the user stops hosting.
    void theNextStartHostsAgainUntilStopped()
    {
        const QString settings = m_dir.filePath(u"host.ini"_s);
        const quint16 port = HostedServer::findFreePort(47'600);
        QString url;
        {
            HostedServer first;
            configure(first, port);
            first.setSettingsFile(settings);
            QVERIFY(!first.resumeFor(u"ws://127.0.0.1:%1/"_s.arg(port))); // never hosted yet
            first.start();
            QTRY_VERIFY_WITH_TIMEOUT(first.running(), 20'000);
            url = first.localUrl();
        } // the app quits: the server goes with it
        QTRY_COMPARE(HostedServer::findFreePort(port), port);

        HostedServer again;
        configure(again, 1); // whatever the preference, the account's port it must be
        again.setSettingsFile(settings);
        QVERIFY(!again.resumeFor(u"ws://192.0.2.1:%1/"_s.arg(port))); // somebody else's server
        QVERIFY(again.resumeFor(url));
        QTRY_VERIFY_WITH_TIMEOUT(again.running(), 20'000);
        QCOMPARE(again.localUrl(), url);

        again.stop();
        HostedServer stopped;
        configure(stopped, port);
        stopped.setSettingsFile(settings);
        QVERIFY(!stopped.resumeFor(url));
    }

    void missingProgramFails()
    {
        HostedServer host;
        host.setServerBinary(m_dir.filePath(u"no-such-server"_s));
        QSignalSpy failed(&host, &HostedServer::failed);
        host.start();
        QCOMPARE(host.state(), HostedServer::Failed);
        QCOMPARE(failed.count(), 1);
        QVERIFY(host.errorString().contains(u"no-such-server"_s));
    }
};

QTEST_GUILESS_MAIN(TestHostedServer)
#include "tst_hostedserver.moc"
