#include "websockettransport.h"

using namespace Qt::StringLiterals;

namespace parley::client {

WebSocketTransport::WebSocketTransport(QObject *parent)
    : Transport(parent)
{
    connect(&m_socket, &QWebSocket::connected, this, [this] {
        if (m_active)
            emit opened();
    });
    connect(&m_socket, &QWebSocket::disconnected, this, [this] {
        const QString reason =
            m_socket.closeReason().isEmpty() ? m_socket.errorString() : m_socket.closeReason();
        reportClosed(reason.isEmpty() ? u"connection closed"_s : reason);
    });
    // Qt 6.4 names this signal error(); errorOccurred() came in 6.5.
    connect(&m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            [this](QAbstractSocket::SocketError) {
                // A failed connect reports the error, and only sometimes a disconnected() after it.
                if (m_socket.state() == QAbstractSocket::UnconnectedState)
                    reportClosed(m_socket.errorString());
            });
    connect(&m_socket, &QWebSocket::textMessageReceived, this, &Transport::textReceived);
    connect(&m_socket, &QWebSocket::pong, this, [this] { emit pong(); });
}

WebSocketTransport::~WebSocketTransport()
{
    m_active = false;
    m_socket.abort();
}

void WebSocketTransport::open(const QUrl &url)
{
    m_active = true;
    m_connected = false;
    m_socket.open(url);
}

void WebSocketTransport::close()
{
    if (!m_active)
        return;
    m_socket.abort();
    reportClosed(u"closed"_s);
}

void WebSocketTransport::sendText(const QString &text)
{
    m_socket.sendTextMessage(text);
}

void WebSocketTransport::ping()
{
    m_socket.ping();
}

void WebSocketTransport::reportClosed(const QString &reason)
{
    if (!m_active)
        return;
    m_active = false;
    emit closed(reason);
}

} // namespace parley::client
