// SPDX-License-Identifier: GPL-3.0-or-later
// Group commit: writes queued together on the store thread share one transaction and one sync to
// disk, and still every send is answered only once it is durable. First the store thread itself
// (StoreRunner on an SQLite file, with the jobs queued while the thread is held, so that which
// jobs share a batch does not depend on timing), then many clients sending at once through real
// WebSockets.
#include "chathistory.h"
#include "protocolcheck.h"
#include "storage/sqlitestore.h"
#include "storage/storerunner.h"
#include "testserver.h"

#include <QHash>
#include <QJsonArray>
#include <QSemaphore>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <memory>

using namespace Qt::StringLiterals;
using namespace parley::test;
using parley::server::SqliteStore;
using parley::server::Store;
using parley::server::StoreObserver;
using parley::server::StoreRunner;
using Kind = Store::SendOutcome::Kind;

namespace {

// ---- the store thread

// What one batchable send answered, in the order the answers arrived.
struct Answer
{
    int job = 0;
    Store::SendOutcome outcome;
    bool failed = false;
};

// Write transactions committed so far, as the store reports them to its observer (the server
// turns these reports into /metrics' parley_store_commits_total).
std::atomic<qint64> commits{0};

qint64 commitsSoFar()
{
    return commits.load();
}

const StoreObserver countingCommits{{}, [] { ++commits; }};

// A StoreRunner on a fresh SQLite file with two users and their direct chat.
class SqliteRunner
{
public:
    SqliteRunner()
        : m_runner([path = m_dir.filePath(u"parley.db"_s)] {
            return std::make_unique<SqliteStore>(path, countingCommits);
        })
    { }

    [[nodiscard]] bool open()
    {
        QString error;
        if (!m_dir.isValid() || !m_runner.open(&error)) {
            qWarning().noquote() << "cannot open the store:" << error;
            return false;
        }
        alice = addUser(u"Alice"_s);
        bob = addUser(u"Bob"_s);
        chatId = m_runner.runBlocking([this](Store &store) {
            bool created = false;
            return store.directChat(alice, bob, now(), &created).id;
        });
        return !alice.isEmpty() && !bob.isEmpty() && !chatId.isEmpty();
    }

    StoreRunner &runner() { return m_runner; }

    static QDateTime now() { return QDateTime::currentDateTimeUtc(); }

    QList<parley::Message> history()
    {
        return m_runner.runBlocking(
            [this](Store &store) { return store.history(chatId, std::nullopt, 1000).messages; });
    }
    qint64 revision()
    {
        return m_runner.runBlocking([](Store &store) { return store.currentRevision(); });
    }

    QString alice;
    QString bob;
    QString chatId;

private:
    QString addUser(const QString &name)
    {
        return m_runner.runBlocking([name](Store &store) {
            Store::NewUser user;
            user.name = name;
            user.email = name.toLower() + u"@example.org"_s;
            user.passwordHash = "not a real hash";
            const auto created = store.createUser(user, now());
            return created ? created->id : QString();
        });
    }

    QTemporaryDir m_dir;
    StoreRunner m_runner;
};

// Keeps the store thread busy with a job of its own until released, so that the jobs queued
// meanwhile are all waiting when it gets to them, as concurrent requests are under load.
class StoreThreadHold
{
public:
    StoreThreadHold(StoreRunner &runner, QObject *context)
        : m_gate(std::make_shared<QSemaphore>())
    {
        runner.run(
            context,
            [gate = m_gate](Store &) {
                gate->acquire();
                return true;
            },
            [](bool) {});
    }
    ~StoreThreadHold() { release(); }
    StoreThreadHold(const StoreThreadHold &) = delete;
    StoreThreadHold &operator=(const StoreThreadHold &) = delete;

