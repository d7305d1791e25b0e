// SPDX-License-Identifier: GPL-3.0-or-later
// tst_epolleventdispatcher: waking a blocked loop, interrupting and leaving it.
#include "tst_epolleventdispatcher.h"

using namespace epolltest;
using namespace Qt::StringLiterals;
using parley::server::EpollEventDispatcher;

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
