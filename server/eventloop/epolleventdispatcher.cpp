// SPDX-License-Identifier: GPL-3.0-or-later
#include "epolleventdispatcher.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QThread>

#include <array>
#include <cerrno>
#include <chrono>
#include <climits>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcEventLoop, "parley.server.eventloop")

namespace parley::server {

namespace {

// Level triggered: what is not taken in one wait is reported again by the next.
constexpr int MaxEventsPerWait = 256;

// What each QSocketNotifier::Type (Read, Write, Exception) asks epoll for...
constexpr std::array<std::uint32_t, 3> Interest = {EPOLLIN, EPOLLOUT, EPOLLPRI};
// ...and what activates it: a hang-up or an error wakes every notifier, as under Qt's poll()
// dispatcher, so that the owner reads the EOF or the error.
constexpr std::array<std::uint32_t, 3> Activating = {
    EPOLLIN | EPOLLHUP | EPOLLERR, EPOLLOUT | EPOLLHUP | EPOLLERR, EPOLLPRI | EPOLLHUP | EPOLLERR};
// What poll() reports for a regular file, which epoll refuses to watch.
constexpr std::uint32_t AlwaysReady = EPOLLIN | EPOLLOUT;

const char *typeName(int type)
{
    static constexpr std::array<const char *, 3> names = {"Read", "Write", "Exception"};
    return names.at(type);
}

} // namespace

EpollEventDispatcher::EpollEventDispatcher(QObject *parent)
    : QAbstractEventDispatcher(parent)
    , m_epollFd(epoll_create1(EPOLL_CLOEXEC))
    , m_wakeFd(eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK))
{
    if (m_epollFd < 0 || m_wakeFd < 0 || controlEpoll(EPOLL_CTL_ADD, m_wakeFd, EPOLLIN) != 0) {
        qCCritical(lcEventLoop).noquote()
            << "cannot create the epoll event dispatcher:" << qt_error_string(errno);
        if (m_wakeFd >= 0)
            ::close(m_wakeFd);
        m_wakeFd = -1;
    }
}

EpollEventDispatcher::~EpollEventDispatcher()
{
    if (m_wakeFd >= 0)
        ::close(m_wakeFd);
    if (m_epollFd >= 0)
        ::close(m_epollFd);
}

bool EpollEventDispatcher::processEvents(QEventLoop::ProcessEventsFlags flags)
{
    m_interrupted.store(false);
    emit awake();
    QCoreApplication::sendPostedEvents();

    const bool includeTimers = !flags.testFlag(QEventLoop::X11ExcludeTimers);
    const bool includeNotifiers = !flags.testFlag(QEventLoop::ExcludeSocketNotifiers);
    const bool canWait = flags.testFlag(QEventLoop::WaitForMoreEvents) && !m_interrupted.load();
    if (canWait)
        emit aboutToBlock();
    if (m_interrupted.load())
        return false;

    // Events posted from here on call wakeUp(), which ends the wait through the eventfd.
    const int timeoutMs = canWait ? waitTimeoutMs(includeTimers, includeNotifiers) : 0;
    int processed = includeNotifiers ? waitForSockets(timeoutMs) : waitForWakeUpOnly(timeoutMs);
    if (includeTimers)
        processed += m_timers.activateDue();
    return processed > 0;
}

int EpollEventDispatcher::waitTimeoutMs(bool includeTimers, bool includeNotifiers) const
{
    if (includeNotifiers && !m_unpollable.isEmpty())
        return 0;
    if (!includeTimers)
        return -1;
    const auto untilDue = m_timers.timeToNextDue();
    if (!untilDue)
        return -1;
    // Rounded up: waking before the deadline would only spin until it.
    const auto ms = std::chrono::ceil<std::chrono::milliseconds>(*untilDue).count();
    return int(std::min<qint64>(ms, INT_MAX));
}

int EpollEventDispatcher::waitForSockets(int timeoutMs)
{
    std::array<epoll_event, MaxEventsPerWait> events;
    int ready = epoll_wait(m_epollFd, events.data(), int(events.size()), timeoutMs);
    if (ready < 0) {
        // A signal (EINTR) only cuts this wait short: the event loop comes straight back.
        if (errno != EINTR)
            qCWarning(lcEventLoop).noquote() << "epoll_wait failed:" << qt_error_string(errno);
        ready = 0;
    }
    int processed = 0;
    PendingList pending;
    for (int i = 0; i < ready; ++i) {
        if (events[i].data.fd == m_wakeFd) {
            drainWakeUps();
            ++processed;
        } else {
            collect(events[i].data.fd, events[i].events, pending);
        }
    }
    for (const int fd : std::as_const(m_unpollable))
        collect(fd, AlwaysReady, pending);
    return processed + activate(pending);
}

int EpollEventDispatcher::waitForWakeUpOnly(int timeoutMs)
{
    pollfd wake{m_wakeFd, POLLIN, 0};
    if (::poll(&wake, 1, timeoutMs) <= 0 || !(wake.revents & POLLIN))
        return 0;
    drainWakeUps();
    return 1;
}

void EpollEventDispatcher::collect(int fd, std::uint32_t events, PendingList &pending) const
{
    const auto it = m_watched.constFind(fd);
    if (it == m_watched.cend())
        return;
    for (int type = 0; type < int(Activating.size()); ++type) {
        if (it->registrations.at(type) != 0 && (events & Activating.at(type)))
            pending.append({fd, type, it->registrations.at(type)});
    }
}

