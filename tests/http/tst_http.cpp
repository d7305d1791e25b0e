// SPDX-License-Identifier: GPL-3.0-or-later
// Black box: plain HTTP requests to the server's one port, next to a WebSocket exchange.
#include "protocolcheck.h"
#include "testserver.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTest>

using namespace parley;
using namespace parley::test;
using namespace Qt::StringLiterals;

namespace {

struct HttpReply
{
    int status = 0;
    QByteArray head;
    QByteArray body;
};

HttpReply exchange(QTcpSocket &socket, const QByteArray &request)
{
    socket.write(request);
    QByteArray all;
    // The server runs in this thread: wait with the event loop running, until it closes.
    const bool closed = QTest::qWaitFor(
        [&] {
            all += socket.readAll();
            return socket.state() == QAbstractSocket::UnconnectedState;
        },
        10'000);
    all += socket.readAll();
    HttpReply reply;
    if (!closed)
        return reply; // the server must close after its answer
    const qsizetype end = all.indexOf("\r\n\r\n");
    if (end < 0)
        return reply;
    reply.head = all.left(end);
    reply.body = all.mid(end + 4);
    const QList<QByteArray> statusLine = reply.head.split('\n').first().split(' ');
    if (statusLine.size() >= 2)
        reply.status = statusLine.at(1).toInt();
    return reply;
}

HttpReply get(const QUrl &url, const QByteArray &method, const QByteArray &path)
{
    QTcpSocket socket;
    socket.connectToHost(url.host(), quint16(url.port()));
    if (!QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::ConnectedState; }, 10'000))
        return {};
    return exchange(socket, method + ' ' + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
}

// The value of one unlabelled or labelled sample, -1 when it is not there.
double sample(const QByteArray &metrics, const QByteArray &series)
{
    for (const QByteArray &line : metrics.split('\n')) {
        if (line.startsWith(QByteArray(series + ' ')))
            return line.mid(series.size() + 1).toDouble();
    }
    return -1;
}

} // namespace

class tst_Http : public QObject
{
    Q_OBJECT

private slots:
    void healthzReportsTheDatabase();
    void unknownPathsAndMethodsAreRefused_data();
    void unknownPathsAndMethodsAreRefused();
    void metricsAreValidPrometheusText();
    void countersFollowTraffic();
    void webSocketsStillWorkOnTheSamePort();
    void headsArrivingInPiecesAreStillAnswered();
    void malformedHeadsAreAnsweredAndClosed_data();
    void malformedHeadsAreAnsweredAndClosed();
    void healthzOverTls();
};

void tst_Http::healthzReportsTheDatabase()
{
    TestServer server;
    QVERIFY(server.start());
    const HttpReply reply = get(server.url(), "GET", "/healthz");
    QCOMPARE(reply.status, 200);
    QVERIFY(reply.head.contains("Content-Type: application/json"));
    const QJsonObject body = QJsonDocument::fromJson(reply.body).object();
    QCOMPARE(body.value(u"status"_s).toString(), u"ok"_s);
    QCOMPARE(body.value(u"database"_s).toString(), u"ok"_s);
}

void tst_Http::unknownPathsAndMethodsAreRefused_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<int>("status");
    QTest::newRow("the root") << QByteArray("GET") << QByteArray("/") << 404;
    QTest::newRow("an unknown path") << QByteArray("GET") << QByteArray("/admin") << 404;
    QTest::newRow("a path below /metrics") << QByteArray("GET") << QByteArray("/metrics/x") << 404;
    QTest::newRow("POST /metrics") << QByteArray("POST") << QByteArray("/metrics") << 405;
    QTest::newRow("DELETE /healthz") << QByteArray("DELETE") << QByteArray("/healthz") << 405;
    QTest::newRow("a query string") << QByteArray("GET") << QByteArray("/healthz?x=1") << 200;
}

void tst_Http::unknownPathsAndMethodsAreRefused()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, path);
    QFETCH(int, status);
    TestServer server;
    QVERIFY(server.start());
    QCOMPARE(get(server.url(), method, path).status, status);
}

