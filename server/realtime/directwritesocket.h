// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QPointer>
#include <QTcpSocket>

namespace parley::server {

class WriteCoalescer;

// A QTcpSocket that holds no write buffer while it is idle.
//
// QTcpSocket copies every write into a 32 KiB chunk it allocates on the first write and keeps
// for the socket's life; across 20,000 mostly idle connections the kept chunks were the largest
// part of the server's memory. Here a write goes into a small pending buffer, and the
// WriteCoalescer sends it to the kernel once the event loop's current round of work is done, in
// one send for everything the socket got in that round, and frees it. What the kernel does not
// take is queued by QTcpSocket as before, so ordering, back-pressure and error reporting stay
// Qt's. Closing sends what is pending first; abort() drops it (Qt empties its write buffers
// before it calls close(), so nothing may be written then).
class DirectWriteSocket : public QTcpSocket
{
    Q_OBJECT

public:
    explicit DirectWriteSocket(WriteCoalescer *coalescer, QObject *parent = nullptr);
    ~DirectWriteSocket() override;

    qint64 bytesToWrite() const override;
    void disconnectFromHost() override;
    void close() override;

    // Sends what is pending; called by the coalescer.
    void flushPending();

protected:
    qint64 writeData(const char *data, qint64 size) override;

private:
    QPointer<WriteCoalescer> m_coalescer;
    QByteArray m_pending;
};

} // namespace parley::server
