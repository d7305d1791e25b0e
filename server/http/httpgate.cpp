// SPDX-License-Identifier: GPL-3.0-or-later
#include "httpgate.h"

#include <QTcpSocket>
#include <QTimer>
#include <QWebSocketServer>

namespace parley::server {

namespace {

// No client of ours sends a longer head; QWebSocketServer's own bound is larger.
constexpr qsizetype MaxHeadBytes = 16 * 1024;

QByteArray reason(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 431:
        return "Request Header Fields Too Large";
    case 503:
        return "Service Unavailable";
    default:
        return "Error";
    }
}

} // namespace

HttpGate::HttpGate(QWebSocketServer *webSockets, std::chrono::milliseconds timeout, Answer answer,
                   QObject *parent)
    : QObject(parent)
    , m_webSockets(webSockets)
    , m_timeout(timeout)
    , m_answer(std::move(answer))
{ }

void HttpGate::admit(QTcpSocket *socket)
{
    // A TLS peer may close between its handshake and this call: nothing is left to read, and
    // `disconnected` has already been emitted.
    if (!socket->isReadable()) {
        socket->deleteLater();
        return;
    }
    // Every connection made here goes when `watch` does, so handing the socket on drops them all.
    auto *watch = new QObject(socket);
    auto *timer = new QTimer(watch);
    timer->setSingleShot(true);
    timer->callOnTimeout(socket, [socket] { socket->abort(); });
    timer->start(m_timeout);
    connect(socket, &QTcpSocket::disconnected, watch, [socket] { socket->deleteLater(); });
    connect(socket, &QTcpSocket::readyRead, watch,
            [this, socket, watch] { inspect(socket, watch); });
    if (socket->bytesAvailable() > 0)
        inspect(socket, watch);
}

void HttpGate::inspect(QTcpSocket *socket, QObject *watch)
{
    // QSslSocket can still deliver readyRead after its peer's close (or the gate's abort) has
    // closed the device; peeking then only logs "device not open", at an attacker's will.
    // `disconnected` deletes the socket.
    if (!socket->isReadable())
        return;
    const QByteArray peeked = socket->peek(MaxHeadBytes);
    const qsizetype end = peeked.indexOf("\r\n\r\n");
    if (end < 0 && peeked.size() < MaxHeadBytes)
        return; // the head is not all here yet
    socket->disconnect(watch);
    watch->deleteLater();
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    // Only a whole, well-formed upgrade request goes on to QWebSocketServer, which then handles
    // it at once: anything else it would hold under no deadline of ours, and peek at after the
    // peer or its own timeout closed the socket (a warning a client could cause at will).
    if (end < 0) {
        respond(socket, 431, "text/plain; charset=utf-8", "request head too large\n");
        return;
    }
    const auto head = RequestHead::parse(peeked.left(end));
    if (!head) {
        respond(socket, 400, "text/plain; charset=utf-8", "not an HTTP/1.x request\n");
        return;
    }
    if (head->upgrade) {
        disconnect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        m_webSockets->handleConnection(socket);
        return;
    }
    socket->read(end + 4);
    m_answer(socket, *head);
}

void HttpGate::respond(QTcpSocket *socket, int status, const QByteArray &contentType,
                       const QByteArray &body, const QByteArray &extraHeaders)
{
    if (socket->state() != QAbstractSocket::ConnectedState)
        return;
    QByteArray response = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason(status) + "\r\n";
    response += "Content-Type: " + contentType + "\r\n";
    response += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    response += "Cache-Control: no-store\r\nConnection: close\r\n" + extraHeaders + "\r\n";
    response += body;
    socket->write(response);
    socket->disconnectFromHost();
}

} // namespace parley::server
