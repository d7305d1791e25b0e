// SPDX-License-Identifier: GPL-3.0-or-later
// Guarantee 1: a message.send answered ok survives kill -9 of the server right after the answer.
// Runs the real parley-server executable, since only a separate process can be killed like that.
#include "chathistory.h"
#include "protocolcheck.h"
#include "serverprocess.h"
#include "testclient.h"

#include <QJsonArray>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace parley::test;

namespace {

// Sends share commits, so answers come in batches: far more are sent than the kill waits for, so
// that it lands with most of them still in flight.
constexpr int PerSender = 1000;
constexpr int KillAfterAcks = 300;

} // namespace

class tst_Durability : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void acknowledgedMessagesSurviveKill9();
};

void tst_Durability::acknowledgedMessagesSurviveKill9()
{
    QTemporaryDir dataDir;
    QVERIFY(dataDir.isValid());
    ServerProcess process(dataDir.path());
    QVERIFY(process.start());

    TestClient alice;
    TestClient bob;
    QVERIFY(alice.open(process.url()) && bob.open(process.url()));
    const Account aliceAccount = alice.registerUser(u"Alice"_s);
    QVERIFY(aliceAccount.isValid());
    QVERIFY(bob.registerUser(u"Bob"_s).isValid());
    const QString chatId = alice.directChat(bob.userId());
    QVERIFY(!chatId.isEmpty());

    // Record every acknowledged message the moment it arrives; kill at the 300th.
    QHash<QString, QJsonObject> acknowledged; // message id -> message
    bool killed = false;
    const auto onFrame = [&](const QJsonObject &frame) {
        if (!frame.value("ok"_L1).toBool())
            return;
        const QJsonObject message = dataOf(frame).value("message"_L1).toObject();
        if (message.isEmpty())
            return;
        acknowledged.insert(message.value("id"_L1).toString(), message);
        if (!killed && acknowledged.size() >= KillAfterAcks) {
            killed = true;
            process.killHard();
        }
    };
    connect(&alice, &TestClient::frameReceived, this, onFrame);
    connect(&bob, &TestClient::frameReceived, this, onFrame);

    for (int i = 0; i < PerSender; ++i) {
        for (TestClient *sender : {&alice, &bob}) {
            sender->send(u"message.send"_s,
                         {{"chatId"_L1, chatId},
                          {"clientId"_L1, uniqueClientId()},
                          {"content"_L1, u"%1 #%2"_s.arg(sender->account().name).arg(i)}});
        }
    }
    QTRY_VERIFY_WITH_TIMEOUT(killed, 60'000);
    QVERIFY(alice.waitForDisconnected(10'000));
    QVERIFY(bob.waitForDisconnected(10'000));
    QVERIFY(acknowledged.size() >= KillAfterAcks);
    QVERIFY2(acknowledged.size() < qsizetype(2) * PerSender, "the kill came after every answer");

    // Same data directory, new process.
    QVERIFY(process.start());
    TestClient reader;
    QVERIFY(reader.open(process.url()));
    PARLEY_VERIFY_OK(reader.login(aliceAccount.email, aliceAccount.password));
    const QJsonArray history = fullHistory(reader, chatId);
    QVERIFY(!history.isEmpty());

    QList<qint64> seqs = seqsOf(history);
    QList<qint64> expected;
    for (qint64 seq = 1; seq <= history.size(); ++seq)
        expected.append(seq);
    QCOMPARE(seqs, expected);

    QHash<QString, QJsonObject> stored;
    for (const auto &message : history)
        stored.insert(message.toObject().value("id"_L1).toString(), message.toObject());
    int lost = 0;
    for (auto it = acknowledged.cbegin(); it != acknowledged.cend(); ++it) {
        const QJsonObject message = stored.value(it.key());
        if (message.value("seq"_L1) != it->value("seq"_L1)
            || message.value("content"_L1) != it->value("content"_L1)) {
            ++lost;
            qWarning().noquote() << "acknowledged but not stored as acknowledged:" << describe(*it);
        }
    }
    qInfo("%lld acknowledged before the kill, %lld stored after the restart",
          qint64(acknowledged.size()), qint64(history.size()));
    QCOMPARE(lost, 0);
    QVERIFY(history.size() <= qsizetype(2) * PerSender);
}

QTEST_GUILESS_MAIN(tst_Durability)
#include "tst_durability.moc"