void tst_Http::metricsAreValidPrometheusText()
{
    TestServer server;
    QVERIFY(server.start());
    auto client = server.signUp(u"ada"_s);
    QVERIFY(client);
    const HttpReply reply = get(server.url(), "GET", "/metrics");
    QCOMPARE(reply.status, 200);
    QVERIFY(reply.head.contains("Content-Type: text/plain; version=0.0.4"));
    static const QRegularExpression sampleLine(
        uR"(^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*",?)*\})? )"
        uR"((-?[0-9.eE+-]+|\+Inf|NaN)$)"_s);
    static const QRegularExpression commentLine(
        uR"(^# (HELP [a-zA-Z_:][a-zA-Z0-9_:]* .+|TYPE [a-zA-Z_:][a-zA-Z0-9_:]* )"
        uR"((counter|gauge|histogram|summary|untyped))$)"_s);
    const QList<QByteArray> lines = reply.body.split('\n');
    QVERIFY(reply.body.endsWith('\n'));
    for (const QByteArray &line : lines.first(lines.size() - 1)) {
        const QString text = QString::fromUtf8(line);
        QVERIFY2(sampleLine.match(text).hasMatch() || commentLine.match(text).hasMatch(),
                 line.constData());
    }
    for (const char *family :
         {"parley_connections", "parley_messages_stored_total", "parley_messages_delivered_total",
          "parley_request_duration_seconds", "parley_errors_total", "parley_store_duration_seconds",
          "parley_build_info"}) {
        QVERIFY2(reply.body.contains(QByteArray(QByteArray("# HELP ") + family + ' ')), family);
        QVERIFY2(reply.body.contains(QByteArray(QByteArray("# TYPE ") + family + ' ')), family);
    }
    QCOMPARE(sample(reply.body, "parley_connections"), 1.0);
    QVERIFY(sample(reply.body, "parley_request_duration_seconds_count{op=\"auth.register\"}") >= 1);
    QVERIFY(sample(reply.body, "parley_store_duration_seconds_count") >= 1);
}

void tst_Http::countersFollowTraffic()
{
    TestServer server;
    QVERIFY(server.start());
    auto ada = server.signUp(u"ada"_s);
    auto bob = server.signUp(u"bob"_s);
    QVERIFY(ada && bob);
    auto bobAgain = server.connectAs(bob->account());
    QVERIFY(bobAgain);
    const QString chatId = ada->directChat(bob->userId());
    QVERIFY(!chatId.isEmpty());

    const QByteArray before = get(server.url(), "GET", "/metrics").body;
    const QJsonObject send{
        {u"chatId"_s, chatId}, {u"clientId"_s, u"c-hello"_s}, {u"content"_s, u"hello"_s}};
    PARLEY_VERIFY_OK(ada->request(u"message.send"_s, send));
    QVERIFY(bob->waitEvent(u"message.new"_s));
    QVERIFY(bobAgain->waitEvent(u"message.new"_s));
    // A resend is answered with the stored message and stores nothing new.
    PARLEY_VERIFY_OK(ada->request(u"message.send"_s, send));
    const QJsonObject bad = ada->request(u"message.send"_s, {{u"chatId"_s, 42}});
    PARLEY_VERIFY_ERROR(bad, u"bad_request"_s);
    const QByteArray after = get(server.url(), "GET", "/metrics").body;

    const auto delta = [&](const QByteArray &series) {
        return sample(after, series) - std::max(0.0, sample(before, series));
    };
    QCOMPARE(delta("parley_messages_stored_total"), 1.0);
    // ada's own connection and bob's two: one frame each.
    QCOMPARE(delta("parley_messages_delivered_total"), 3.0);
    QCOMPARE(delta("parley_errors_total{code=\"bad_request\"}"), 1.0);
    QCOMPARE(delta("parley_request_duration_seconds_count{op=\"message.send\"}"), 3.0);
    QCOMPARE(sample(after, "parley_connections"), 3.0);
}

