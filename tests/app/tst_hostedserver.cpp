// Host mode: parley-server started as a child process, on the preferred port or the next free one.
#include "connection.h"
#include "hostedserver.h"

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