int EpollEventDispatcher::activate(const PendingList &pending)
{
    QEvent event(QEvent::SockAct);
    int activated = 0;
    for (const Pending &p : pending) {
        // An earlier activation in this batch may have disabled or deleted this notifier, or
        // even put a new one in its place.
        const auto it = m_watched.constFind(p.fd);
        if (it == m_watched.cend() || it->registrations.at(p.type) != p.registration)
            continue;
        QCoreApplication::sendEvent(it->notifiers.at(p.type), &event);
        ++activated;
    }
    return activated;
}

void EpollEventDispatcher::registerSocketNotifier(QSocketNotifier *notifier)
{
    const qintptr socket = notifier->socket();
    const int type = int(notifier->type());
    if (socket < 0 || socket > INT_MAX || type < 0 || type >= int(Interest.size())) {
        qCWarning(lcEventLoop, "QSocketNotifier: internal error");
        return;
    }
    if (notifier->thread() != thread() || thread() != QThread::currentThread()) {
        qCWarning(lcEventLoop,
                  "QSocketNotifier: socket notifiers cannot be enabled from another "
                  "thread");
        return;
    }
    const int fd = int(socket);
    Watched &watched = m_watched[fd];
    if (watched.notifiers.at(type) && watched.notifiers.at(type) != notifier) {
        qCWarning(lcEventLoop,
                  "QSocketNotifier: Multiple socket notifiers for same socket %d and "
                  "type %s",
                  fd, typeName(type));
    }
    watched.notifiers.at(type) = notifier;
    watched.registrations.at(type) = ++m_nextRegistration;
    updateEpoll(fd);
}

void EpollEventDispatcher::unregisterSocketNotifier(QSocketNotifier *notifier)
{
    const qintptr socket = notifier->socket();
    const int type = int(notifier->type());
    const auto it = m_watched.find(int(socket));
    if (socket < 0 || socket > INT_MAX || it == m_watched.end() || type >= int(Interest.size())
        || it->notifiers.at(type) != notifier) {
        return;
    }
    it->notifiers.at(type) = nullptr;
    it->registrations.at(type) = 0;
    updateEpoll(int(socket));
}

// One epoll entry per descriptor, asking for the union of its notifiers' conditions.
void EpollEventDispatcher::updateEpoll(int fd)
{
    const auto it = m_watched.find(fd);
    std::uint32_t interest = 0;
    for (int type = 0; type < int(Interest.size()); ++type) {
        if (it->notifiers.at(type))
            interest |= Interest.at(type);
    }
    if (interest == 0) {
        // A descriptor closed before its notifiers went away has left the epoll set by itself.
        if (it->inEpoll) {
            const int error = controlEpoll(EPOLL_CTL_DEL, fd, 0);
            if (error != 0 && error != EBADF && error != ENOENT)
                qCWarning(lcEventLoop).noquote()
                    << "cannot stop watching descriptor" << fd << ':' << qt_error_string(error);
        }
        m_unpollable.remove(fd);
        m_watched.erase(it);
        return;
    }
    if (it->unpollable)
        return;
    int error = controlEpoll(it->inEpoll ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, fd, interest);
    // The descriptor was closed while its notifiers lived (ENOENT), and its number may since
    // name another file that is in the set already (EEXIST).
    if (error == ENOENT)
        error = controlEpoll(EPOLL_CTL_ADD, fd, interest);
    else if (error == EEXIST)
        error = controlEpoll(EPOLL_CTL_MOD, fd, interest);
    it->inEpoll = error == 0;
    if (error == EPERM) {
        it->unpollable = true;
        m_unpollable.insert(fd);
    } else if (error != 0) {
        qCWarning(lcEventLoop).noquote()
            << "cannot watch descriptor" << fd << ':' << qt_error_string(error);
    }
}

int EpollEventDispatcher::controlEpoll(int operation, int fd, std::uint32_t events)
{
    epoll_event event{};
    event.events = events;
    event.data.fd = fd;
    return epoll_ctl(m_epollFd, operation, fd, &event) == 0 ? 0 : errno;
}

void EpollEventDispatcher::registerTimer(int timerId, qint64 interval, Qt::TimerType timerType,
                                         QObject *object)
{
    if (timerId < 1 || interval < 0 || !object) {
        qCWarning(lcEventLoop, "QAbstractEventDispatcher::registerTimer: invalid arguments");
        return;
    }
    m_timers.add(timerId, interval, timerType, object);
}

bool EpollEventDispatcher::unregisterTimer(int timerId)
{
    return m_timers.remove(timerId);
}

bool EpollEventDispatcher::unregisterTimers(QObject *object)
{
    return m_timers.removeAll(object);
}

QList<QAbstractEventDispatcher::TimerInfo>
EpollEventDispatcher::registeredTimers(QObject *object) const
{
    return m_timers.timersOf(object);
}

int EpollEventDispatcher::remainingTime(int timerId)
{
    return m_timers.remainingTimeMs(timerId);
}

void EpollEventDispatcher::wakeUp()
{
    // One write per wait is enough; the flag spares the syscall to every later poster.
    if (!m_wakeUpPending.exchange(true))
        eventfd_write(m_wakeFd, 1);
}

void EpollEventDispatcher::interrupt()
{
    m_interrupted.store(true);
    wakeUp();
}

void EpollEventDispatcher::drainWakeUps()
{
    // Read first, then clear the flag. The other way round, a wakeUp() between the two would set
    // the flag and write, and the read would swallow that write: the flag would stay set with
    // nothing to read, and every later wakeUp() would skip its write, so events posted from other
    // threads would wait for the next socket event or timer. A wakeUp() that finds the flag still
    // set here needs no write: its event is already queued and is sent before the next wait.
    eventfd_t count = 0;
    eventfd_read(m_wakeFd, &count);
    m_wakeUpPending.store(false);
}

} // namespace parley::server
