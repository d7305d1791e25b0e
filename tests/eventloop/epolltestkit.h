// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Helpers shared by the files of tst_epolleventdispatcher.
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

namespace epolltest {

using namespace Qt::StringLiterals;
using parley::server::EpollEventDispatcher;

constexpr int SafetyMs = 30'000; // a wait that ends here has failed; no test gets near it
constexpr int QuietMs = 100; // how long "nothing more happened" is watched for

inline EpollEventDispatcher *epoll()
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
inline bool runWithSafety(QEventLoop &loop)
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
inline void settle()
{
    for (int i = 0; i < 3; ++i)
        epoll()->processEvents(QEventLoop::AllEvents);
}

} // namespace epolltest
