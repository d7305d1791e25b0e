#pragma once

#include "transport.h"

#include <QWebSocket>

namespace parley::client {

// Transport over QWebSocket (ws:// and wss://).
class WebSocketTransport : public Transport
{
    Q_OBJECT

public:
    explicit WebSocketTransport(QObject *parent = nullptr);
    ~WebSocketTransport() override;

    void open(const QUrl &url) override;
    void close() override;
    void sendText(const QString &text) override;
    void ping() override;

private:
    void reportClosed(const QString &reason);

    QWebSocket m_socket;
    bool m_active = false; // between open() and closed()
    bool m_connected = false; // the current attempt got through the handshake
};

} // namespace parley::client
