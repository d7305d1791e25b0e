// SPDX-License-Identifier: GPL-3.0-or-later
#include "stalledreader.h"

#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QtEndian>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace parley::test {

namespace {

constexpr int TinyReceiveBuffer = 4096; // the kernel doubles it; no window scaling follows
constexpr int HandshakeTimeoutMs = 10'000;
constexpr qint64 MaxDrainBytes = qint64(1) << 30; // a server that never stops sending is a bug

QString systemError(const char *what)
{
    return u"%1: %2"_s.arg(QLatin1StringView(what), QString::fromLocal8Bit(std::strerror(errno)));
}

// A client's text frame: FIN, opcode 1, masked payload.
QByteArray maskedTextFrame(const QByteArray &payload)
{
    QByteArray frame;
    frame.append(char(0x81));
    const auto size = quint64(payload.size());
    if (size < 126) {
        frame.append(char(0x80 | size));
    } else {
        frame.append(char(0x80 | 126));
        frame.append(char(size >> 8)).append(char(size & 0xFF));
    }
    char mask[4];
    qToBigEndian(QRandomGenerator::global()->generate(), mask);
    frame.append(mask, 4);
    for (qsizetype i = 0; i < payload.size(); ++i)
        frame.append(char(payload.at(i) ^ mask[i % 4]));
    return frame;
}

} // namespace

StalledReader::~StalledReader()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

bool StalledReader::open(const QUrl &url, const QString &accessToken, QString *error)
{
    m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (m_fd < 0) {
        *error = systemError("socket");
        return false;
    }
    // Before connect, so the advertised window stays this small.
    const int size = TinyReceiveBuffer;
    if (::setsockopt(m_fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size) != 0) {
        *error = systemError("SO_RCVBUF");
        return false;
    }
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(quint16(url.port()));
    address.sin_addr.s_addr = htonl(QHostAddress(url.host()).toIPv4Address());
    if (::connect(m_fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0) {
        *error = systemError("connect");
        return false;
    }
    setReceiveTimeout(HandshakeTimeoutMs);
    const QByteArray host = url.host().toUtf8() + ':' + QByteArray::number(url.port());
    if (!sendAll("GET / HTTP/1.1\r\nHost: " + host
                 + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                   "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                   "Sec-WebSocket-Version: 13\r\n\r\n")) {
        *error = systemError("sending the handshake");
        return false;
    }
    // Byte by byte up to the blank line: nothing beyond the handshake is read, ever.
    QByteArray response;
    while (!response.endsWith("\r\n\r\n") && response.size() < 4096) {
        char byte = 0;
        if (::recv(m_fd, &byte, 1, 0) != 1) {
            *error = systemError("reading the handshake answer");
            return false;
        }
        response.append(byte);
    }
    if (!response.startsWith("HTTP/1.1 101")) {
        *error = u"handshake refused: %1"_s.arg(QString::fromUtf8(response.left(200)));
        return false;
    }
    const QJsonObject request{{"id"_L1, "auth"_L1},
                              {"op"_L1, "auth.token"_L1},
                              {"data"_L1, QJsonObject{{"accessToken"_L1, accessToken}}}};
    if (!sendAll(maskedTextFrame(QJsonDocument(request).toJson(QJsonDocument::Compact)))) {
        *error = systemError("sending auth.token");
        return false;
    }
    return true;
}

StalledReader::Drained StalledReader::drain(int quietMs)
{
    Drained result;
    setReceiveTimeout(quietMs);
    QByteArray buffer(qsizetype(64) * 1024, Qt::Uninitialized);
    while (result.bytes < MaxDrainBytes) {
        const ssize_t got = ::recv(m_fd, buffer.data(), size_t(buffer.size()), 0);
        if (got > 0) {
            result.bytes += got;
            continue;
        }
        if (got == 0) {
            result.closedByServer = true;
            result.how = u"end of stream"_s;
        } else if (errno == ECONNRESET) {
            result.closedByServer = true;
            result.how = u"reset by peer"_s;
        } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
            result.how = u"still open"_s;
        } else {
            result.how = systemError("recv");
        }
        return result;
    }
    result.how = u"still sending after %1 bytes"_s.arg(result.bytes);
    return result;
}

bool StalledReader::sendAll(const QByteArray &bytes)
{
    qsizetype sent = 0;
    while (sent < bytes.size()) {
        const ssize_t n =
            ::send(m_fd, bytes.constData() + sent, size_t(bytes.size() - sent), MSG_NOSIGNAL);
        if (n <= 0)
            return false;
        sent += n;
    }
    return true;
}

void StalledReader::setReceiveTimeout(int ms)
{
    timeval timeout{};
    timeout.tv_sec = ms / 1000;
    timeout.tv_usec = suseconds_t(ms % 1000) * 1000;
    ::setsockopt(m_fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
}

} // namespace parley::test
