// SPDX-License-Identifier: GPL-3.0-or-later
// Hostile HTTP heads over TLS: malformed, oversized, slow, and connections closed early. None may
// make the server log a warning (an attacker could fill the log at will); the probe once saw
// "QIODevice::peek (QSslSocket): device not open" for each of them.
#include "testserver.h"

#include <QRegularExpression>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTest>

#include <functional>
#include <memory>

using namespace parley;
using namespace parley::test;
using namespace Qt::StringLiterals;

namespace {

std::unique_ptr<QSslSocket> encryptedTo(const QUrl &url)
{
    auto socket = std::make_unique<QSslSocket>();
    socket->setPeerVerifyMode(QSslSocket::VerifyNone); // self-signed; pinning is tested in tls/
    socket->connectToHostEncrypted(url.host(), quint16(url.port()));
    if (!QTest::qWaitFor([&] { return socket->isEncrypted(); }, 10'000))
        return nullptr;
    return socket;
}

} // namespace

class tst_HttpTlsAbuse : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void abusiveHeadsLogNoWarning_data();
    void abusiveHeadsLogNoWarning();
};

void tst_HttpTlsAbuse::abusiveHeadsLogNoWarning_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<bool>("closeEarly"); // close right after sending, without reading
    QTest::newRow("nothing, closed") << QByteArray() << true;
    QTest::newRow("malformed") << QByteArray("NONSENSE\r\n\r\n") << false;
    QTest::newRow("malformed, closed") << QByteArray("NONSENSE\r\n\r\n") << true;
    QTest::newRow("oversized") << QByteArray(20 * 1024, 'A') << false;
    QTest::newRow("oversized, closed") << QByteArray(20 * 1024, 'A') << true;
    QTest::newRow("half a head, closed") << QByteArray("GET /heal") << true;
    QTest::newRow("healthz, closed before the answer")
        << QByteArray("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n") << true;
    QTest::newRow("bad method") << QByteArray("BREW /healthz HTTP/1.1\r\nHost: x\r\n\r\n") << false;
    QTest::newRow("bad upgrade") << QByteArray(
        "GET / HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n")
                                 << false;
}

void tst_HttpTlsAbuse::abusiveHeadsLogNoWarning()
{
    QFETCH(QByteArray, head);
    QFETCH(bool, closeEarly);
    QTest::failOnWarning(QRegularExpression(u"device not open"_s));

    TestServer server([](server::ServerConfig &config) { config.tls = true; });
    QVERIFY(server.start());
    for (int round = 0; round < 2; ++round) {
        auto socket = encryptedTo(server.url());
        QVERIFY(socket);
        socket->write(head);
        socket->flush();
        if (closeEarly) {
            socket->abort();
        } else {
            // The server answers and closes at once: none of these is left open for a handshake
            // that will never come.
            QVERIFY2(QTest::qWaitFor(
                         [&] {
                             socket->readAll();
                             return socket->state() == QAbstractSocket::UnconnectedState;
                         },
                         2'000),
                     "the server left the connection open");
        }
    }
    QTest::qWait(300); // let the server see the closes
}

QTEST_GUILESS_MAIN(tst_HttpTlsAbuse)
#include "tst_http_tls_abuse.moc"
