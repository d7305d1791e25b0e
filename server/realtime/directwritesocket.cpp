// SPDX-License-Identifier: GPL-3.0-or-later
#include "directwritesocket.h"

#include "writecoalescer.h"

#if defined(Q_OS_LINUX)
#include <sys/socket.h>
#endif

namespace parley::server {

DirectWriteSocket::DirectWriteSocket(WriteCoalescer *coalescer, QObject *parent)
    : QTcpSocket(parent)
    , m_coalescer(coalescer)
{ }

DirectWriteSocket::~DirectWriteSocket()
{
    if (m_coalescer && !m_pending.isEmpty())
        m_coalescer->forget(this);
}

qint64 DirectWriteSocket::bytesToWrite() const
{
    return QTcpSocket::bytesToWrite() + m_pending.size();
}

void DirectWriteSocket::disconnectFromHost()
{
    // Qt closes at once when its own queue is empty: what is pending goes first.
    flushPending();
    QTcpSocket::disconnectFromHost();
}

void DirectWriteSocket::close()
{
    flushPending();
    QTcpSocket::close();
}

qint64 DirectWriteSocket::writeData(const char *data, qint64 size)
{
#if defined(Q_OS_LINUX)
    // Once Qt queues (the kernel's buffer was full), everything after goes behind it.
    if (m_coalescer && size > 0 && QTcpSocket::bytesToWrite() == 0
        && state() == QAbstractSocket::ConnectedState) {
        if (m_pending.isEmpty())
            m_coalescer->schedule(this);
        m_pending.append(data, size);
        return size;
    }
#endif
    return QTcpSocket::writeData(data, size);
}

void DirectWriteSocket::flushPending()
{
    if (m_pending.isEmpty())
        return;
    // Released, not kept: an idle socket holds no buffer.
    const QByteArray bytes = std::exchange(m_pending, {});
    if (m_coalescer)
        m_coalescer->forget(this);
    // abort() drops Qt's write buffers before it calls close(): nothing may be written then.
    if (writeChannelCount() == 0 || !isWritable())
        return;
    qint64 sent = 0;
#if defined(Q_OS_LINUX)
    if (state() == QAbstractSocket::ConnectedState) {
        const ssize_t n = ::send(int(socketDescriptor()), bytes.constData(), size_t(bytes.size()),
                                 MSG_NOSIGNAL | MSG_DONTWAIT);
        sent = n > 0 ? n : 0; // EAGAIN or an error: Qt queues the bytes and reports errors
    }
#endif
    // Not when the socket went down meanwhile (aborted as a slow reader, say): nothing to deliver.
    if (sent < bytes.size() && state() == QAbstractSocket::ConnectedState)
        QTcpSocket::writeData(bytes.constData() + sent, bytes.size() - sent);
}

} // namespace parley::server