    void release()
    {
        if (!std::exchange(m_released, true))
            m_gate->release();
    }

private:
    std::shared_ptr<QSemaphore> m_gate; // shared: the held job may outlive a failed test
    bool m_released = false;
};

// The sender's id of a user that does not exist: its message breaks a foreign key.
const QString NoSuchUser = u"999999"_s;

// The store's SQLite connection, for the one test that reaches below the Store interface.
QString storeConnectionName()
{
    QStringList names = QSqlDatabase::connectionNames();
    names.removeIf([](const QString &name) { return !name.startsWith("parley-sqlite-"_L1); });
    return names.size() == 1 ? names.first() : QString();
}

// ---- clients over WebSockets

constexpr int Clients = 20;
constexpr int SendsPerClient = 50; // every other one to the group, the rest to the direct chat
const QList<int> Resent = {10, 31}; // sent twice in a row with the same clientId

struct PlannedSend
{
    QString requestId;
    QString chatId;
    QString clientId;
    QString content;
    int original = -1; // for a resend: the index of the send it repeats
};

struct Delivery
{
    QString chatId;
    qint64 seq = 0;
    QString messageId;
};

QJsonObject messageOf(const QJsonObject &response)
{
    return dataOf(response).value("message"_L1).toObject();
}

QList<qint64> oneTo(qint64 last)
{
    QList<qint64> seqs;
    for (qint64 seq = 1; seq <= last; ++seq)
        seqs.append(seq);
    return seqs;
}

} // namespace

class tst_GroupCommit : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void sendsQueuedTogetherShareOneCommit_data();
    void sendsQueuedTogetherShareOneCommit();
    void aFailingSendFailsAloneInItsBatch();
    void aFailedCommitFailsEveryJobOfItsBatch();
    void aTransactionDroppedBySqliteFailsTheWholeBatch();
    void aResendInTheSameBatchFindsItsOriginal();
    void jobsOfTheirOwnKeepTheirPlaceBetweenBatches();

    void concurrentSendersAreDurableGaplessAndDeliveredInOrder();

private:
    void queueSend(StoreRunner &runner, QList<Answer> &answers, int job, const QString &chatId,
                   const QString &senderId, const QString &clientId);
    // Every job of the batch answered failed and nothing of it was kept; then a new batch of
    // two sends commits once with seq 1 and 2. QTest failures end the caller's test.
    void verifyBatchLeftNoTrace(SqliteRunner &store, const QList<Answer> &answers,
                                qint64 revisionBefore, qint64 commitsBefore);
};

void tst_GroupCommit::verifyBatchLeftNoTrace(SqliteRunner &store, const QList<Answer> &answers,
                                             qint64 revisionBefore, qint64 commitsBefore)
{
    for (const Answer &answer : answers)
        QVERIFY2(answer.failed, qPrintable(u"job %1 answered as stored"_s.arg(answer.job)));
    QCOMPARE(commitsSoFar() - commitsBefore, 0);
    QVERIFY(store.history().isEmpty());
    QCOMPARE(store.revision(), revisionBefore);

    QList<Answer> next;
    {
        StoreThreadHold hold(store.runner(), this);
        queueSend(store.runner(), next, 3, store.chatId, store.alice, uniqueClientId());
        queueSend(store.runner(), next, 4, store.chatId, store.bob, uniqueClientId());
    }
    QTRY_COMPARE(next.size(), 2);
    QVERIFY(!next.at(0).failed && !next.at(1).failed);
    QCOMPARE(next.at(0).outcome.message.seq, qint64(1));
    QCOMPARE(next.at(1).outcome.message.seq, qint64(2));
    QCOMPARE(store.history().size(), 2);
    QCOMPARE(commitsSoFar() - commitsBefore, 1);
}

void tst_GroupCommit::queueSend(StoreRunner &runner, QList<Answer> &answers, int job,
                                const QString &chatId, const QString &senderId,
                                const QString &clientId)
{
    runner.runBatchable(
        this,
        [=](Store &store) {
            return store.sendMessage(chatId, senderId, clientId, u"message %1"_s.arg(job),
                                     SqliteRunner::now());
        },
        [&answers, job](Store::SendOutcome outcome, bool failed) {
            answers.append({job, std::move(outcome), failed});
        });
}

