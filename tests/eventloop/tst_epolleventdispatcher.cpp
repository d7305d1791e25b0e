// The epoll event dispatcher's contract with Qt, observed through Qt's own API as the server
// uses it: timers, posted events and queued calls from other threads, socket notifiers, nested
// event loops, interrupt(), and thousands of idle descriptors next to an active connection.
#include "eventloop/epolleventdispatcher.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QHostAddress>
#include <QPointer>
#include <QRegularExpression>
#include <QSemaphore>
#include <QSocketNotifier>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryFile>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <array>
#include <atomic>
#include <fcntl.h>
#include <functional>
#include <memory>
#include <optional>
#include <sys/resource.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace Qt::StringLiterals;
using parley::server::EpollEventDispatcher;

namespace {

constexpr int SafetyMs = 30'000; // a wait that ends here has failed; no test gets near it
constexpr int QuietMs = 100; // how long "nothing more happened" is watched for

EpollEventDispatcher *epoll()
{
    return qobject_cast<EpollEventDispatcher *>(QCoreApplication::eventDispatcher());
}

// Two connected non-blocking descriptors: a socket pair or a pipe, written at one end and read
// at the other.
class Channel
{
public:
    enum class Kind { SocketPair, Pipe };

    explicit Channel(Kind kind = Kind::SocketPair)
    {
        const int result = kind == Kind::SocketPair
            ? ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, m_fds)
            : ::pipe2(m_fds, O_NONBLOCK | O_CLOEXEC);
        if (result != 0)
            m_fds[0] = m_fds[1] = -1;
    }
    ~Channel()
    {
        closeReadEnd();
        closeWriteEnd();
    }
    Channel(const Channel &) = delete;
    Channel &operator=(const Channel &) = delete;

    bool isValid() const { return m_fds[0] >= 0 && m_fds[1] >= 0; }
    int readEnd() const { return m_fds[0]; }
    int writeEnd() const { return m_fds[1]; }

    bool send(QByteArrayView bytes) const
    {
        return ::write(m_fds[1], bytes.data(), size_t(bytes.size())) == bytes.size();
    }
    // What could be read now; std::nullopt at the end of the stream.
    std::optional<QByteArray> receive() const
    {
        char buffer[4096];
        const ssize_t got = ::read(m_fds[0], buffer, sizeof buffer);
        if (got == 0)
            return std::nullopt;
        return got > 0 ? QByteArray(buffer, got) : QByteArray();
    }
    // Gives the read end this (free) descriptor number instead of its own.
    bool moveReadEndTo(int number)
    {
        if (m_fds[0] == number)
            return true;
        if (m_fds[1] == number) { // the write end took it: move that out of the way first
            const int elsewhere = ::fcntl(m_fds[1], F_DUPFD_CLOEXEC, number + 1);
            if (elsewhere < 0)
                return false;
            closeEnd(1);
            m_fds[1] = elsewhere;
        }
        if (::dup3(m_fds[0], number, O_CLOEXEC) != number)
            return false;
        closeEnd(0);
        m_fds[0] = number;
        return true;
    }
    void closeReadEnd() { closeEnd(0); }
    void closeWriteEnd() { closeEnd(1); }

private:
    void closeEnd(int end)
    {
        if (m_fds[end] >= 0)
            ::close(m_fds[end]);
        m_fds[end] = -1;
    }

    int m_fds[2] = {-1, -1};
};

// Calls a function for each QTimerEvent, for tests that use QObject::startTimer directly.
class TimerTarget : public QObject
{
public:
    std::function<void(int timerId)> onTimer;

protected:
    void timerEvent(QTimerEvent *event) override
    {
        if (onTimer)
            onTimer(event->timerId());
    }
};

// Calls a function for each custom event posted to it.
class EventTarget : public QObject
{
public:
    std::function<void()> onCustomEvent;

protected:
    void customEvent(QEvent *) override
    {
        if (onCustomEvent)
            onCustomEvent();
    }
};

