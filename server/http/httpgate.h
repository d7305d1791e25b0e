// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "requesthead.h"

#include <QObject>

#include <chrono>
#include <functional>

class QTcpSocket;
class QWebSocketServer;

namespace parley::server {

// The first look at every accepted connection, TLS already done: a request with an Upgrade
// header goes to the QWebSocketServer, which checks the Origin and completes or refuses the
// handshake; any other request is plain HTTP, answered by `answer` on the same port. A head that
// is not HTTP/1.x gets 400, one over 16 KiB 431, and the connection is closed.
class HttpGate : public QObject
{
    Q_OBJECT

public:
    using Answer = std::function<void(QTcpSocket *socket, const RequestHead &head)>;

    HttpGate(QWebSocketServer *webSockets, std::chrono::milliseconds timeout, Answer answer,
             QObject *parent = nullptr);

    void admit(QTcpSocket *socket);

    // Writes a whole response and closes the connection once it is sent.
    static void respond(QTcpSocket *socket, int status, const QByteArray &contentType,
                        const QByteArray &body, const QByteArray &extraHeaders = {});

private:
    void inspect(QTcpSocket *socket, QObject *watch);

    QWebSocketServer *m_webSockets;
    std::chrono::milliseconds m_timeout;
    Answer m_answer;
};

} // namespace parley::server
