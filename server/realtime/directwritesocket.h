#pragma once

#include <QTcpSocket>

namespace parley::server {

// A QTcpSocket that hands bytes to the kernel at once when nothing is queued before them.
// QTcpSocket copies every write into a 32 KiB chunk it allocates on the first write and keeps for
// the socket's life, then writes on the next event-loop pass (a write notifier on, a write, the
// notifier off again). Across 20,000 mostly idle connections the kept chunks were the largest
// single part of the server's memory, and for a busy connection the detour costs syscalls and a
// copy per frame. What the kernel does not take is queued by QTcpSocket as before, so ordering,
// back-pressure (bytesToWrite) and error reporting stay Qt's.
class DirectWriteSocket : public QTcpSocket
{
    Q_OBJECT

public:
    using QTcpSocket::QTcpSocket;

protected:
    qint64 writeData(const char *data, qint64 size) override;
};

} // namespace parley::server
