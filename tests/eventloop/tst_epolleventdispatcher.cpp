// SPDX-License-Identifier: GPL-3.0-or-later
// The epoll event dispatcher's contract with Qt, observed through Qt's own API as the server
// uses it: timers, posted events and queued calls from other threads, socket notifiers, nested
// event loops, interrupt(), and thousands of idle descriptors next to an active connection.
#include "tst_epolleventdispatcher.h"

using namespace epolltest;
using namespace Qt::StringLiterals;
using parley::server::EpollEventDispatcher;

void tst_EpollEventDispatcher::initTestCase()
{
    // Thousands of idle socket pairs need more descriptors than the usual soft limit of 1024.
    rlimit limit{};
    QCOMPARE(getrlimit(RLIMIT_NOFILE, &limit), 0);
    limit.rlim_cur = limit.rlim_max;
    QCOMPARE(setrlimit(RLIMIT_NOFILE, &limit), 0);
}

void tst_EpollEventDispatcher::installedBeforeTheApplication()
{
    QVERIFY(epoll());
    QVERIFY(epoll()->isValid());
    QCOMPARE(QThread::currentThread()->eventDispatcher(), epoll());
}

void tst_EpollEventDispatcher::singleShotTimersFireInDeadlineOrder_data()
{
    QTest::addColumn<Qt::TimerType>("type");
    QTest::newRow("precise") << Qt::PreciseTimer;
    QTest::newRow("coarse") << Qt::CoarseTimer;
}

void tst_EpollEventDispatcher::singleShotTimersFireInDeadlineOrder()
{
    QFETCH(Qt::TimerType, type);
    QObject context;
    QList<int> fired;
    for (const int ms : {90, 30, 0, 60})
        QTimer::singleShot(ms, type, &context, [&fired, ms] { fired.append(ms); });
    QTRY_COMPARE(fired, (QList<int>{0, 30, 60, 90}));
    QTest::qWait(QuietMs);
    QCOMPARE(fired.size(), 4); // single shots fire once
}

void tst_EpollEventDispatcher::repeatingTimerNeverFiresEarly_data()
{
    QTest::addColumn<int>("intervalMs");
    QTest::addColumn<Qt::TimerType>("type");
    QTest::newRow("20 ms precise") << 20 << Qt::PreciseTimer;
    QTest::newRow("30 ms coarse") << 30 << Qt::CoarseTimer;
}

void tst_EpollEventDispatcher::repeatingTimerNeverFiresEarly()
{
    QFETCH(int, intervalMs);
    QFETCH(Qt::TimerType, type);
    constexpr int Shots = 5;
    QTimer timer;
    timer.setTimerType(type);
    timer.setInterval(intervalMs);
    int shots = 0;
    qint64 elapsedNs = 0;
    QElapsedTimer clock;
    connect(&timer, &QTimer::timeout, this, [&] {
        if (++shots == Shots) {
            elapsedNs = clock.nsecsElapsed();
            timer.stop();
        }
    });
    clock.start();
    timer.start();
    QTRY_COMPARE(shots, Shots);
    // Only a lower bound: a timer may be late on a busy machine, never early.
    QVERIFY2(elapsedNs >= qint64(Shots) * intervalMs * 1'000'000,
             qPrintable(u"%1 shots in %2 ns"_s.arg(Shots).arg(elapsedNs)));
    QTest::qWait(QuietMs);
    QCOMPARE(shots, Shots); // stopped means stopped
}

void tst_EpollEventDispatcher::zeroTimerFiresOncePerIteration()
{
    settle();
    QTimer timer;
    timer.setInterval(0);
    int shots = 0;
    connect(&timer, &QTimer::timeout, this, [&] { ++shots; });
    timer.start();
    constexpr int Iterations = 10;
    for (int i = 0; i < Iterations; ++i)
        epoll()->processEvents(QEventLoop::AllEvents);
    QCOMPARE(shots, Iterations);
}

void tst_EpollEventDispatcher::remainingTimeCountsDown_data()
{
    QTest::addColumn<Qt::TimerType>("type");
    QTest::newRow("precise") << Qt::PreciseTimer;
    QTest::newRow("coarse") << Qt::CoarseTimer;
    QTest::newRow("very coarse") << Qt::VeryCoarseTimer;
}