void tst_GroupCommit::sendsQueuedTogetherShareOneCommit_data()
{
    QTest::addColumn<int>("sends");
    QTest::addColumn<int>("commits");

    QTest::newRow("two sends") << 2 << 1;
    QTest::newRow("forty sends") << 40 << 1;
    QTest::newRow("as many as a batch takes") << int(StoreRunner::MaxBatch) << 1;
    QTest::newRow("one more than a batch takes") << int(StoreRunner::MaxBatch) + 1 << 2;
}

void tst_GroupCommit::sendsQueuedTogetherShareOneCommit()
{
    QFETCH(int, sends);
    QFETCH(int, commits);
    SqliteRunner store;
    QVERIFY(store.open());
    const qint64 revisionBefore = store.revision();
    const qint64 commitsBefore = commitsSoFar();
    QVERIFY(commitsBefore >= 0);

    QList<Answer> answers;
    {
        StoreThreadHold hold(store.runner(), this);
        for (int job = 0; job < sends; ++job)
            queueSend(store.runner(), answers, job, store.chatId, job % 2 ? store.bob : store.alice,
                      uniqueClientId());
    }
    QTRY_COMPARE(answers.size(), sends);

    QCOMPARE(commitsSoFar() - commitsBefore, commits);
    for (int job = 0; job < sends; ++job) {
        const Answer &answer = answers.at(job);
        QCOMPARE(answer.job, job); // answered in the order asked
        QVERIFY(!answer.failed);
        QCOMPARE(answer.outcome.kind, Kind::Stored);
        QCOMPARE(answer.outcome.message.seq, qint64(job) + 1);
        QCOMPARE(answer.outcome.message.content, u"message %1"_s.arg(job));
    }
    const QList<parley::Message> history = store.history();
    QCOMPARE(history.size(), sends);
    for (int job = 0; job < sends; ++job)
        QCOMPARE(history.at(job).id, answers.at(job).outcome.message.id);
    QCOMPARE(store.revision(), revisionBefore + sends);
}

void tst_GroupCommit::aFailingSendFailsAloneInItsBatch()
{
    SqliteRunner store;
    QVERIFY(store.open());
    const qint64 revisionBefore = store.revision();
    const qint64 commitsBefore = commitsSoFar();

    QList<Answer> answers;
    {
        StoreThreadHold hold(store.runner(), this);
        queueSend(store.runner(), answers, 0, store.chatId, store.alice, uniqueClientId());
        queueSend(store.runner(), answers, 1, store.chatId, NoSuchUser, uniqueClientId());
        queueSend(store.runner(), answers, 2, store.chatId, store.bob, uniqueClientId());
    }
    QTRY_COMPARE(answers.size(), 3);

    QCOMPARE(commitsSoFar() - commitsBefore, 1);
    QVERIFY(!answers.at(0).failed);
    QVERIFY(answers.at(1).failed);
    QVERIFY(!answers.at(2).failed);
    // The failed send took no seq and no revision: its savepoint went, its neighbours stayed.
    QCOMPARE(answers.at(0).outcome.message.seq, qint64(1));
    QCOMPARE(answers.at(2).outcome.message.seq, qint64(2));
    const QList<parley::Message> history = store.history();
    QCOMPARE(history.size(), 2);
    QCOMPARE(history.at(0).content, u"message 0"_s);
    QCOMPARE(history.at(1).content, u"message 2"_s);
    QCOMPARE(store.revision(), revisionBefore + 2);
}

