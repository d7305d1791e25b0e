// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/passwordhasher.h"

#include <QFutureWatcher>
#include <QLoggingCategory>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace parley::server;
using namespace Qt::StringLiterals;

namespace {

// Generous: the machine running the tests may be busy; nothing here asserts on timing.
constexpr int HashTimeoutMs = 60'000;

template<typename T> bool waitFor(const QFuture<T> &future)
{
    return QTest::qWaitFor([&] { return future.isFinished(); }, HashTimeoutMs);
}

} // namespace

class TestPasswordHasher : public QObject
{
    Q_OBJECT

private slots:
    void verifiesOnlyTheRightPassword_data();
    void verifiesOnlyTheRightPassword();
    void hashIsArgon2idPhcWithOwaspParameters();
    void saltMakesEveryHashDifferent();
    void blockingAndAsyncAgree();
    void hashingLeavesTheEventLoopRunning();
    void garbageHashIsFalse_data();
    void garbageHashIsFalse();
    void dummyVerificationFails();
};

void TestPasswordHasher::verifiesOnlyTheRightPassword_data()
{
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("attempt");
    QTest::addColumn<bool>("matches");

    QTest::newRow("right password") << u"correct horse"_s << u"correct horse"_s << true;
    QTest::newRow("wrong password") << u"correct horse"_s << u"battery staple"_s << false;
    QTest::newRow("other case") << u"correct horse"_s << u"Correct horse"_s << false;
    QTest::newRow("trailing space") << u"correct horse"_s << u"correct horse "_s << false;
    QTest::newRow("empty attempt") << u"correct horse"_s << QString() << false;
    QTest::newRow("non-ASCII, right") << u"pässwörd 🔑 пароль"_s << u"pässwörd 🔑 пароль"_s << true;
    QTest::newRow("non-ASCII, wrong") << u"pässwörd 🔑 пароль"_s << u"passwort 🔑 пароль"_s << false;
    QTest::newRow("1024 bytes, right") << QString(1024, u'p') << QString(1024, u'p') << true;
    QTest::newRow("1024 bytes, last differs")
        << QString(1024, u'p') << QString(1023, u'p') + u'q' << false;
}

void TestPasswordHasher::verifiesOnlyTheRightPassword()
{
    QFETCH(QString, password);
    QFETCH(QString, attempt);
    QFETCH(bool, matches);

    PasswordHasher hasher(2);
    const QFuture<QByteArray> hashed = hasher.hash(password);
    QVERIFY(waitFor(hashed));
    QVERIFY(!hashed.result().isEmpty());

    const QFuture<bool> verified = hasher.verify(attempt, hashed.result());
    QVERIFY(waitFor(verified));
    QCOMPARE(verified.result(), matches);
}

void TestPasswordHasher::hashIsArgon2idPhcWithOwaspParameters()
{
    const QByteArray hash = PasswordHasher::hashBlocking(u"correct horse"_s);
    QVERIFY2(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), hash.constData());

    // "$argon2id$v=19$params$salt$hash": a 16-byte salt and a 32-byte hash, unpadded base64.
    const QList<QByteArray> fields = hash.split('$');
    QCOMPARE(fields.size(), 6);
    QCOMPARE(QByteArray::fromBase64(fields[4]).size(), 16);
    QCOMPARE(QByteArray::fromBase64(fields[5]).size(), 32);
    QVERIFY(!hash.contains("correct horse"));
}

void TestPasswordHasher::saltMakesEveryHashDifferent()
{
    PasswordHasher hasher(2);
    const QFuture<QByteArray> first = hasher.hash(u"same password"_s);
    const QFuture<QByteArray> second = hasher.hash(u"same password"_s);
    QVERIFY(waitFor(first));
    QVERIFY(waitFor(second));
    QVERIFY(first.result() != second.result());
    QVERIFY(PasswordHasher::verifyBlocking(u"same password"_s, first.result()));
    QVERIFY(PasswordHasher::verifyBlocking(u"same password"_s, second.result()));
}

