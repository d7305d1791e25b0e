// SPDX-License-Identifier: GPL-3.0-or-later
// Crashes and restarts of the real parley-server (docs/protocol.md, Guarantees 1, 3 and 4): killed
// with -9 in the middle of a burst from 20 clients, and restarted while people type. Raw
// clients check what the server stored; two app Sessions check what their users would see.
#include "apptestkit.h"
#include "chathistory.h"
#include "connection.h"
#include "messagemodel.h"
#include "outbox.h"
#include "protocolcheck.h"
#include "serverprocess.h"
#include "testclient.h"
#include "typingmodel.h"

#include <QJsonArray>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <memory>
#include <vector>

using namespace Qt::StringLiterals;
using namespace parley::test;
using parley::client::Connection;
using parley::client::MessageModel;

namespace {

constexpr int Senders = 20;
constexpr int PerSender = 20; // 400 in all: the app's 500-row window holds every one
constexpr int KillAfterAcks = 150; // well inside the burst
constexpr int AppSends = 5;
constexpr int BurstTimeoutMs = 60'000;

struct Planned
{
    QString clientId;
    QString content;
};

QJsonObject sendRequest(const QString &chatId, const Planned &message)
{
    return {
        {"chatId"_L1, chatId}, {"clientId"_L1, message.clientId}, {"content"_L1, message.content}};
}

// Rows that are messages, stored or not: lines about the group ("Ana created it") are not.
int messageRows(MessageModel *model)
{
    int rows = 0;
    for (int row = 0; row < model->rowCount(); ++row) {
        if (!model->data(model->index(row), MessageModel::IsEventRole).toBool())
            ++rows;
    }
    return rows;
}

// "" when the model shows exactly the stored history: the same ids in the same seq order,
// each once, and no row still pending or failed.
QString modelProblem(MessageModel *model, const QJsonArray &history)
{
    const QList<parley::Message> shown = model->storedMessages();
    if (messageRows(model) != shown.size())
        return u"%1 message rows but %2 stored messages: a send is still pending or failed"_s
            .arg(messageRows(model))
            .arg(shown.size());
    QSet<QString> seen;
    for (qsizetype i = 0; i < shown.size(); ++i) {
        if (seen.contains(shown.at(i).id))
            return u"message %1 is shown twice"_s.arg(shown.at(i).id);
        seen.insert(shown.at(i).id);
        if (i > 0 && shown.at(i).seq != shown.at(i - 1).seq + 1)
            return u"gap: seq %1 follows seq %2"_s.arg(shown.at(i).seq).arg(shown.at(i - 1).seq);
    }
    if (shown.size() != history.size())
        return u"%1 messages shown, %2 stored"_s.arg(shown.size()).arg(history.size());
    for (qsizetype i = 0; i < shown.size(); ++i) {
        const QString stored = history.at(i).toObject().value("id"_L1).toString();
        if (shown.at(i).id != stored)
            return u"row of seq %1 shows message %2, the server stored %3"_s.arg(shown.at(i).seq)
                .arg(shown.at(i).id, stored);
    }
    return {};
}

TestClient::Predicate typingOf(const QString &userId, bool typing)
{
    return [userId, typing](const QJsonObject &data) {
        return data.value("userId"_L1).toString() == userId
            && data.value("typing"_L1).toBool() == typing;
    };
}

// A person typing on: a key every 200 ms until seen, or 20 s.
bool keepTypingUntil(const AppClient &typist, const std::function<bool()> &seen)
{
    for (int key = 0; key < 100 && !seen(); ++key) {
        typist->typing()->typed();
        QTest::qWait(200);
    }
    return seen();
}

} // namespace

class tst_FaultCrash : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init();
    void cleanup();

    void killDuringBurstLosesNothingAcknowledged();
    void restartWhileTypingEndsTyping_data();
    void restartWhileTypingEndsTyping();

private:
    AppClient &signedUpApp(const QString &name);
    std::unique_ptr<TestClient> rawClient();

    std::unique_ptr<QTemporaryDir> m_root;
    std::unique_ptr<ServerProcess> m_server;
    std::vector<std::unique_ptr<AppClient>> m_apps;
};