void tst_GroupCommit::aFailedCommitFailsEveryJobOfItsBatch()
{
    SqliteRunner store;
    QVERIFY(store.open());
    const QString connection = storeConnectionName();
    QVERIFY2(!connection.isEmpty(), "expected exactly one store connection in this process");
    const qint64 revisionBefore = store.revision();
    const qint64 commitsBefore = commitsSoFar();

    QList<Answer> answers;
    {
        StoreThreadHold hold(store.runner(), this);
        queueSend(store.runner(), answers, 0, store.chatId, store.alice, uniqueClientId());
        // Every statement of this job succeeds; its broken foreign key is only checked by the
        // batch's COMMIT, which then fails as it does on a full disk.
        store.runner().runBatchable(
            this,
            [connection, chatId = store.chatId](Store &s) {
                QSqlQuery pragma(QSqlDatabase::database(connection, false));
                const bool deferred = pragma.exec(u"PRAGMA defer_foreign_keys = ON"_s);
                Store::SendOutcome sent = s.sendMessage(chatId, NoSuchUser, uniqueClientId(),
                                                        u"message 1"_s, SqliteRunner::now());
                if (!deferred)
                    sent.kind = Kind::ClientIdConflict; // reported below
                return sent;
            },
            [&answers](Store::SendOutcome outcome, bool failed) {
                answers.append({1, std::move(outcome), failed});
            });
        queueSend(store.runner(), answers, 2, store.chatId, store.bob, uniqueClientId());
    }
    QTRY_COMPARE(answers.size(), 3);

    QCOMPARE(answers.at(1).outcome.kind, Kind::Stored); // the job itself went through
    // Nothing of the failed batch lingers: the next one starts clean.
    verifyBatchLeftNoTrace(store, answers, revisionBefore, commitsBefore);
}

void tst_GroupCommit::aTransactionDroppedBySqliteFailsTheWholeBatch()
{
    SqliteRunner store;
    QVERIFY(store.open());
    const QString connection = storeConnectionName();
    QVERIFY2(!connection.isEmpty(), "expected exactly one store connection in this process");
    // On some errors (disk full mid-statement, I/O errors) SQLite rolls the whole transaction
    // back by itself; RAISE(ROLLBACK) in a trigger does the same on demand.
    QVERIFY(store.runner().runBlocking([connection](Store &) {
        QSqlQuery trigger(QSqlDatabase::database(connection, false));
        return trigger.exec(u"CREATE TEMP TRIGGER drop_the_transaction BEFORE INSERT ON messages "
                            "WHEN NEW.content = 'message 1' "
                            "BEGIN SELECT RAISE(ROLLBACK, 'dropped'); END"_s);
    }));
    const qint64 revisionBefore = store.revision();
    const qint64 commitsBefore = commitsSoFar();

    QList<Answer> answers;
    {
        StoreThreadHold hold(store.runner(), this);
        for (int job = 0; job < 3; ++job)
            queueSend(store.runner(), answers, job, store.chatId, store.alice, uniqueClientId());
    }
    QTRY_COMPARE(answers.size(), 3);

    // The first job's work went with the transaction, and the last one must not run on its own
    // outside the batch: all three fail, none is stored.
    verifyBatchLeftNoTrace(store, answers, revisionBefore, commitsBefore);
}

void tst_GroupCommit::aResendInTheSameBatchFindsItsOriginal()
{
    SqliteRunner store;
    QVERIFY(store.open());
    const qint64 commitsBefore = commitsSoFar();
    const QString clientId = uniqueClientId();

    QList<Answer> answers;
    {
        StoreThreadHold hold(store.runner(), this);
        queueSend(store.runner(), answers, 0, store.chatId, store.alice, clientId);
        queueSend(store.runner(), answers, 1, store.chatId, store.bob, uniqueClientId());
        queueSend(store.runner(), answers, 2, store.chatId, store.alice, clientId);
    }
    QTRY_COMPARE(answers.size(), 3);

    QCOMPARE(commitsSoFar() - commitsBefore, 1);
    for (const Answer &answer : std::as_const(answers))
        QVERIFY(!answer.failed);
    QCOMPARE(answers.at(0).outcome.kind, Kind::Stored);
    QCOMPARE(answers.at(2).outcome.kind, Kind::Duplicate);
    QCOMPARE(answers.at(2).outcome.message.id, answers.at(0).outcome.message.id);
    QCOMPARE(answers.at(2).outcome.message.content, u"message 0"_s); // what was stored first
    QCOMPARE(store.history().size(), 2);
}

