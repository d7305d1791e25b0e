// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractEventDispatcher>
#include <QList>
#include <QMultiHash>

#include <chrono>
#include <map>
#include <optional>
#include <unordered_map>

namespace parley::server {

// The timers of one event dispatcher, ordered by deadline on the monotonic clock and found by id
// and by object in O(log n) or better: thousands of per-connection timers cost nothing until
// they are due. Follows Qt's rules: a timer is never re-entered while its own activation runs
// (a nested event loop in its slot), a zero-interval timer fires once per activation round, and
// very coarse timers keep whole seconds.
class TimerQueue
{
public:
    using Clock = std::chrono::steady_clock;
    using TimerInfo = QAbstractEventDispatcher::TimerInfo;

    void add(int id, qint64 intervalMs, Qt::TimerType type, QObject *object);
    bool remove(int id);
    bool removeAll(QObject *object);
    QList<TimerInfo> timersOf(QObject *object) const;
    int remainingTimeMs(int id) const; // -1 for an unknown id
    bool isEmpty() const { return m_timers.empty(); }

    // How long until the first timer that is not running is due (zero when overdue); none when
    // every timer is running or there is none.
    std::optional<Clock::duration> timeToNextDue() const;
    // Sends a QTimerEvent for each timer due now; returns how many with a non-zero interval fired.
    int activateDue();

private:
    struct Key
    {
        Clock::time_point deadline;
        quint64 sequence = 0; // equal deadlines fire in the order they were scheduled
        bool operator<(const Key &other) const
        {
            return deadline < other.deadline
                || (deadline == other.deadline && sequence < other.sequence);
        }
    };
    struct Timer
    {
        QObject *object = nullptr;
        qint64 intervalMs = 0;
        Qt::TimerType type = Qt::CoarseTimer;
        bool wholeSeconds = false;
        quint64 serial = 0; // tells a re-registered id from the timer that had it before
        bool running = false;
        Key key;
    };

    void schedule(int id, Timer &timer, Clock::time_point deadline);
    static Clock::time_point firstDeadline(const Timer &timer, Clock::time_point now);
    static Clock::time_point nextDeadline(const Timer &timer, Clock::time_point now);
    void fire(int id, quint64 serial);

    std::unordered_map<int, Timer> m_timers; // references stay valid while others come and go
    std::map<Key, int> m_queue; // deadline -> timer id
    QMultiHash<QObject *, int> m_idsByObject;
    quint64 m_nextSequence = 0;
    quint64 m_nextSerial = 0;
};

} // namespace parley::server
