#include "directwritesocket.h"

#if defined(Q_OS_LINUX)
#include <cerrno>
#include <sys/socket.h>
#endif

namespace parley::server {

qint64 DirectWriteSocket::writeData(const char *data, qint64 size)
{
#if defined(Q_OS_LINUX)
    // Only when nothing is queued: bytes written now must not overtake bytes waiting.
    if (size > 0 && bytesToWrite() == 0 && state() == QAbstractSocket::ConnectedState) {
        const ssize_t sent =
            ::send(int(socketDescriptor()), data, size_t(size), MSG_NOSIGNAL | MSG_DONTWAIT);
        if (sent == size)
            return size;
        if (sent > 0) {
            // The kernel's buffer is full: the rest waits in Qt's queue for the next chance.
            const qint64 queued = QTcpSocket::writeData(data + sent, size - sent);
            return queued < 0 ? queued : sent + queued;
        }
        // EAGAIN, or an error: Qt queues the bytes and reports any error its own way.
    }
#endif
    return QTcpSocket::writeData(data, size);
}

} // namespace parley::server