void tst_GroupCommit::jobsOfTheirOwnKeepTheirPlaceBetweenBatches()
{
    SqliteRunner store;
    QVERIFY(store.open());
    const qint64 commitsBefore = commitsSoFar();

    QList<Answer> answers;
    qsizetype seenBetween = -1;
    qsizetype answeredBeforeBetween = -1;
    {
        StoreThreadHold hold(store.runner(), this);
        queueSend(store.runner(), answers, 0, store.chatId, store.alice, uniqueClientId());
        queueSend(store.runner(), answers, 1, store.chatId, store.bob, uniqueClientId());
        store.runner().run(
            this,
            [chatId = store.chatId](Store &s) {
                return s.history(chatId, std::nullopt, 100).messages.size();
            },
            [&](qsizetype seen) {
                seenBetween = seen;
                answeredBeforeBetween = answers.size();
            });
        queueSend(store.runner(), answers, 2, store.chatId, store.alice, uniqueClientId());
        queueSend(store.runner(), answers, 3, store.chatId, store.bob, uniqueClientId());
    }
    QTRY_COMPARE(answers.size(), 4);

    // Two batches around the job of its own, which saw the first batch committed.
    QCOMPARE(commitsSoFar() - commitsBefore, 2);
    QCOMPARE(seenBetween, 2);
    QCOMPARE(answeredBeforeBetween, 2);
    for (int job = 0; job < 4; ++job) {
        QCOMPARE(answers.at(job).job, job);
        QVERIFY(!answers.at(job).failed);
        QCOMPARE(answers.at(job).outcome.message.seq, qint64(job) + 1);
    }
}

