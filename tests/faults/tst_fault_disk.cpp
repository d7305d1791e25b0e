// SPDX-License-Identifier: GPL-3.0-or-later
// The real parley-server's data directory runs out of space while people chat: sends are
// answered `internal` and the log says why, nothing acknowledged is lost, and once there is
// space again sends work without a restart. The data directory is a small tmpfs in a mount
// namespace of this test's own (root, or a user namespace as `unshare -rm` makes).
//
// Full, not read-only: SQLite keeps its database and WAL open for writing, so the kernel refuses
// `mount -o remount,ro` (EBUSY), and a read-only bind mount does not stop writes through
// descriptors that are already open: neither would reach the server.
#include "chathistory.h"
#include "mountnamespace.h"
#include "protocolcheck.h"
#include "serverprocess.h"
#include "testclient.h"
#include "tmpfsmount.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonArray>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace parley::test;

namespace {

constexpr qint64 DiskBytes = qint64(16) * 1024 * 1024;
constexpr int SentBefore = 20;
constexpr int SentWhileFull = 5;
const QString Filler = u"filler"_s;

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

// "" when history holds exactly these messages, in this order, each with its clientId once.
QString historyProblem(const QJsonArray &history, const QList<Planned> &expected)
{
    if (QString gap = seqProblem(seqsOf(history)); !gap.isEmpty())
        return gap;
    if (history.size() != expected.size())
        return u"%1 messages stored, %2 expected"_s.arg(history.size()).arg(expected.size());
    for (qsizetype i = 0; i < expected.size(); ++i) {
        const QJsonObject message = history.at(i).toObject();
        if (message.value("clientId"_L1).toString() != expected.at(i).clientId
            || message.value("content"_L1).toString() != expected.at(i).content)
            return u"seq %1 holds %2, expected '%3'"_s.arg(i + 1).arg(
                QString::fromUtf8(describe(message)), expected.at(i).content);
    }
    return {};
}

} // namespace

class tst_FaultDisk : public QObject
{
    Q_OBJECT

public:
    explicit tst_FaultDisk(QString namespaceError)
        : m_namespaceError(std::move(namespaceError))
    { }

private slots:
    void initTestCase();
    void fullDiskAnswersInternalAndRecovers();

private:
    QString m_namespaceError;
};

void tst_FaultDisk::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(m_namespaceError.isEmpty(),
             qPrintable(u"this test mounts a small tmpfs as the server's data directory and "
                        "needs root or unprivileged user namespaces (as for `unshare -rm`): "_s
                        + m_namespaceError));
}

void tst_FaultDisk::fullDiskAnswersInternalAndRecovers()
{
    QTemporaryDir root;
    QVERIFY(root.isValid());
    const QString dataDir = root.filePath(u"data"_s);
    QVERIFY(QDir().mkpath(dataDir));
    TmpfsMount disk(dataDir, DiskBytes);
    QString error;
    QVERIFY2(disk.mount(&error), qPrintable(u"cannot make the test's small disk: "_s + error));

    ServerProcess server(dataDir);
    QVERIFY(server.start());
    const qint64 pid = server.pid();
    TestClient alice;
    TestClient bob;
    QVERIFY(alice.open(server.url()) && bob.open(server.url()));
    const Account aliceAccount = alice.registerUser(u"Alice"_s);
    QVERIFY(aliceAccount.isValid());
    QVERIFY(bob.registerUser(u"Bob"_s).isValid());
    const QString chatId = alice.directChat(bob.userId());
    QVERIFY(!chatId.isEmpty());

    QList<Planned> expected;
    for (int i = 0; i < SentBefore; ++i) {
        expected.append({uniqueClientId(), u"before #%1"_s.arg(i)});
        PARLEY_VERIFY_OK(alice.request(u"message.send"_s, sendRequest(chatId, expected.last())));
    }
    QCOMPARE(bob.takeEvents(u"message.new"_s).size(), SentBefore);

    const qint64 filled = disk.fill(Filler);
    qInfo("filled the data directory with %lld bytes; %lld bytes left", filled, disk.freeBytes());
    QVERIFY(filled > 0);
    QCOMPARE(disk.freeBytes(), 0);

    // No space: every send is refused as `internal`, with no internals in the answer, and
    // nobody is told about a message that was not stored.
    QList<Planned> refused;
    for (int i = 0; i < SentWhileFull; ++i) {
        refused.append({uniqueClientId(), u"while full #%1"_s.arg(i)});
        const QJsonObject response =
            alice.request(u"message.send"_s, sendRequest(chatId, refused.last()));
        PARLEY_VERIFY_ERROR(response, u"internal"_s);
        QVERIFY2(!errorMessage(response).contains(u"INSERT"_s, Qt::CaseInsensitive)
                     && !errorMessage(response).contains(u"sqlite"_s, Qt::CaseInsensitive),
                 describe(response).constData());
    }
    QVERIFY(bob.expectNoEvent(u"message.new"_s));
    // The operator learns why from the log.
    const QByteArray log = server.log();
    QVERIFY2(log.contains("parley.storage") && log.contains("disk is full"),
             log.right(3000).constData());
    for (const QByteArray &line : log.split('\n')) {
        if (line.contains("parley.storage"))
            qInfo("server log: %s", line.constData());
    }

    // Reading needs no space: everything acknowledged is there, nothing refused is.
    QString problem = historyProblem(fullHistory(bob, chatId), expected);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));

    // Space comes back: the same process takes sends again, the refused ones resent with their
    // clientId are stored once, and Bob hears of each.
    QVERIFY(QFile::remove(disk.path() + u'/' + Filler));
    for (const Planned &message : std::as_const(refused)) {
        PARLEY_VERIFY_OK(alice.request(u"message.send"_s, sendRequest(chatId, message)));
        expected.append(message);
    }
    expected.append({uniqueClientId(), u"after"_s});
    PARLEY_VERIFY_OK(alice.request(u"message.send"_s, sendRequest(chatId, expected.last())));
    for (qsizetype i = SentBefore; i < expected.size(); ++i)
        QVERIFY(bob.waitEvent(u"message.new"_s));
    QCOMPARE(server.pid(), pid);
    QVERIFY(server.isRunning());
    problem = historyProblem(fullHistory(bob, chatId), expected);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));

    // And the episode left the database sound: all of it survives kill -9.
    server.killHard();
    QVERIFY(server.start());
    TestClient reader;
    QVERIFY(reader.open(server.url()));
    PARLEY_VERIFY_OK(reader.login(aliceAccount.email, aliceAccount.password));
    problem = historyProblem(fullHistory(reader, chatId), expected);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

int main(int argc, char *argv[])
{
    // First thing: a user namespace can only be entered while this process has one thread.
    const QString namespaceError = parley::test::enterPrivateMountNamespace();
    QCoreApplication app(argc, argv);
    tst_FaultDisk test(namespaceError);
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_fault_disk.moc"