// Lets another thread act once the main thread's event loop is about to block.
class BlockWatch
{
public:
    BlockWatch()
    {
        m_connection = QObject::connect(epoll(), &QAbstractEventDispatcher::aboutToBlock,
                                        [this] { m_blocking.release(); });
    }
    ~BlockWatch() { QObject::disconnect(m_connection); }
    bool waitUntilBlocking() { return m_blocking.tryAcquire(1, SafetyMs); }

private:
    QSemaphore m_blocking;
    QMetaObject::Connection m_connection;
};

// Runs the loop until it quits or SafetyMs pass; returns whether it quit by itself.
bool runWithSafety(QEventLoop &loop)
{
    bool timedOut = false;
    QTimer safety;
    safety.setSingleShot(true);
    QObject::connect(&safety, &QTimer::timeout, &loop, [&] {
        timedOut = true;
        loop.quit();
    });
    safety.start(SafetyMs);
    loop.exec();
    return !timedOut;
}

// Runs the dispatcher until nothing is pending, so that a test starts from a quiet state.
void settle()
{
    for (int i = 0; i < 3; ++i)
        epoll()->processEvents(QEventLoop::AllEvents);
}

} // namespace

// Emitted from another thread, its signal reaches this thread's objects as a queued call.
class Signaller : public QObject
{
    Q_OBJECT

signals:
    void fired();
};

class tst_EpollEventDispatcher : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void installedBeforeTheApplication();

    void singleShotTimersFireInDeadlineOrder_data();
    void singleShotTimersFireInDeadlineOrder();
    void repeatingTimerNeverFiresEarly_data();
    void repeatingTimerNeverFiresEarly();
    void zeroTimerFiresOncePerIteration();
    void remainingTimeCountsDown_data();
    void remainingTimeCountsDown();
    void registeredTimersListsAnObjectsTimers();
    void timersMoveWithTheirObjectToAnotherThread();
    void killTimerInItsOwnSlot_data();
    void killTimerInItsOwnSlot();
    void timerKilledByAnEarlierOneInTheSameRoundStaysQuiet();
    void nestedLoopDoesNotReenterTheRunningTimer_data();
    void nestedLoopDoesNotReenterTheRunningTimer();
    void deleteLaterWaitsForTheLoopThatAskedForIt();

    void otherThreadWakesABlockedLoop_data();
    void otherThreadWakesABlockedLoop();
    void wakeUpsSurviveAStormOfPostsFromAnotherThread();
    void interruptEndsTheWait_data();
    void interruptEndsTheWait();
    void exitFromASlotEndsTheLoop_data();
    void exitFromASlotEndsTheLoop();
    void processEventsReportsWhetherItDidAnything();

    void readNotifierFiresUntilDrained_data();
    void readNotifierFiresUntilDrained();
    void writeNotifierFiresWhenWritable();
    void hangUpActivatesTheReadNotifier_data();
    void hangUpActivatesTheReadNotifier();
    void notifierStoppedByAnotherOnTheSameDescriptor_data();
    void notifierStoppedByAnotherOnTheSameDescriptor();
    void notifierOfAClosedDescriptorGoesQuietly();
    void regularFileIsAlwaysReady();
    void tcpEchoOverLoopback_data();
    void tcpEchoOverLoopback();
    void manyIdleSocketsAndOneActiveConnection();
};

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

void tst_EpollEventDispatcher::otherThreadWakesABlockedLoop_data()
{
    QTest::addColumn<QString>("how");
    QTest::newRow("QCoreApplication::postEvent") << u"postEvent"_s;
    QTest::newRow("queued QMetaObject::invokeMethod") << u"invokeMethod"_s;
    QTest::newRow("queued signal") << u"signal"_s;
}