void tst_EpollEventDispatcher::remainingTimeCountsDown()
{
    QFETCH(Qt::TimerType, type);
    QTimer timer;
    timer.setTimerType(type);
    QCOMPARE(timer.remainingTime(), -1);
    timer.start(60'000);
    const int first = timer.remainingTime();
    // Very coarse timers start on the nearest whole second: up to half a second either way.
    QVERIFY2(first > 55'000 && first <= 60'500, qPrintable(QString::number(first)));
    QTest::qWait(QuietMs);
    const int later = timer.remainingTime();
    QVERIFY2(later < first, qPrintable(u"%1 then %2"_s.arg(first).arg(later)));
    const int id = timer.timerId();
    timer.stop();
    QCOMPARE(epoll()->remainingTime(id), -1);
}

void tst_EpollEventDispatcher::registeredTimersListsAnObjectsTimers()
{
    TimerTarget target;
    TimerTarget other;
    const int precise = target.startTimer(1500, Qt::PreciseTimer);
    const int veryCoarse = target.startTimer(25'300, Qt::VeryCoarseTimer);
    const int others = other.startTimer(700);
    QVERIFY(precise > 0 && veryCoarse > 0 && others > 0);

    QList<QAbstractEventDispatcher::TimerInfo> timers = epoll()->registeredTimers(&target);
    std::sort(timers.begin(), timers.end(),
              [](const auto &a, const auto &b) { return a.interval < b.interval; });
    QCOMPARE(timers.size(), 2);
    QCOMPARE(timers.at(0).timerId, precise);
    QCOMPARE(timers.at(0).interval, 1500);
    QCOMPARE(timers.at(0).timerType, Qt::PreciseTimer);
    QCOMPARE(timers.at(1).timerId, veryCoarse);
    QCOMPARE(timers.at(1).interval, 25'000); // whole seconds, as Qt keeps very coarse timers
    QCOMPARE(timers.at(1).timerType, Qt::VeryCoarseTimer);

    target.killTimer(precise);
    QCOMPARE(epoll()->registeredTimers(&target).size(), 1);
    QVERIFY(epoll()->unregisterTimers(&target));
    QVERIFY(epoll()->registeredTimers(&target).isEmpty());
    QVERIFY(!epoll()->unregisterTimers(&target));
    QCOMPARE(epoll()->registeredTimers(&other).size(), 1);
    QVERIFY(epoll()->remainingTime(others) > 0);
}

void tst_EpollEventDispatcher::timersMoveWithTheirObjectToAnotherThread()
{
    QThread worker;
    worker.start();
    auto *timer = new QTimer;
    std::atomic<QThread *> firedIn{nullptr};
    connect(
        timer, &QTimer::timeout, timer, [&firedIn] { firedIn = QThread::currentThread(); },
        Qt::DirectConnection);
    timer->start(10);
    QCOMPARE(epoll()->registeredTimers(timer).size(), 1);
    timer->moveToThread(&worker);
    QVERIFY(epoll()->registeredTimers(timer).isEmpty()); // handed over, not left behind
    QTRY_COMPARE(firedIn.load(), &worker);
    QMetaObject::invokeMethod(
        timer, [timer] { delete timer; }, Qt::BlockingQueuedConnection);
    worker.quit();
    QVERIFY(worker.wait(SafetyMs));
}

void tst_EpollEventDispatcher::killTimerInItsOwnSlot_data()
{
    QTest::addColumn<bool>("throughQTimer");
    QTest::addColumn<int>("intervalMs");
    QTest::newRow("QTimer::stop, zero interval") << true << 0;
    QTest::newRow("QTimer::stop, 5 ms") << true << 5;
    QTest::newRow("QObject::killTimer, zero interval") << false << 0;
    QTest::newRow("QObject::killTimer, 5 ms") << false << 5;
}

void tst_EpollEventDispatcher::killTimerInItsOwnSlot()
{
    QFETCH(bool, throughQTimer);
    QFETCH(int, intervalMs);
    int shots = 0;
    QTimer timer;
    TimerTarget target;
    if (throughQTimer) {
        connect(&timer, &QTimer::timeout, this, [&] {
            ++shots;
            timer.stop();
        });
        timer.start(intervalMs);
    } else {
        target.onTimer = [&](int id) {
            ++shots;
            target.killTimer(id);
        };
        target.startTimer(intervalMs);
    }
    QTRY_COMPARE(shots, 1);
    QTest::qWait(QuietMs);
    QCOMPARE(shots, 1);
    QVERIFY(epoll()->registeredTimers(&timer).isEmpty());
    QVERIFY(epoll()->registeredTimers(&target).isEmpty());
}

void tst_EpollEventDispatcher::timerKilledByAnEarlierOneInTheSameRoundStaysQuiet()
{
    // Both are due in the same round; the first kills the second and starts a third, which
    // likely gets the second's id back: neither the killed timer nor its successor may fire.
    TimerTarget target;
    int firstId = 0;
    int secondId = 0;
    int successorId = 0;
    QList<int> fired;
    target.onTimer = [&](int id) {
        fired.append(id);
        if (id == firstId) {
            target.killTimer(firstId);
            target.killTimer(secondId);
            successorId = target.startTimer(60'000);
        }
    };
    firstId = target.startTimer(0);
    secondId = target.startTimer(0);
    QTRY_VERIFY(fired.contains(firstId));
    QTest::qWait(QuietMs);
    QCOMPARE(fired, QList<int>{firstId});
    QVERIFY(successorId > 0);
    QCOMPARE(epoll()->registeredTimers(&target).size(), 1);
}

void tst_EpollEventDispatcher::nestedLoopDoesNotReenterTheRunningTimer_data()
{
    QTest::addColumn<int>("intervalMs");
    QTest::newRow("zero interval") << 0;
    QTest::newRow("5 ms") << 5;
}

void tst_EpollEventDispatcher::nestedLoopDoesNotReenterTheRunningTimer()
{
    QFETCH(int, intervalMs);
    QTimer ticker; // keeps firing inside the nested loop: proof that the loop runs timers
    ticker.start(2);
    int ticks = 0;
    connect(&ticker, &QTimer::timeout, this, [&] { ++ticks; });

    QTimer outer;
    int activations = 0;
    int depth = 0;
    int maxDepth = 0;
    int ticksInNestedLoop = 0;
    bool nestedQuitByItself = false;
    connect(&outer, &QTimer::timeout, this, [&] {
        ++activations;
        maxDepth = std::max(maxDepth, ++depth);
        if (activations == 1) {
            QEventLoop nested;
            const int ticksBefore = ticks;
            connect(&ticker, &QTimer::timeout, &nested, [&] {
                if (ticks - ticksBefore >= 10)
                    nested.quit();
            });
            nestedQuitByItself = runWithSafety(nested);
            ticksInNestedLoop = ticks - ticksBefore;
        }
        if (activations == 3)
            outer.stop();
        --depth;
    });
    outer.start(intervalMs);
    QTRY_COMPARE(activations, 3);
    QVERIFY(nestedQuitByItself);
    QVERIFY(ticksInNestedLoop >= 10);
    QCOMPARE(maxDepth, 1);
}

void tst_EpollEventDispatcher::deleteLaterWaitsForTheLoopThatAskedForIt()
{
    QEventLoop outer;
    QPointer<QObject> outerVictim = new QObject;
    QPointer<QObject> nestedVictim = new QObject;
    bool outerVictimOutlivedNestedLoop = false;
    bool nestedVictimDiedInNestedLoop = false;
    connect(outerVictim.data(), &QObject::destroyed, &outer, &QEventLoop::quit);
    QTimer::singleShot(0, &outer, [&] {
        outerVictim->deleteLater(); // asked for in the outer loop: done back in the outer loop
        QEventLoop nested;
        connect(nestedVictim.data(), &QObject::destroyed, &nested, &QEventLoop::quit);
        QTimer::singleShot(0, &nested, [&] { nestedVictim->deleteLater(); });
        nestedVictimDiedInNestedLoop = runWithSafety(nested);
        outerVictimOutlivedNestedLoop = !outerVictim.isNull();
    });
    QVERIFY(runWithSafety(outer));
    QVERIFY(nestedVictimDiedInNestedLoop);
    QVERIFY(nestedVictim.isNull());
    QVERIFY(outerVictimOutlivedNestedLoop);
    QVERIFY(outerVictim.isNull());
}

int main(int argc, char *argv[])
{
    // Before the application object, as parley-server does; QTEST_GUILESS_MAIN would let the
    // application make Qt's own dispatcher first.
    QCoreApplication::setEventDispatcher(new EpollEventDispatcher);
    QCoreApplication app(argc, argv);
    tst_EpollEventDispatcher test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}