void tst_FaultCrash::init()
{
    m_root = std::make_unique<QTemporaryDir>();
    QVERIFY(m_root->isValid());
    QVERIFY(QDir(m_root->path()).mkpath(u"server"_s));
    m_server = std::make_unique<ServerProcess>(m_root->filePath(u"server"_s));
    QVERIFY(m_server->start());
}

void tst_FaultCrash::cleanup()
{
    m_apps.clear();
    m_server.reset();
    m_root.reset();
}

AppClient &tst_FaultCrash::signedUpApp(const QString &name)
{
    m_apps.push_back(std::make_unique<AppClient>(m_root->filePath(name)));
    AppClient &app = *m_apps.back();
    [[maybe_unused]] const bool ok = app.signUp(m_server->url().toString(), name);
    return app;
}

std::unique_ptr<TestClient> tst_FaultCrash::rawClient()
{
    auto client = std::make_unique<TestClient>();
    return client->open(m_server->url()) ? std::move(client) : nullptr;
}

void tst_FaultCrash::killDuringBurstLosesNothingAcknowledged()
{
    AppClient &ana = signedUpApp(u"Ana"_s);
    AppClient &ben = signedUpApp(u"Ben"_s);
    QVERIFY(ana->signedIn() && ben->signedIn());

    std::vector<std::unique_ptr<TestClient>> senders;
    std::vector<Account> accounts;
    QStringList others{ana->userId(), ben->userId()};
    for (int s = 0; s < Senders; ++s) {
        senders.push_back(rawClient());
        QVERIFY(senders.back());
        accounts.push_back(senders.back()->registerUser(u"Sender %1"_s.arg(s)));
        QVERIFY(accounts.back().isValid());
        if (s > 0)
            others.append(accounts.back().id);
    }
    const QString chatId = senders.front()->createGroup(u"Burst"_s, others);
    QVERIFY(!chatId.isEmpty());
    for (AppClient *app : {&ana, &ben}) {
        QVERIFY(app->waitForChat(chatId));
        (*app)->selectChat(chatId);
        QTRY_VERIFY_WITH_TIMEOUT((*app)->messages()->loaded(), SlowMs);
    }

    // Every acknowledgement as it arrives; the server dies at the 150th.
    QHash<QString, QJsonObject> acknowledged; // clientId -> the message in the ok
    bool killed = false;
    for (const auto &sender : senders) {
        connect(sender.get(), &TestClient::frameReceived, sender.get(),
                [&](const QJsonObject &frame) {
                    const QJsonObject message = dataOf(frame).value("message"_L1).toObject();
                    if (!isOk(frame) || message.isEmpty())
                        return;
                    acknowledged.insert(message.value("clientId"_L1).toString(), message);
                    if (!killed && acknowledged.size() >= KillAfterAcks) {
                        killed = true;
                        m_server->killHard();
                    }
                });
    }

    QStringList appTexts;
    for (int i = 1; i <= AppSends; ++i) {
        appTexts.append(u"from the app %1"_s.arg(i));
        ana->messages()->send(appTexts.constLast());
    }
    std::vector<QList<Planned>> planned(Senders);
    for (int i = 0; i < PerSender; ++i) {
        for (int s = 0; s < Senders; ++s) {
            planned[s].append({uniqueClientId(), u"sender %1 #%2"_s.arg(s).arg(i)});
            senders[s]->send(u"message.send"_s, sendRequest(chatId, planned[s].constLast()));
        }
    }
    QTRY_VERIFY_WITH_TIMEOUT(killed, BurstTimeoutMs);
    for (const auto &sender : senders)
        QVERIFY(sender->waitForDisconnected(10'000));
    qInfo("%lld of %d raw sends acknowledged before kill -9", qint64(acknowledged.size()),
          Senders * PerSender);
    QTRY_COMPARE_WITH_TIMEOUT(ana->connection()->state(), Connection::Offline, SlowMs);
    QTRY_COMPARE_WITH_TIMEOUT(ben->connection()->state(), Connection::Offline, SlowMs);

    // Same data, same address. Every sender resends what it has no answer for, with the same
    // clientId, as a client that cannot know whether the server stored it must.
    QVERIFY(m_server->start());
    ana->retryNow();
    ben->retryNow();
    for (int s = 0; s < Senders; ++s) {
        senders[s] = rawClient();
        QVERIFY(senders[s]);
        QVERIFY(senders[s]->authenticate(accounts[s]));
    }
    // Stored but never acknowledged: the answer was lost with the process.
    QSet<QString> rawClientIds;
    for (const QList<Planned> &messages : planned) {
        for (const Planned &message : messages)
            rawClientIds.insert(message.clientId);
    }
    QHash<QString, QString> storedUnanswered; // clientId -> message id
    const QJsonArray afterRestart = fullHistory(*senders.front(), chatId);
    for (const auto &value : afterRestart) {
        const QString clientId = value.toObject().value("clientId"_L1).toString();
        if (rawClientIds.contains(clientId) && !acknowledged.contains(clientId))
            storedUnanswered.insert(clientId, value.toObject().value("id"_L1).toString());
    }
    qInfo("%lld stored by the server without an answer reaching the client",
          qint64(storedUnanswered.size()));
    for (int s = 0; s < Senders; ++s) {
        QHash<QString, QString> requests; // request id -> clientId
        for (const Planned &message : planned[s]) {
            if (!acknowledged.contains(message.clientId))
                requests.insert(senders[s]->send(u"message.send"_s, sendRequest(chatId, message)),
                                message.clientId);
        }
        for (auto it = requests.cbegin(); it != requests.cend(); ++it) {
            const QJsonObject response = senders[s]->waitResponse(it.key());
            PARLEY_VERIFY_OK(response);
            // Guarantee 3: a resend of a stored message answers with that message.
            if (storedUnanswered.contains(it.value()))
                QCOMPARE(dataOf(response).value("message"_L1).toObject().value("id"_L1).toString(),
                         storedUnanswered.value(it.value()));
        }
    }
    QVERIFY(ana.waitOnline());
    QVERIFY(ben.waitOnline());
    // The app's own sends: pending through the crash, then stored once each.
    QTRY_VERIFY_WITH_TIMEOUT(messageRows(ana->messages())
                                     == ana->messages()->storedMessages().size()
                                 && ana->outbox()->entries(chatId).isEmpty(),
                             SlowMs);

    const QJsonArray history = fullHistory(*senders.front(), chatId);
    QVERIFY(!history.isEmpty());
    const QString gap = seqProblem(seqsOf(history));
    QVERIFY2(gap.isEmpty(), qPrintable(gap));
    QCOMPARE(history.size(), Senders * PerSender + AppSends);

    const QHash<QString, int> byClientId = countBy(history, "clientId"_L1);
    QHash<QString, QJsonObject> stored;
    for (const auto &value : history)
        stored.insert(value.toObject().value("clientId"_L1).toString(), value.toObject());
    for (const QList<Planned> &messages : planned) {
        for (const Planned &message : messages) {
            QVERIFY2(byClientId.value(message.clientId) == 1, qPrintable(message.content));
            QCOMPARE(stored.value(message.clientId).value("content"_L1).toString(),
                     message.content);
        }
    }
    // Guarantee 1: each acknowledged message is stored as it was acknowledged.
    for (auto it = acknowledged.cbegin(); it != acknowledged.cend(); ++it) {
        const QJsonObject message = stored.value(it.key());
        QVERIFY2(message.value("id"_L1) == it->value("id"_L1)
                     && message.value("seq"_L1) == it->value("seq"_L1),
                 describe(*it).constData());
    }
    const QHash<QString, int> byContent = countBy(history, "content"_L1);
    for (const QString &text : std::as_const(appTexts))
        QCOMPARE(byContent.value(text), 1);

    // Guarantees 2 to 4 in the app: both models caught up through sync, in seq order, once each.
    for (AppClient *app : {&ana, &ben}) {
        MessageModel *model = (*app)->messages();
        QTRY_VERIFY2_WITH_TIMEOUT(
            modelProblem(model, history).isEmpty(),
            qPrintable((*app)->userName() + u": "_s + modelProblem(model, history)), SlowMs);
    }
}

void tst_FaultCrash::restartWhileTypingEndsTyping_data()
{
    QTest::addColumn<bool>("crash");
    QTest::newRow("stopped with SIGTERM") << false;
    QTest::newRow("killed with -9") << true;
}

void tst_FaultCrash::restartWhileTypingEndsTyping()
{
    QFETCH(bool, crash);
    AppClient &ana = signedUpApp(u"Ana"_s);
    AppClient &ben = signedUpApp(u"Ben"_s);
    QVERIFY(ana->signedIn() && ben->signedIn());
    std::unique_ptr<TestClient> cy = rawClient();
    QVERIFY(cy);
    const Account cyAccount = cy->registerUser(u"Cy"_s);
    QVERIFY(cyAccount.isValid());
    const QString chatId = cy->createGroup(u"Typing"_s, {ana->userId(), ben->userId()});
    QVERIFY(!chatId.isEmpty());
    for (AppClient *app : {&ana, &ben}) {
        QVERIFY(app->waitForChat(chatId));
        (*app)->selectChat(chatId);
    }
    const QJsonObject inChat{{"chatId"_L1, chatId}};

    ana->typing()->typed();
    cy->fire(u"typing.start"_s, inChat);
    QTRY_VERIFY_WITH_TIMEOUT(ben->typing()->text().contains(u"Ana"_s)
                                 && ben->typing()->text().contains(u"Cy"_s),
                             SlowMs);
    QVERIFY(cy->waitEvent(u"typing"_s, typingOf(ana->userId(), true)));

    if (crash)
        m_server->killHard();
    else
        QVERIFY2(m_server->stop(), "parley-server did not exit cleanly on SIGTERM");
    QTRY_COMPARE_WITH_TIMEOUT(ben->connection()->state(), Connection::Offline, SlowMs);
    // Nobody types on a server that is gone: typing=false arrived or the state expired.
    QTRY_VERIFY_WITH_TIMEOUT(ben->typing()->text().isEmpty(), SlowMs);
    // Ana's app may learn of the stop a moment after Ben's.
    QTRY_VERIFY_WITH_TIMEOUT(ana->typing()->text().isEmpty(), SlowMs);

    QVERIFY(m_server->start());
    ana->retryNow();
    ben->retryNow();
    QVERIFY(ana.waitOnline());
    QVERIFY(ben.waitOnline());
    cy = rawClient();
    QVERIFY(cy);
    QVERIFY(cy->authenticate(cyAccount));
    // The new process brings back no typing state from before.
    QVERIFY(cy->expectNoEvent(u"typing"_s, typingOf(ana->userId(), true)));
    QVERIFY(ben->typing()->text().isEmpty());

    // And typing works again, both ways.
    QVERIFY2(keepTypingUntil(ana, [&] { return ben->typing()->text() == u"Ana is typing"_s; }),
             qPrintable(u"Ben sees: '%1'"_s.arg(ben->typing()->text())));
    QVERIFY(cy->waitEvent(u"typing"_s, typingOf(ana->userId(), true)));
    ana->typing()->stopTyping();
    QTRY_VERIFY_WITH_TIMEOUT(ben->typing()->text().isEmpty(), SlowMs);
    QVERIFY(cy->waitEvent(u"typing"_s, typingOf(ana->userId(), false)));
    cy->fire(u"typing.start"_s, inChat);
    QTRY_COMPARE_WITH_TIMEOUT(ben->typing()->text(), u"Cy is typing"_s, SlowMs);
    QTRY_COMPARE_WITH_TIMEOUT(ana->typing()->text(), u"Cy is typing"_s, SlowMs);
    cy->fire(u"typing.stop"_s, inChat);
    QTRY_VERIFY_WITH_TIMEOUT(ben->typing()->text().isEmpty(), SlowMs);
    QVERIFY(m_server->isRunning());
}

QTEST_GUILESS_MAIN(tst_FaultCrash)
#include "tst_fault_crash.moc"
