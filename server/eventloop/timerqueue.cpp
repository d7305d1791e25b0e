// SPDX-License-Identifier: GPL-3.0-or-later
#include "timerqueue.h"

#include <QCoreApplication>
#include <QTimerEvent>
#include <QVarLengthArray>

#include <algorithm>
#include <climits>

namespace parley::server {

namespace {

using namespace std::chrono;

// Qt moves coarse timers of 20 s and more to whole seconds, as it does very coarse ones.
constexpr qint64 CoarseToSecondsMs = 20'000;

} // namespace

void TimerQueue::add(int id, qint64 intervalMs, Qt::TimerType type, QObject *object)
{
    remove(id); // an id is unique among live timers; never keep two entries for one
    Timer timer;
    timer.object = object;
    timer.type = type;
    timer.wholeSeconds =
        type == Qt::VeryCoarseTimer || (type == Qt::CoarseTimer && intervalMs >= CoarseToSecondsMs);
    // Very coarse intervals are rounded to the nearest second, as Qt does.
    timer.intervalMs = timer.wholeSeconds ? (std::max<qint64>(intervalMs, 0) + 500) / 1000 * 1000
                                          : std::max<qint64>(intervalMs, 0);
    timer.serial = ++m_nextSerial;
    Timer &stored = m_timers.emplace(id, timer).first->second;
    m_idsByObject.insert(object, id);
    schedule(id, stored, firstDeadline(stored, Clock::now()));
}

bool TimerQueue::remove(int id)
{
    const auto it = m_timers.find(id);
    if (it == m_timers.end())
        return false;
    m_queue.erase(it->second.key);
    m_idsByObject.remove(it->second.object, id);
    m_timers.erase(it);
    return true;
}

bool TimerQueue::removeAll(QObject *object)
{
    const QList<int> ids = m_idsByObject.values(object);
    for (const int id : ids)
        remove(id);
    return !ids.isEmpty();
}

QList<TimerQueue::TimerInfo> TimerQueue::timersOf(QObject *object) const
{
    QList<TimerInfo> infos;
    for (auto it = m_idsByObject.constFind(object);
         it != m_idsByObject.cend() && it.key() == object; ++it) {
        const Timer &timer = m_timers.at(it.value());
        infos.append(
            TimerInfo(it.value(), int(std::min<qint64>(timer.intervalMs, INT_MAX)), timer.type));
    }
    return infos;
}

int TimerQueue::remainingTimeMs(int id) const
{
    const auto it = m_timers.find(id);
    if (it == m_timers.end())
        return -1;
    const auto left = ceil<milliseconds>(it->second.key.deadline - Clock::now()).count();
    return int(std::clamp<qint64>(left, 0, INT_MAX));
}

std::optional<TimerQueue::Clock::duration> TimerQueue::timeToNextDue() const
{
    // Running timers (each one a frame of a nested event loop) are few, so skipping them is cheap.
    for (const auto &[key, id] : m_queue) {
        if (!m_timers.at(id).running)
            return std::max(key.deadline - Clock::now(), Clock::duration::zero());
    }
    return std::nullopt;
}

int TimerQueue::activateDue()
{
    if (m_queue.empty())
        return 0;
    const Clock::time_point now = Clock::now();
    // Only what is due now, in deadline order: a timer that an activation (re)starts, or that
    // is rescheduled here with a zero interval, waits for the next round.
    QVarLengthArray<std::pair<int, quint64>, 32> due;
    for (auto it = m_queue.cbegin(); it != m_queue.cend() && !(now < it->first.deadline); ++it)
        due.append({it->second, m_timers.at(it->second).serial});

    int activated = 0;
    for (const auto &[id, serial] : due) {
        const auto it = m_timers.find(id);
        // An earlier activation may have killed it, and its id may even belong to a new timer.
        if (it == m_timers.end() || it->second.serial != serial)
            continue;
        Timer &timer = it->second;
        schedule(id, timer, nextDeadline(timer, now));
        if (timer.running)
            continue; // its slot runs a nested event loop: never re-enter it
        if (timer.intervalMs > 0)
            ++activated; // as Qt counts: zero timers alone do not make an iteration "busy"
        fire(id, serial);
    }
    return activated;
}

void TimerQueue::schedule(int id, Timer &timer, Clock::time_point deadline)
{
    m_queue.erase(timer.key); // sequence 0 is never in the queue: a new timer erases nothing
    timer.key = Key{deadline, ++m_nextSequence};
    m_queue.emplace(timer.key, id);
}

void TimerQueue::fire(int id, quint64 serial)
{
    Timer &timer = m_timers.at(id);
    timer.running = true;
    QTimerEvent event(id);
    QCoreApplication::sendEvent(timer.object, &event);
    // The slot may have killed the timer, deleted its object, or restarted it under this id.
    const auto it = m_timers.find(id);
    if (it != m_timers.end() && it->second.serial == serial)
        it->second.running = false;
}

TimerQueue::Clock::time_point TimerQueue::firstDeadline(const Timer &timer, Clock::time_point now)
{
    if (!timer.wholeSeconds)
        return now + milliseconds(timer.intervalMs);
    // On the nearest whole second, as Qt's very coarse timers are.
    auto second = time_point_cast<seconds>(now);
    if (now - second > milliseconds(500))
        second += seconds(1);
    return second + milliseconds(timer.intervalMs);
}

TimerQueue::Clock::time_point TimerQueue::nextDeadline(const Timer &timer, Clock::time_point now)
{
    // Keep the timer's phase, unless it fell a whole interval behind: then start afresh from now
    // rather than firing in a burst to catch up.
    const Clock::time_point next = timer.key.deadline + milliseconds(timer.intervalMs);
    if (!(next < now))
        return next;
    return timer.wholeSeconds ? time_point_cast<seconds>(now) + milliseconds(timer.intervalMs)
                              : now + milliseconds(timer.intervalMs);
}

} // namespace parley::server
