// SPDX-License-Identifier: GPL-3.0-or-later
// A bounded smoke run of parley-bench against a real parley-server: a handful of connections for
// a few seconds. It checks that the load client speaks the protocol end to end (sign-up, chats,
// sends, deliveries, history, idle connections in a child process) and that its JSON report has
// every figure, never how fast anything was.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

constexpr int StartTimeoutMs = 20'000;
constexpr int BenchTimeoutMs = 90'000;

// The real server on 127.0.0.1 and an ephemeral port, with the abuse limits a load test needs.
class Server
{
public:
    explicit Server(const QString &dataDir)
    {
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.start(QString::fromUtf8(PARLEY_SERVER_BINARY),
                        {u"--port"_s, u"0"_s, u"--bind"_s, u"127.0.0.1"_s, u"--data-dir"_s, dataDir,
                         u"--limit"_s, u"message-burst=100000"_s, u"--limit"_s,
                         u"messages-per-second=100000"_s, u"--limit"_s,
                         u"registrations-per-address=100000"_s, u"--limit"_s,
                         u"login-attempts-per-address=100000"_s});
    }
    ~Server()
    {
        m_process.terminate();
        if (!m_process.waitForFinished(5'000))
            m_process.kill();
        m_process.waitForFinished(5'000);
    }

    // The port from its "listening on ws://127.0.0.1:PORT/" line, 0 until it says so.
    int port()
    {
        m_log += m_process.readAll();
        static const QRegularExpression listening(u"listening on ws://127\\.0\\.0\\.1:(\\d+)/"_s);
        const auto match = listening.match(QString::fromUtf8(m_log));
        return match.hasMatch() ? match.captured(1).toInt() : 0;
    }
    qint64 pid() const { return m_process.processId(); }
    QByteArray log() const { return m_log; }

private:
    QProcess m_process;
    QByteArray m_log;
};

QJsonObject object(const QJsonObject &parent, const char *path)
{
    QJsonObject current = parent;
    for (const auto &key : QByteArray(path).split('.'))
        current = current.value(QString::fromUtf8(key)).toObject();
    return current;
}

} // namespace

class TestBenchSmoke : public QObject
{
    Q_OBJECT

private slots:
    void reportsEveryFigure_data();
    void reportsEveryFigure();
};

void TestBenchSmoke::reportsEveryFigure_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("connections"); // the authenticated connections the run holds
    QTest::addColumn<int>("recipientsPerMessage");
    QTest::addColumn<int>("idle");
    QTest::addColumn<int>("historyRequests");

    QTest::newRow("direct chats, with history pages") << QStringList{u"--users"_s,
                                                                     u"4"_s,
                                                                     u"--chat"_s,
                                                                     u"direct"_s,
                                                                     u"--rate"_s,
                                                                     u"40"_s,
                                                                     u"--history-requests"_s,
                                                                     u"10"_s}
                                                      << 4 << 1 << 0 << 10;
    QTest::newRow("a group whose members have two connections each")
        << QStringList{u"--users"_s,
                       u"4"_s,
                       u"--chat"_s,
                       u"group"_s,
                       u"--group-size"_s,
                       u"4"_s,
                       u"--connections-per-user"_s,
                       u"2"_s,
                       u"--rate"_s,
                       u"20"_s}
        << 8 << 7 << 0 << 0;
    QTest::newRow("idle connections held by a child process beside a pair")
        << QStringList{u"--users"_s,      u"2"_s,  u"--chat"_s,      u"direct"_s,
                       u"--rate"_s,       u"20"_s, u"--idle"_s,      u"12"_s,
                       u"--idle-users"_s, u"2"_s,  u"--processes"_s, u"1"_s}
        << 14 << 1 << 12 << 0;
}

void TestBenchSmoke::reportsEveryFigure()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, connections);
    QFETCH(int, recipientsPerMessage);
    QFETCH(int, idle);
    QFETCH(int, historyRequests);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Server server(dir.filePath(u"data"_s));
    QTRY_VERIFY_WITH_TIMEOUT(server.port() > 0, StartTimeoutMs);

    const QString json = dir.filePath(u"report.json"_s);
    QProcess bench;
    bench.setProcessChannelMode(QProcess::MergedChannels);
    bench.start(QString::fromUtf8(PARLEY_BENCH_BINARY),
                QStringList{u"--port"_s, QString::number(server.port()), u"--server-pid"_s,
                            QString::number(server.pid()), u"--json"_s, json, u"--duration"_s,
                            u"2"_s, u"--warmup"_s, u"0.5"_s, u"--drain"_s, u"5"_s, u"--threads"_s,
                            u"2"_s}
                    + arguments);
    QVERIFY(bench.waitForFinished(BenchTimeoutMs));
    const QByteArray output = bench.readAll();
    QVERIFY2(bench.exitStatus() == QProcess::NormalExit && bench.exitCode() == 0,
             output.constData());
    QVERIFY2(output.contains("acked/s"), output.constData()); // the table

    QFile file(json);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QJsonParseError error;
    const QJsonObject report = QJsonDocument::fromJson(file.readAll(), &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(report.value(u"ok"_s).toBool(), true);
    QCOMPARE(report.value(u"server"_s).toString(), u"parley"_s);
    QCOMPARE(report.value(u"openConnectionsAtEnd"_s).toInt(), connections);
    QCOMPARE(object(report, "setup").value(u"connections"_s).toInt(), connections - idle);

    const QJsonArray steps = report.value(u"steps"_s).toArray();
    QCOMPARE(steps.size(), 1);
    const QJsonObject step = steps.first().toObject();
    const int acked = step.value(u"acked"_s).toInt();
    QVERIFY(step.value(u"sent"_s).toInt() > 0);
    QVERIFY(acked > 0);
    QCOMPARE(step.value(u"failed"_s).toInt(), 0);
    QVERIFY(step.value(u"ackedPerSecond"_s).toDouble() > 0);
    QCOMPARE(step.value(u"expectedDeliveries"_s).toInt(), acked * recipientsPerMessage);
    QCOMPARE(step.value(u"deliveries"_s).toInt(), acked * recipientsPerMessage);
    QCOMPARE(step.value(u"lostDeliveries"_s).toInt(), 0);
    QVERIFY(step.value(u"deliveriesPerSecond"_s).toDouble() > 0);
    for (const char *latency : {"deliveryMs", "ackMs"}) {
        const QJsonObject summary = object(step, latency);
        QVERIFY2(summary.value(u"count"_s).toInt() > 0, latency);
        for (const auto &key : {u"p50"_s, u"p99"_s, u"p999"_s, u"max"_s})
            QVERIFY2(summary.contains(key), qPrintable(QString::fromUtf8(latency) + u' ' + key));
    }
    QVERIFY(object(step, "server").value(u"rssKiB"_s).toInt() > 0);
    QVERIFY(object(step, "server").contains(u"cpuPercent"_s));
    QVERIFY(object(step, "client").contains(u"cpuPercent"_s));
    QVERIFY(object(report, "client").value(u"cpuSeconds"_s).toDouble() > 0);

    if (idle > 0) {
        const QJsonObject held = object(report, "idle");
        QCOMPARE(held.value(u"requested"_s).toInt(), idle);
        QCOMPARE(held.value(u"authenticated"_s).toInt(), idle);
        QCOMPARE(held.value(u"failed"_s).toInt(), 0);
        QCOMPARE(held.value(u"openAtEnd"_s).toInt(), idle);
        QVERIFY(held.value(u"connectionsPerSecond"_s).toDouble() > 0);
        QVERIFY(held.value(u"serverRssAfterKiB"_s).toInt() > 0);
        QVERIFY(held.contains(u"serverRssPerConnectionBytes"_s));
    }
    if (historyRequests > 0) {
        const QJsonObject history = object(report, "history");
        QCOMPARE(history.value(u"ok"_s).toInt(), historyRequests);
        QCOMPARE(history.value(u"failed"_s).toInt(), 0);
        // Two seconds of 40 messages/s in two chats: the first chat has more than a page... or
        // at least one message.
        QVERIFY(history.value(u"firstPageSize"_s).toInt() > 0);
        QCOMPARE(object(history, "pageMs").value(u"count"_s).toInt(), historyRequests);
    }
}

QTEST_GUILESS_MAIN(TestBenchSmoke)
#include "tst_bench_smoke.moc"