void tst_EpollEventDispatcher::otherThreadWakesABlockedLoop()
{
    QFETCH(QString, how);
    settle();
    QEventLoop loop;
    EventTarget target;
    bool customEventArrived = false;
    target.onCustomEvent = [&] {
        customEventArrived = true;
        loop.quit();
    };
    Signaller signaller; // lives in this thread: its signal, emitted elsewhere, is queued
    connect(&signaller, &Signaller::fired, &loop, &QEventLoop::quit);

    BlockWatch watch;
    std::thread helper([&] {
        if (!watch.waitUntilBlocking())
            return;
        if (how == u"postEvent")
            QCoreApplication::postEvent(&target, new QEvent(QEvent::User));
        else if (how == u"invokeMethod")
            QMetaObject::invokeMethod(&loop, &QEventLoop::quit, Qt::QueuedConnection);
        else
            emit signaller.fired();
    });
    const bool woken = runWithSafety(loop);
    helper.join();
    QVERIFY(woken);
    QCOMPARE(customEventArrived, how == u"postEvent");
}

void tst_EpollEventDispatcher::wakeUpsSurviveAStormOfPostsFromAnotherThread()
{
    // Posts racing with the loop draining its wake-ups once left the wake-up flag set with nothing
    // to read, and from then on no post from another thread woke a blocked loop. After a storm
    // of such races, a last post must still wake the loop that waits with nothing else to do.
    settle();
    constexpr int Posts = 100'000;
    std::atomic<int> received = 0;
    EventTarget target;
    QEventLoop storm;
    target.onCustomEvent = [&] {
        if (++received == Posts)
            storm.quit();
    };
    std::thread poster([&] {
        for (int i = 0; i < Posts; ++i) {
            QCoreApplication::postEvent(&target, new QEvent(QEvent::User));
            if (i % 64 == 0)
                std::this_thread::yield(); // let the loop drain between bursts
        }
    });
    const bool stormEnded = runWithSafety(storm);
    poster.join();
    QVERIFY(stormEnded);
    QCOMPARE(received.load(), Posts);

    for (int round = 0; round < 20; ++round) {
        QEventLoop loop;
        target.onCustomEvent = [&] { loop.quit(); };
        BlockWatch watch;
        std::thread last([&] {
            if (watch.waitUntilBlocking())
                QCoreApplication::postEvent(&target, new QEvent(QEvent::User));
        });
        const bool woken = runWithSafety(loop);
        last.join();
        QVERIFY2(woken, qPrintable(QStringLiteral("round %1").arg(round)));
    }
}

void tst_EpollEventDispatcher::interruptEndsTheWait_data()
{
    QTest::addColumn<bool>("fromAnotherThread");
    QTest::newRow("before the wait") << false;
    QTest::newRow("from another thread during the wait") << true;
}

void tst_EpollEventDispatcher::interruptEndsTheWait()
{
    QFETCH(bool, fromAnotherThread);
    settle();
    QTimer safety;
    safety.setSingleShot(true);
    bool safetyFired = false;
    connect(&safety, &QTimer::timeout, this, [&] { safetyFired = true; });
    safety.start(SafetyMs);

    BlockWatch watch;
    std::thread helper;
    if (fromAnotherThread) {
        helper = std::thread([&] {
            if (watch.waitUntilBlocking())
                epoll()->interrupt();
        });
    } else {
        epoll()->interrupt();
    }
    epoll()->processEvents(QEventLoop::WaitForMoreEvents);
    if (helper.joinable())
        helper.join();
    QVERIFY(!safetyFired);
    QVERIFY(safety.isActive());
}

void tst_EpollEventDispatcher::exitFromASlotEndsTheLoop_data()
{
    QTest::addColumn<QString>("slot");
    QTest::newRow("timer") << u"timer"_s;
    QTest::newRow("queued call") << u"queued"_s;
    QTest::newRow("socket notifier") << u"notifier"_s;
}

