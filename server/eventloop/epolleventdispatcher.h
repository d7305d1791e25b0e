// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "timerqueue.h"

#include <QAbstractEventDispatcher>
#include <QHash>
#include <QSet>
#include <QSocketNotifier>
#include <QVarLengthArray>

#include <array>
#include <atomic>
#include <cstdint>

namespace parley::server {

// A Qt event dispatcher on Linux epoll, so that an event loop iteration costs time in proportion
// to the sockets that are active, not to every socket the server holds: Qt's own dispatchers
// hand the whole set of socket notifiers to poll() or to GLib on every iteration. Level
// triggered like poll(), so notifiers behave exactly as under Qt's dispatchers.
// Install it before the QCoreApplication exists: QCoreApplication::setEventDispatcher().
// One caveat of epoll: a descriptor closed while its notifier is enabled is tolerated, but not
// when a duplicate (dup(), fork() without exec) keeps its file open, for the kernel then keeps
// reporting it. Qt's sockets disable their notifiers before they close.
class EpollEventDispatcher : public QAbstractEventDispatcher
{
    Q_OBJECT

public:
    explicit EpollEventDispatcher(QObject *parent = nullptr);
    ~EpollEventDispatcher() override;

    // False when the kernel refused the epoll or eventfd descriptor (e.g. out of descriptors).
    bool isValid() const { return m_epollFd >= 0 && m_wakeFd >= 0; }

    bool processEvents(QEventLoop::ProcessEventsFlags flags) override;

    void registerSocketNotifier(QSocketNotifier *notifier) override;
    void unregisterSocketNotifier(QSocketNotifier *notifier) override;

    void registerTimer(int timerId, qint64 interval, Qt::TimerType timerType,
                       QObject *object) override;
    bool unregisterTimer(int timerId) override;
    bool unregisterTimers(QObject *object) override;
    QList<TimerInfo> registeredTimers(QObject *object) const override;
    int remainingTime(int timerId) override;

    void wakeUp() override; // thread-safe
    void interrupt() override; // thread-safe

private:
    // The notifiers of one descriptor, one per QSocketNotifier::Type, and its epoll entry.
    struct Watched
    {
        std::array<QSocketNotifier *, 3> notifiers{};
        std::array<quint64, 3> registrations{}; // 0: none; tells a re-registration apart
        bool inEpoll = false;
        bool unpollable = false; // a regular file: always ready, as poll() reports it
    };
    struct Pending
    {
        int fd;
        int type;
        quint64 registration;
    };
    using PendingList = QVarLengthArray<Pending, 64>;

    int waitTimeoutMs(bool includeTimers, bool includeNotifiers) const;
    int waitForSockets(int timeoutMs);
    int waitForWakeUpOnly(int timeoutMs);
    void collect(int fd, std::uint32_t events, PendingList &pending) const;
    int activate(const PendingList &pending);
    void updateEpoll(int fd);
    int controlEpoll(int operation, int fd, std::uint32_t events);
    void drainWakeUps();

    int m_epollFd = -1;
    int m_wakeFd = -1; // an eventfd: wakeUp() from any thread ends the wait
    std::atomic<bool> m_wakeUpPending{false};
    std::atomic<bool> m_interrupted{false};
    QHash<int, Watched> m_watched;
    QSet<int> m_unpollable;
    quint64 m_nextRegistration = 0;
    TimerQueue m_timers;
};

} // namespace parley::server