void tst_GroupCommit::concurrentSendersAreDurableGaplessAndDeliveredInOrder()
{
    TestServer server;
    QVERIFY(server.start());
    std::vector<std::unique_ptr<TestClient>> clients;
    QStringList userIds;
    for (int i = 0; i < Clients; ++i) {
        clients.push_back(server.signUp(u"Sender %1"_s.arg(i)));
        QVERIFY(clients.back());
        userIds.append(clients.back()->userId());
    }
    const QString groupId = clients.front()->createGroup(u"Everyone"_s, userIds.mid(1));
    QVERIFY(!groupId.isEmpty());
    QStringList directIds; // of the pairs (0, 1), (2, 3), …
    for (int i = 0; i < Clients; i += 2) {
        directIds.append(clients.at(i)->directChat(userIds.at(i + 1)));
        QVERIFY(!directIds.last().isEmpty());
    }

    QList<QList<Delivery>> delivered(Clients); // message.new as each connection got them
    for (int i = 0; i < Clients; ++i) {
        clients.at(i)->clearEvents();
        connect(clients.at(i).get(), &TestClient::frameReceived, this,
                [&delivered, i](const QJsonObject &frame) {
                    if (frame.value("event"_L1).toString() != "message.new"_L1)
                        return;
                    const QJsonObject message =
                        frame.value("data"_L1).toObject().value("message"_L1).toObject();
                    delivered[i].append({message.value("chatId"_L1).toString(),
                                         message.value("seq"_L1).toInteger(),
                                         message.value("id"_L1).toString()});
                });
    }

    // Everybody at once, nobody waiting for an answer before sending the next.
    const qint64 commitsBefore = commitsSoFar();
    QList<QList<PlannedSend>> planned(Clients);
    for (int k = 0; k < SendsPerClient; ++k) {
        for (int i = 0; i < Clients; ++i) {
            PlannedSend send;
            send.chatId = k % 2 ? directIds.at(i / 2) : groupId;
            send.clientId = uniqueClientId();
            send.content = u"%1 from %2"_s.arg(k).arg(i);
            const QJsonObject data{{"chatId"_L1, send.chatId},
                                   {"clientId"_L1, send.clientId},
                                   {"content"_L1, send.content}};
            send.requestId = clients.at(i)->send(u"message.send"_s, data);
            planned[i].append(send);
            if (Resent.contains(k)) {
                PlannedSend again = send;
                again.original = int(planned[i].size()) - 1;
                again.requestId = clients.at(i)->send(u"message.send"_s, data);
                planned[i].append(again);
            }
        }
    }

    // Every send acknowledged; a resend with the message its original stored.
    QHash<QString, QHash<qint64, QJsonObject>> acknowledged; // chat -> seq -> message
    for (int i = 0; i < Clients; ++i) {
        QList<QJsonObject> messages;
        for (const PlannedSend &send : std::as_const(planned[i])) {
            const QJsonObject response = clients.at(i)->waitResponse(send.requestId);
            PARLEY_VERIFY_OK(response);
            const QJsonObject message = messageOf(response);
            QCOMPARE(message.value("clientId"_L1).toString(), send.clientId);
            QCOMPARE(message.value("content"_L1).toString(), send.content);
            messages.append(message);
            if (send.original >= 0) {
                QCOMPARE(message.value("id"_L1), messages.at(send.original).value("id"_L1));
                QCOMPARE(message.value("seq"_L1), messages.at(send.original).value("seq"_L1));
                continue;
            }
            const qint64 seq = message.value("seq"_L1).toInteger();
            QVERIFY2(!acknowledged[send.chatId].contains(seq),
                     qPrintable(u"seq %1 acknowledged twice in one chat"_s.arg(seq)));
            acknowledged[send.chatId].insert(seq, message);
        }
    }
    // How many commits the sends shared depends on timing: reported, not asserted.
    qInfo("%d sends stored in %lld commits", Clients * SendsPerClient,
          commitsSoFar() - commitsBefore);
    const qsizetype groupMessages = qsizetype(Clients) * (SendsPerClient / 2);
    const qsizetype directMessages = 2 * (SendsPerClient / 2);
    QCOMPARE(acknowledged.value(groupId).size(), groupMessages);
    for (const QString &directId : std::as_const(directIds))
        QCOMPARE(acknowledged.value(directId).size(), directMessages);
    for (auto chat = acknowledged.cbegin(); chat != acknowledged.cend(); ++chat) {
        QList<qint64> seqs = chat->keys();
        std::sort(seqs.begin(), seqs.end());
        QCOMPARE(seqs, oneTo(seqs.size())); // no gaps, no duplicates
    }

    // Every member got every message of its chats once, in seq order.
    for (int i = 0; i < Clients; ++i) {
        QTRY_COMPARE_WITH_TIMEOUT(delivered.at(i).size(), groupMessages + directMessages, 30'000);
        QHash<QString, QList<qint64>> seqsByChat;
        for (const Delivery &delivery : std::as_const(delivered.at(i))) {
            seqsByChat[delivery.chatId].append(delivery.seq);
            QCOMPARE(
                delivery.messageId,
                acknowledged.value(delivery.chatId).value(delivery.seq).value("id"_L1).toString());
        }
        QCOMPARE(seqsByChat.value(groupId), oneTo(groupMessages));
        QCOMPARE(seqsByChat.value(directIds.at(i / 2)), oneTo(directMessages));
    }

    // What was acknowledged is what the restarted server has, and nothing more.
    QList<parley::test::Account> accounts;
    for (const auto &client : clients)
        accounts.append(client->account());
    clients.clear();
    QVERIFY(server.restart({}));
    for (int pair = 0; pair < directIds.size(); ++pair) {
        auto reader = server.connectAs(accounts.at(pair * 2));
        QVERIFY(reader);
        QStringList chats = {directIds.at(pair)};
        if (pair == 0)
            chats.append(groupId);
        for (const QString &chatId : std::as_const(chats)) {
            const QJsonArray history = fullHistory(*reader, chatId);
            const auto &expected = acknowledged.value(chatId);
            QCOMPARE(history.size(), expected.size());
            QCOMPARE(seqsOf(history), oneTo(expected.size()));
            for (const auto &stored : history) {
                const QJsonObject message = stored.toObject();
                const QJsonObject acked = expected.value(message.value("seq"_L1).toInteger());
                QCOMPARE(message.value("id"_L1), acked.value("id"_L1));
                QCOMPARE(message.value("content"_L1), acked.value("content"_L1));
                QCOMPARE(message.value("clientId"_L1), acked.value("clientId"_L1));
            }
        }
    }
}

QTEST_GUILESS_MAIN(tst_GroupCommit)
#include "tst_groupcommit.moc"
