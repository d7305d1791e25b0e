// SPDX-License-Identifier: GPL-3.0-or-later
// Readers that are slow, stalled or merely busy, over ws:// and wss://, against the real
// parley-server (issue 10, items 1-3): a client that pipelines large history pages and never
// reads them is dropped without harm to the server; clients that read are never dropped because
// one burst queued more than the bound for them at once.
#include "blockedclient.h"
#include "protocolcheck.h"
#include "serverprocess.h"
#include "testclient.h"

#include <QJsonDocument>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <vector>

using namespace Qt::StringLiterals;
using namespace parley::test;

namespace {

constexpr int WaitMs = 60'000;
constexpr int HistoryMessages = 100; // 16 KB each: a page of 100 is 1.6 MB
constexpr int PipelinedPages = 8; // 12.8 MB of answers, three times the bound (4 MiB)
constexpr int BurstConnections = 8; // one user's, each sending at once
constexpr int BurstPerConnection = 150; // the fault tests' server allows bursts of any size

// 4000 code points of 4 UTF-8 bytes: the longest message there is, ~16 KB on the wire.
QString longContent()
{
    return repeated(u"\U0001F4AC", 4000);
}

QByteArray frame(const QString &id, const QString &op, const QJsonObject &data)
{
    return QJsonDocument(QJsonObject{{"id"_L1, id}, {"op"_L1, op}, {"data"_L1, data}})
        .toJson(QJsonDocument::Compact);
}

} // namespace

class tst_FaultSlowReaders : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init();
    void cleanup();

    void nonReaderPipeliningHistoryIsDroppedSafely_data() { transports(); }
    void nonReaderPipeliningHistoryIsDroppedSafely();
    void readersInABurstAreNeverDropped_data() { transports(); }
    void readersInABurstAreNeverDropped();

private:
    static void transports();
    [[nodiscard]] bool startServer(QStringList arguments);
    std::unique_ptr<TestClient> connected();
    std::unique_ptr<TestClient> signedUp(const QString &name);

    bool m_tls = false;
    std::unique_ptr<QTemporaryDir> m_dataDir;
    std::unique_ptr<ServerProcess> m_server;
};

void tst_FaultSlowReaders::transports()
{
    QTest::addColumn<bool>("tls");
    QTest::newRow("ws") << false;
    QTest::newRow("wss") << true;
}

void tst_FaultSlowReaders::init()
{
    m_dataDir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dataDir->isValid());
}

void tst_FaultSlowReaders::cleanup()
{
    m_server.reset();
    m_dataDir.reset();
}

bool tst_FaultSlowReaders::startServer(QStringList arguments)
{
    QFETCH(bool, tls);
    m_tls = tls;
    if (tls)
        arguments.append(u"--tls"_s);
    m_server = std::make_unique<ServerProcess>(m_dataDir->path(), arguments);
    return m_server->start();
}

std::unique_ptr<TestClient> tst_FaultSlowReaders::connected()
{
    auto client = std::make_unique<TestClient>();
    if (m_tls)
        client->acceptAnyCertificate();
    if (!client->open(m_server->url()))
        return nullptr;
    return client;
}

std::unique_ptr<TestClient> tst_FaultSlowReaders::signedUp(const QString &name)
{
    std::unique_ptr<TestClient> client = connected();
    if (!client || !client->registerUser(name).isValid())
        return nullptr;
    return client;
}

