// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

class QWebSocketServer;

namespace parley::server {

// Logs (at debug level) connections to a wss:// listener that close before their TLS handshake
// completes: a plain ws:// client, a port scanner. QWebSocketServer drops those silently inside
// its QSslServer, so this watches the sockets that server makes. Lives as the listener's child.
class TlsHandshakeWatcher : public QObject
{
    Q_OBJECT

public:
    explicit TlsHandshakeWatcher(QWebSocketServer *listener);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
};

} // namespace parley::server