void tst_EpollEventDispatcher::exitFromASlotEndsTheLoop()
{
    QFETCH(QString, slot);
    QEventLoop loop;
    QTimer safety;
    safety.setSingleShot(true);
    connect(&safety, &QTimer::timeout, &loop, [&] { loop.exit(-1); });
    safety.start(SafetyMs);
    const auto exit = [&loop] { loop.exit(42); };
    Channel channel;
    QVERIFY(channel.isValid());
    QSocketNotifier notifier(channel.readEnd(), QSocketNotifier::Read);
    if (slot == u"timer") {
        QTimer::singleShot(5, &loop, exit);
    } else if (slot == u"queued") {
        QMetaObject::invokeMethod(&loop, exit, Qt::QueuedConnection);
    } else {
        connect(&notifier, &QSocketNotifier::activated, &loop, exit);
        QVERIFY(channel.send("x"));
    }
    QCOMPARE(loop.exec(), 42);
}

void tst_EpollEventDispatcher::processEventsReportsWhetherItDidAnything()
{
    settle();
    QVERIFY(!epoll()->processEvents(QEventLoop::AllEvents));
    Channel channel;
    QVERIFY(channel.isValid());
    QSocketNotifier notifier(channel.readEnd(), QSocketNotifier::Read);
    QVERIFY(!epoll()->processEvents(QEventLoop::AllEvents));
    QVERIFY(channel.send("x"));
    QVERIFY(epoll()->processEvents(QEventLoop::AllEvents));
    // Excluded socket notifiers are not activated, however ready their descriptor is.
    int activations = 0;
    connect(&notifier, &QSocketNotifier::activated, this, [&] { ++activations; });
    QVERIFY(!epoll()->processEvents(QEventLoop::ExcludeSocketNotifiers));
    QCOMPARE(activations, 0);
    QVERIFY(epoll()->processEvents(QEventLoop::AllEvents));
    QCOMPARE(activations, 1);
}

void tst_EpollEventDispatcher::readNotifierFiresUntilDrained_data()
{
    QTest::addColumn<Channel::Kind>("kind");
    QTest::newRow("socket pair") << Channel::Kind::SocketPair;
    QTest::newRow("pipe") << Channel::Kind::Pipe;
}

void tst_EpollEventDispatcher::readNotifierFiresUntilDrained()
{
    QFETCH(Channel::Kind, kind);
    Channel channel(kind);
    QVERIFY(channel.isValid());
    QSocketNotifier notifier(channel.readEnd(), QSocketNotifier::Read);
    int activations = 0;
    QByteArray received;
    connect(&notifier, &QSocketNotifier::activated, this, [&](QSocketDescriptor socket) {
        QCOMPARE(int(socket), channel.readEnd());
        // Level triggered, like poll(): unread data keeps it firing.
        if (++activations == 3)
            received += channel.receive().value_or(QByteArray());
    });
    QTest::qWait(QuietMs);
    QCOMPARE(activations, 0); // nothing to read yet
    QVERIFY(channel.send("ping"));
    QTRY_COMPARE(received, "ping"_ba);
    QTest::qWait(QuietMs);
    QCOMPARE(activations, 3);
}

void tst_EpollEventDispatcher::writeNotifierFiresWhenWritable()
{
    Channel channel;
    QVERIFY(channel.isValid());
    QSocketNotifier notifier(channel.writeEnd(), QSocketNotifier::Write);
    int activations = 0;
    connect(&notifier, &QSocketNotifier::activated, this, [&] {
        ++activations;
        notifier.setEnabled(false);
    });
    QTRY_COMPARE(activations, 1);
    QTest::qWait(QuietMs);
    QCOMPARE(activations, 1);
    notifier.setEnabled(true);
    QTRY_COMPARE(activations, 2);
}

void tst_EpollEventDispatcher::hangUpActivatesTheReadNotifier_data()
{
    QTest::addColumn<Channel::Kind>("kind");
    QTest::newRow("socket pair") << Channel::Kind::SocketPair;
    // A pipe whose writer is gone reports only a hang-up, not readable data.
    QTest::newRow("pipe") << Channel::Kind::Pipe;
}