void TestPasswordHasher::blockingAndAsyncAgree()
{
    PasswordHasher hasher(1);
    const QByteArray blockingHash = PasswordHasher::hashBlocking(u"admin tool"_s);
    const QFuture<bool> verified = hasher.verify(u"admin tool"_s, blockingHash);
    QVERIFY(waitFor(verified));
    QVERIFY(verified.result());

    const QFuture<QByteArray> asyncHash = hasher.hash(u"server"_s);
    QVERIFY(waitFor(asyncHash));
    QVERIFY(PasswordHasher::verifyBlocking(u"server"_s, asyncHash.result()));
    QVERIFY(!PasswordHasher::verifyBlocking(u"admin tool"_s, asyncHash.result()));
}

void TestPasswordHasher::hashingLeavesTheEventLoopRunning()
{
    // One worker and several queued hashes: the last cannot be done when hash() returns unless
    // the caller itself waited for all of them.
    PasswordHasher hasher(1);
    QList<QFuture<QByteArray>> futures;
    for (int i = 0; i < 4; ++i)
        futures.append(hasher.hash(u"password %1"_s.arg(i)));
    const QFuture<QByteArray> last = futures.constLast();
    QVERIFY(!last.isFinished());

    int ticksWhileHashing = 0;
    QTimer timer;
    timer.setInterval(0);
    connect(&timer, &QTimer::timeout, this, [&] {
        if (!last.isFinished())
            ++ticksWhileHashing;
    });
    timer.start();

    QFutureWatcher<QByteArray> watcher;
    QSignalSpy finished(&watcher, &QFutureWatcher<QByteArray>::finished);
    watcher.setFuture(last);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, HashTimeoutMs);
    QVERIFY2(ticksWhileHashing > 0, "the event loop did not turn while hashing");

    for (int i = 0; i < futures.size(); ++i) {
        QVERIFY(waitFor(futures[i]));
        QVERIFY(PasswordHasher::verifyBlocking(u"password %1"_s.arg(i), futures[i].result()));
    }
}

void TestPasswordHasher::garbageHashIsFalse_data()
{
    const QByteArray real = PasswordHasher::hashBlocking(u"pw"_s);
    const QList<QByteArray> fields = real.split('$');

    QTest::addColumn<QByteArray>("hash");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("plain text") << QByteArray("pw");
    QTest::newRow("dollars only") << QByteArray("$$$$$");
    QTest::newRow("truncated") << real.left(real.size() / 2);
    QTest::newRow("bcrypt") << QByteArray(
        "$2y$10$abcdefghijklmnopqrstuuCy3EVqE9S7fCAKpByOMTbU5cF6K.KO");
    QTest::newRow("argon2i of this password")
        << QByteArray(real).replace("$argon2id$", "$argon2i$"); // same bytes, other family
    QTest::newRow("unknown version") << QByteArray(real).replace("$v=19$", "$v=16$");
    QTest::newRow("letters as memory") << QByteArray(real).replace("m=19456", "m=lots");
    QTest::newRow("zero parameters") << QByteArray(real).replace("m=19456,t=2,p=1", "m=0,t=0,p=0");
    QTest::newRow("bad base64 salt") << QByteArray(real).replace(fields[4], "!!!!");
    QTest::newRow("empty digest") << QByteArray(real).replace(fields[5], "");
}

void TestPasswordHasher::garbageHashIsFalse()
{
    QFETCH(QByteArray, hash);
    // Some rows make the hasher warn about a malformed stored hash, as it should; keep it quiet.
    QLoggingCategory::setFilterRules(u"parley.server.auth.hasher.warning=false"_s);
    const auto restoreLogging = qScopeGuard([] { QLoggingCategory::setFilterRules(QString()); });
    QVERIFY(!PasswordHasher::verifyBlocking(u"pw"_s, hash));

    PasswordHasher hasher(1);
    const QFuture<bool> verified = hasher.verify(u"pw"_s, hash);
    QVERIFY(waitFor(verified));
    QVERIFY(!verified.result());
}

void TestPasswordHasher::dummyVerificationFails()
{
    // Like real verifications, dummy ones queue up on the worker instead of answering at once.
    PasswordHasher hasher(1);
    QList<QFuture<bool>> futures;
    for (const QString &password : {QString(), u"password"_s, u"correct horse"_s, u"x"_s})
        futures.append(hasher.verifyDummy(password));
    QVERIFY(!futures.constLast().isFinished());
    for (const QFuture<bool> &verified : std::as_const(futures)) {
        QVERIFY(waitFor(verified));
        QVERIFY(!verified.result());
    }
}

QTEST_GUILESS_MAIN(TestPasswordHasher)
#include "tst_passwordhasher.moc"
