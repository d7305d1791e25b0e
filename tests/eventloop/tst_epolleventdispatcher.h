// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "epolltestkit.h"

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