void tst_EpollEventDispatcher::hangUpActivatesTheReadNotifier()
{
    QFETCH(Channel::Kind, kind);
    Channel channel(kind);
    QVERIFY(channel.isValid());
    QSocketNotifier notifier(channel.readEnd(), QSocketNotifier::Read);
    bool sawEnd = false;
    connect(&notifier, &QSocketNotifier::activated, this, [&] {
        sawEnd = !channel.receive().has_value();
        notifier.setEnabled(false);
    });
    QTest::qWait(QuietMs);
    QVERIFY(!sawEnd);
    channel.closeWriteEnd();
    QTRY_VERIFY(sawEnd);
}

void tst_EpollEventDispatcher::notifierStoppedByAnotherOnTheSameDescriptor_data()
{
    QTest::addColumn<bool>("deleteIt");
    QTest::newRow("disabled") << false;
    QTest::newRow("deleted") << true;
}

void tst_EpollEventDispatcher::notifierStoppedByAnotherOnTheSameDescriptor()
{
    QFETCH(bool, deleteIt);
    // One descriptor both readable and writable: its two notifiers are due in the same batch,
    // and whichever runs first stops the other.
    Channel channel;
    QVERIFY(channel.isValid());
    QVERIFY(channel.send("x"));
    std::array<std::unique_ptr<QSocketNotifier>, 2> notifiers = {
        std::make_unique<QSocketNotifier>(channel.readEnd(), QSocketNotifier::Read),
        std::make_unique<QSocketNotifier>(channel.readEnd(), QSocketNotifier::Write)};
    std::array<int, 2> activations = {0, 0};
    for (std::size_t i = 0; i < notifiers.size(); ++i) {
        connect(notifiers.at(i).get(), &QSocketNotifier::activated, this, [&, i] {
            ++activations.at(i);
            std::unique_ptr<QSocketNotifier> &other = notifiers.at(1 - i);
            if (deleteIt)
                other.reset();
            else if (other)
                other->setEnabled(false);
            notifiers.at(i)->setEnabled(false);
        });
    }
    QTRY_VERIFY(activations.at(0) + activations.at(1) > 0);
    QTest::qWait(QuietMs);
    QCOMPARE(activations.at(0) + activations.at(1), 1);
}

void tst_EpollEventDispatcher::notifierOfAClosedDescriptorGoesQuietly()
{
    QTest::failOnWarning(QRegularExpression(u".*"_s));
    Channel closed;
    QVERIFY(closed.isValid());
    const int number = closed.readEnd();
    auto stale = std::make_unique<QSocketNotifier>(number, QSocketNotifier::Read);
    closed.closeReadEnd(); // before its notifier goes: the kernel drops the epoll entry itself
    QTest::qWait(QuietMs);

    // The number comes back for a new socket while the stale notifier still lives: a notifier
    // of another type on it must be watched afresh.
    Channel reused;
    QVERIFY(reused.isValid());
    QVERIFY(reused.moveReadEndTo(number));
    QSocketNotifier writable(number, QSocketNotifier::Write);
    int writeActivations = 0;
    connect(&writable, &QSocketNotifier::activated, this, [&] {
        ++writeActivations;
        writable.setEnabled(false);
    });
    QTRY_COMPARE(writeActivations, 1);
    stale.reset();

    QSocketNotifier readable(number, QSocketNotifier::Read);
    QByteArray received;
    connect(&readable, &QSocketNotifier::activated, this,
            [&] { received += reused.receive().value_or(QByteArray()); });
    QVERIFY(reused.send("after"));
    QTRY_COMPARE(received, "after"_ba);
}

void tst_EpollEventDispatcher::regularFileIsAlwaysReady()
{
    // epoll cannot watch a regular file; poll() calls one always ready, and so does this.
    QTemporaryFile file;
    QVERIFY(file.open());
    QSocketNotifier notifier(file.handle(), QSocketNotifier::Read);
    int activations = 0;
    connect(&notifier, &QSocketNotifier::activated, this, [&] {
        if (++activations == 2)
            notifier.setEnabled(false);
    });
    QTRY_COMPARE(activations, 2);
    QTest::qWait(QuietMs);
    QCOMPARE(activations, 2);
}

