// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/ratelimiter.h"

#include <QTest>

#include <chrono>

using namespace parley::server;
using namespace std::chrono_literals;
using namespace Qt::StringLiterals;

namespace {
// How long a caller has to wait: 0 when the next event is allowed now (a limited answer is
// never below 1, so 0 is unambiguous).
qint64 waitMs(const RateLimiter &limiter, const QString &key, qint64 nowMs)
{
    return limiter.retryAfterMs(key, nowMs).value_or(0);
}
} // namespace

class TestRateLimiter : public QObject
{
    Q_OBJECT

private slots:
    void limitsAfterMaxEvents_data();
    void limitsAfterMaxEvents();
    void windowSlides();
    void keysAreIndependent();
    void resetForgetsAKey();
    void pruneDropsIdleKeys();
    void floodOnOneKey();
};

void TestRateLimiter::limitsAfterMaxEvents_data()
{
    QTest::addColumn<int>("maxEvents");
    QTest::addColumn<qint64>("windowMs");
    QTest::addColumn<QList<qint64>>("eventTimes");
    QTest::addColumn<qint64>("nowMs");
    QTest::addColumn<qint64>("expectedWait"); // 0: allowed now

    QTest::newRow("no events") << 3 << 1000LL << QList<qint64>{} << 0LL << 0LL;
    QTest::newRow("one below the limit") << 3 << 1000LL << QList<qint64>{0, 10} << 20LL << 0LL;
    QTest::newRow("at the limit") << 3 << 1000LL << QList<qint64>{0, 10, 20} << 20LL << 980LL;
    QTest::newRow("waits for the oldest, not the newest")
        << 3 << 1000LL << QList<qint64>{100, 500, 900} << 950LL << 150LL;
    QTest::newRow("past the limit the oldest counted decides")
        << 2 << 1000LL << QList<qint64>{0, 300, 600} << 700LL << 600LL;
    QTest::newRow("one ms before the oldest leaves")
        << 2 << 1000LL << QList<qint64>{0, 500} << 999LL << 1LL;
    QTest::newRow("the oldest has just left")
        << 2 << 1000LL << QList<qint64>{0, 500} << 1000LL << 0LL;
    QTest::newRow("all events long gone") << 2 << 1000LL << QList<qint64>{0, 1} << 50'000LL << 0LL;
    QTest::newRow("limit of one") << 1 << 60'000LL << QList<qint64>{5000} << 6000LL << 59'000LL;
}

void TestRateLimiter::limitsAfterMaxEvents()
{
    QFETCH(int, maxEvents);
    QFETCH(qint64, windowMs);
    QFETCH(QList<qint64>, eventTimes);
    QFETCH(qint64, nowMs);
    QFETCH(qint64, expectedWait);

    RateLimiter limiter(maxEvents, std::chrono::milliseconds(windowMs));
    for (qint64 t : eventTimes)
        limiter.record(u"alice@example.org"_s, t);

    QCOMPARE(waitMs(limiter, u"alice@example.org"_s, nowMs), expectedWait);
}

void TestRateLimiter::windowSlides()
{
    RateLimiter limiter(3, 1000ms);
    const QString key = u"10.0.0.7"_s;
    for (qint64 t : {0, 400, 800}) {
        QVERIFY(!limiter.retryAfterMs(key, t));
        limiter.record(key, t);
    }
    QCOMPARE(waitMs(limiter, key, 900), 100);

    // Waiting as told frees exactly one slot: the next event is allowed, the one after is not.
    QVERIFY(!limiter.retryAfterMs(key, 1000));
    limiter.record(key, 1000);
    QCOMPARE(waitMs(limiter, key, 1000), 400);
    QVERIFY(!limiter.retryAfterMs(key, 1400));
}

void TestRateLimiter::keysAreIndependent()
{
    RateLimiter limiter(2, 1000ms);
    limiter.record(u"a"_s, 0);
    limiter.record(u"a"_s, 1);
    QVERIFY(limiter.retryAfterMs(u"a"_s, 2));
    QVERIFY(!limiter.retryAfterMs(u"b"_s, 2));
    QVERIFY(!limiter.retryAfterMs(u"A"_s, 2)); // keys are compared exactly; callers normalize
    limiter.record(u"b"_s, 2);
    QVERIFY(!limiter.retryAfterMs(u"b"_s, 3));
}

void TestRateLimiter::resetForgetsAKey()
{
    RateLimiter limiter(1, 1000ms);
    limiter.record(u"a"_s, 0);
    limiter.record(u"b"_s, 0);
    limiter.reset(u"a"_s);
    QVERIFY(!limiter.retryAfterMs(u"a"_s, 1));
    QVERIFY(limiter.retryAfterMs(u"b"_s, 1));
    QCOMPARE(limiter.size(), 1);
}

void TestRateLimiter::pruneDropsIdleKeys()
{
    RateLimiter limiter(5, 1000ms);
    limiter.record(u"old"_s, 0);
    limiter.record(u"mixed"_s, 0);
    limiter.record(u"mixed"_s, 900);
    limiter.record(u"recent"_s, 1500);
    QCOMPARE(limiter.size(), 3);

    limiter.prune(1899);
    QCOMPARE(limiter.size(), 2); // "mixed" still has its event at 900 in the window

    limiter.prune(1900);
    QCOMPARE(limiter.size(), 1);
    limiter.prune(2500);
    QCOMPARE(limiter.size(), 0);
}

void TestRateLimiter::floodOnOneKey()
{
    // Thousands of events on one key: the limit still counts the latest ones, and once they are
    // old pruning forgets the key.
    RateLimiter limiter(3, 1000ms);
    for (qint64 t = 0; t < 10'000; ++t)
        limiter.record(u"flood"_s, t);
    QCOMPARE(waitMs(limiter, u"flood"_s, 9999), 998); // the 3rd newest event, at 9997
    QCOMPARE(limiter.size(), 1);
    limiter.prune(20'000);
    QCOMPARE(limiter.size(), 0);
}

QTEST_GUILESS_MAIN(TestRateLimiter)
#include "tst_ratelimiter.moc"