// Issue 10 item 1: the bound was enforced by aborting the socket from inside the write of an
// answer, and the abort path wrote to a socket already torn down (SIGSEGV). Under TLS the
// bound was never reached at all (item 3).
void tst_FaultSlowReaders::nonReaderPipeliningHistoryIsDroppedSafely()
{
    QVERIFY(startServer({}));
    std::unique_ptr<TestClient> ana = signedUp(u"Ana"_s);
    std::unique_ptr<TestClient> ben = signedUp(u"Ben"_s);
    QVERIFY(ana && ben);
    const QString chatId = ana->directChat(ben->userId());
    QVERIFY(!chatId.isEmpty());
    const QString content = longContent();
    QStringList sends;
    for (int i = 0; i < HistoryMessages; ++i) {
        sends.append(ana->send(
            u"message.send"_s,
            {{"chatId"_L1, chatId}, {"clientId"_L1, uniqueClientId()}, {"content"_L1, content}}));
    }
    for (const QString &id : std::as_const(sends))
        PARLEY_VERIFY_OK(ana->waitResponse(id, WaitMs));

    // Ana's second device asks for every page eight times over and never reads the answers.
    QList<QByteArray> pages;
    for (int i = 0; i < PipelinedPages; ++i) {
        pages.append(frame(u"h%1"_s.arg(i), u"message.history"_s,
                           {{"chatId"_L1, chatId}, {"limit"_L1, 100}}));
    }
    BlockedClient hung;
    QString error;
    QVERIFY2(hung.open(m_server->url(), ana->account().accessToken, pages, &error),
             qPrintable(error));

    QTRY_VERIFY_WITH_TIMEOUT(m_server->log().contains("does not read") || !m_server->isRunning(),
                             WaitMs);
    QVERIFY2(m_server->isRunning(), m_server->log().right(3000).constData());
    const BlockedClient::Drained drained = hung.drain(3'000);
    QVERIFY2(drained.closedByServer, qPrintable(drained.how));
    QVERIFY(drained.bytes < qint64(PipelinedPages) * 100 * content.toUtf8().size());

    // Everyone else is served as before, and the server stops cleanly.
    PARLEY_VERIFY_OK(ben->request(u"message.history"_s, {{"chatId"_L1, chatId}, {"limit"_L1, 5}}));
    const QJsonObject sent = ben->sendMessage(chatId, u"still here"_s);
    QVERIFY(!sent.isEmpty());
    QVERIFY(m_server->stop());
    QCOMPARE(m_server->log().count("does not read"), 1);
}

// Issue 10 item 2: eight connections of one user each send 150 of the longest messages at once.
// Every connection reads, so every send is answered and none is dropped, though the fan-out of
// one round queues far more than the bound (4 MiB) for each of them.
void tst_FaultSlowReaders::readersInABurstAreNeverDropped()
{
    QVERIFY(startServer({}));
    std::unique_ptr<TestClient> first = signedUp(u"Ana"_s);
    std::unique_ptr<TestClient> ben = signedUp(u"Ben"_s);
    QVERIFY(first && ben);
    const QString chatId = first->directChat(ben->userId());
    QVERIFY(!chatId.isEmpty());
    const Account ana = first->account();
    std::vector<std::unique_ptr<TestClient>> devices;
    devices.push_back(std::move(first));
    while (devices.size() < BurstConnections) {
        devices.push_back(connected());
        QVERIFY(devices.back() && devices.back()->authenticate(ana));
    }
    for (auto &device : devices)
        device->clearEvents();
    ben->clearEvents();

    const QString content = longContent();
    std::vector<QStringList> sends(BurstConnections);
    for (int d = 0; d < BurstConnections; ++d) {
        for (int i = 0; i < BurstPerConnection; ++i) {
            sends[d].append(devices[d]->send(u"message.send"_s,
                                             {{"chatId"_L1, chatId},
                                              {"clientId"_L1, uniqueClientId()},
                                              {"content"_L1, content}}));
        }
    }
    const int total = BurstConnections * BurstPerConnection;
    std::vector<QSet<QString>> seen(BurstConnections + 1);
    const auto collect = [&](TestClient &client, QSet<QString> &ids) {
        for (const QJsonObject &data : client.takeEvents(u"message.new"_s))
            ids.insert(data.value("message"_L1).toObject().value("id"_L1).toString());
        return ids.size() >= total;
    };
    QVERIFY2(QTest::qWaitFor(
                 [&] {
                     bool all = collect(*ben, seen[BurstConnections]);
                     for (int d = 0; d < BurstConnections; ++d) {
                         if (!devices[d]->isConnected())
                             return true; // dropped: said below
                         all = collect(*devices[d], seen[d]) && all;
                     }
                     return all;
                 },
                 WaitMs * 2),
             m_server->log().right(2000).constData());
    int answered = 0;
    for (int d = 0; d < BurstConnections; ++d) {
        QVERIFY2(devices[d]->isConnected(), qPrintable(u"device %1 was dropped"_s.arg(d)));
        for (const QString &id : std::as_const(sends[d])) {
            PARLEY_VERIFY_OK(devices[d]->waitResponse(id, WaitMs));
            ++answered;
        }
    }
    QCOMPARE(answered, total);
    QVERIFY(ben->isConnected());
    QVERIFY(m_server->stop()); // and with it every line the server wrote
    QVERIFY(!m_server->log().contains("does not read"));
}

QTEST_GUILESS_MAIN(tst_FaultSlowReaders)
#include "tst_fault_slowreaders.moc"
