// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QPair>

class QSslSocket;
class QWebSocket;

namespace parley::server {

// Finds the TLS socket under a QWebSocket that QWebSocketServer made from it. QWebSocket keeps
// its socket to itself, yet only the TLS socket tells how much it has encrypted and not sent,
// which is what a slow reader's queue is measured by. A connection is known by its peer's
// address and port until its handshake completes or it goes away.
class TlsSocketIndex : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    void remember(QSslSocket *socket);
    // The TLS socket of this WebSocket, forgotten here; null when it was never remembered.
    QSslSocket *take(const QWebSocket *webSocket);
    qsizetype size() const { return m_sockets.size(); }

private:
    using Peer = QPair<QHostAddress, quint16>;
    struct Entry
    {
        QSslSocket *socket = nullptr; // alive: the entry leaves when the socket is destroyed
        QMetaObject::Connection forget;
    };
    QHash<Peer, Entry> m_sockets;
};

} // namespace parley::server
