// SPDX-License-Identifier: GPL-3.0-or-later
#include "tlssocketindex.h"

#include <QSslSocket>
#include <QWebSocket>

namespace parley::server {

void TlsSocketIndex::remember(QSslSocket *socket)
{
    const Peer peer{socket->peerAddress(), socket->peerPort()};
    // A connection that never becomes a WebSocket (plain HTTP, a failed handshake) leaves when
    // its socket does.
    auto forget = connect(socket, &QObject::destroyed, this, [this, peer, socket] {
        const auto it = m_sockets.constFind(peer);
        if (it != m_sockets.constEnd() && it->socket == socket)
            m_sockets.erase(it);
    });
    Entry &entry = m_sockets[peer];
    disconnect(entry.forget);
    entry = Entry{socket, forget};
}

QSslSocket *TlsSocketIndex::take(const QWebSocket *webSocket)
{
    const auto it = m_sockets.find(Peer{webSocket->peerAddress(), webSocket->peerPort()});
    if (it == m_sockets.end())
        return nullptr;
    QSslSocket *socket = it->socket;
    disconnect(it->forget);
    m_sockets.erase(it);
    return socket;
}

} // namespace parley::server