void tst_Http::webSocketsStillWorkOnTheSamePort()
{
    TestServer server;
    QVERIFY(server.start());
    QCOMPARE(get(server.url(), "GET", "/healthz").status, 200);
    auto ada = server.signUp(u"ada"_s);
    QVERIFY(ada);
    const QJsonObject me = ada->request(u"user.me"_s);
    PARLEY_VERIFY_OK(me);
}

void tst_Http::headsArrivingInPiecesAreStillAnswered()
{
    // A head may come in pieces: the gate waits for the rest, and what it peeked at still reaches
    // the WebSocket handshake.
    TestServer server;
    QVERIFY(server.start());
    const auto sendInPieces = [](QTcpSocket &socket, const QByteArray &bytes) {
        for (qsizetype at = 0; at < bytes.size(); at += 7) {
            socket.write(bytes.mid(at, 7));
            socket.flush();
            QTest::qWait(5);
        }
    };

    QTcpSocket http;
    http.connectToHost(server.url().host(), quint16(server.url().port()));
    QTRY_COMPARE(http.state(), QAbstractSocket::ConnectedState);
    sendInPieces(http, "GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n");
    QCOMPARE(exchange(http, {}).status, 200);

    QTcpSocket upgrade;
    upgrade.connectToHost(server.url().host(), quint16(server.url().port()));
    QTRY_COMPARE(upgrade.state(), QAbstractSocket::ConnectedState);
    sendInPieces(upgrade,
                 "GET / HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                 "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                 "Sec-WebSocket-Version: 13\r\n\r\n");
    QByteArray answer;
    QTRY_VERIFY((answer += upgrade.readAll()).contains("\r\n\r\n"));
    QVERIFY2(answer.startsWith("HTTP/1.1 101"), answer.constData());
    // The RFC 6455 example key's accept value: the handshake was read whole.
    QVERIFY(answer.contains("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
}

void tst_Http::malformedHeadsAreAnsweredAndClosed_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<int>("status");
    QTest::newRow("not HTTP") << QByteArray("NONSENSE\r\n\r\n") << 400;
    QTest::newRow("no version") << QByteArray("GET /healthz\r\n\r\n") << 400;
    // Handed to the WebSocket handshake, such a head was never answered nor closed.
    QTest::newRow("20 KiB without an end") << QByteArray(20 * 1024, 'A') << 431;
    QTest::newRow("headers past 16 KiB") << QByteArray(
        "GET /healthz HTTP/1.1\r\nX-Filler: " + QByteArray(17 * 1024, 'x') + "\r\n\r\n")
                                         << 431;
}

void tst_Http::malformedHeadsAreAnsweredAndClosed()
{
    QFETCH(QByteArray, head);
    QFETCH(int, status);
    TestServer server;
    QVERIFY(server.start());
    QTcpSocket socket;
    socket.connectToHost(server.url().host(), quint16(server.url().port()));
    QVERIFY(socket.waitForConnected(10'000));
    QCOMPARE(exchange(socket, head).status, status);
    // And the server still serves the next one.
    QCOMPARE(get(server.url(), "GET", "/healthz").status, 200);
}

void tst_Http::healthzOverTls()
{
    TestServer server([](server::ServerConfig &config) { config.tls = true; });
    QVERIFY(server.start());
    QCOMPARE(server.url().scheme(), u"wss"_s);
    QSslSocket socket;
    socket.setPeerVerifyMode(QSslSocket::VerifyNone); // self-signed; pinning is tested in tls/
    socket.connectToHostEncrypted(server.url().host(), quint16(server.url().port()));
    QTRY_VERIFY2_WITH_TIMEOUT(socket.isEncrypted(), qPrintable(socket.errorString()), 10'000);
    const HttpReply reply = exchange(socket, "GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n");
    QCOMPARE(reply.status, 200);
    QCOMPARE(QJsonDocument::fromJson(reply.body).object().value(u"database"_s).toString(), u"ok"_s);
}

QTEST_GUILESS_MAIN(tst_Http)
#include "tst_http.moc"