void tst_EpollEventDispatcher::tcpEchoOverLoopback_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::newRow("a line") << "hello, parley\n"_ba;
    // More than the socket buffers hold: the write notifiers take turns with the read ones.
    QByteArray large(4 * 1024 * 1024, '\0');
    for (qsizetype i = 0; i < large.size(); ++i)
        large[i] = char('a' + i % 26);
    QTest::newRow("4 MiB") << large;
}

void tst_EpollEventDispatcher::tcpEchoOverLoopback()
{
    QFETCH(QByteArray, payload);
    QTcpServer server;
    QVERIFY2(server.listen(QHostAddress::LocalHost, 0), qPrintable(server.errorString()));
    connect(&server, &QTcpServer::newConnection, this, [&server] {
        while (QTcpSocket *peer = server.nextPendingConnection())
            connect(peer, &QTcpSocket::readyRead, peer, [peer] { peer->write(peer->readAll()); });
    });
    QTcpSocket client;
    QByteArray echoed;
    connect(&client, &QTcpSocket::readyRead, this, [&] { echoed += client.readAll(); });
    client.connectToHost(QHostAddress::LocalHost, server.serverPort());
    QTRY_COMPARE(client.state(), QAbstractSocket::ConnectedState);
    client.write(payload);
    QTRY_COMPARE_WITH_TIMEOUT(echoed.size(), payload.size(), SafetyMs);
    QVERIFY(echoed == payload);
}

void tst_EpollEventDispatcher::manyIdleSocketsAndOneActiveConnection()
{
    constexpr int IdlePairs = 2'000;
    std::vector<std::unique_ptr<Channel>> channels;
    std::vector<std::unique_ptr<QSocketNotifier>> notifiers; // go first, before their descriptors
    int idleActivations = 0;
    int wokenIndex = -1;
    for (int i = 0; i < IdlePairs; ++i) {
        channels.push_back(std::make_unique<Channel>());
        QVERIFY2(channels.back()->isValid(), "out of descriptors");
        notifiers.push_back(
            std::make_unique<QSocketNotifier>(channels.back()->readEnd(), QSocketNotifier::Read));
        connect(notifiers.back().get(), &QSocketNotifier::activated, this, [&, i] {
            ++idleActivations;
            wokenIndex = i;
            channels.at(i)->receive();
        });
    }

    QTcpServer server;
    QVERIFY2(server.listen(QHostAddress::LocalHost, 0), qPrintable(server.errorString()));
    connect(&server, &QTcpServer::newConnection, this, [&server] {
        while (QTcpSocket *peer = server.nextPendingConnection())
            connect(peer, &QTcpSocket::readyRead, peer, [peer] { peer->write(peer->readAll()); });
    });
    // Round trips one after the other, each answer sending the next question: the loop blocks
    // in between, with every idle descriptor in the set.
    constexpr int RoundTrips = 200;
    const auto question = [](int i) -> QByteArray {
        return "round trip " + QByteArray::number(i) + '\n';
    };
    QTcpSocket client;
    QEventLoop loop;
    QByteArray echoed;
    int answered = 0;
    connect(&client, &QTcpSocket::connected, this, [&] { client.write(question(0)); });
    connect(&client, &QTcpSocket::readyRead, this, [&] {
        echoed += client.readAll();
        if (echoed != question(answered))
            return;
        echoed.clear();
        if (++answered == RoundTrips)
            loop.quit();
        else
            client.write(question(answered));
    });
    client.connectToHost(QHostAddress::LocalHost, server.serverPort());
    QVERIFY(runWithSafety(loop));
    QCOMPARE(answered, RoundTrips);
    QCOMPARE(idleActivations, 0);

    // Any one of them still wakes up when it has something to say.
    constexpr int Chosen = IdlePairs * 3 / 5;
    QVERIFY(channels.at(Chosen)->send("wake"));
    QTRY_COMPARE(wokenIndex, Chosen);
    QTest::qWait(QuietMs);
    QCOMPARE(idleActivations, 1);
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

#include "tst_epolleventdispatcher.moc"
