#include "clientconnection.h"

#include <QLoggingCategory>
#include <QWebSocket>

Q_LOGGING_CATEGORY(lcConnection, "parley.server.connection")

namespace parley::server {

ClientConnection::ClientConnection(QWebSocket *socket, quint64 serial, const Limits &limits,
                                   QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_serial(serial)
    , m_messages(limits.messageBurst, limits.messagesPerSecond)
    , m_typing(limits.typingPerSecond, limits.typingPerSecond)
    , m_maxQueuedBytes(limits.maxQueuedBytes)
{
    m_socket->setParent(this);
    m_lastHeard.start();
    m_clock.start();

    connect(m_socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
        heard();
        emit frameReceived(text.toUtf8());
    });
    // Binary frames carry the same JSON; decoding them checks their UTF-8 ourselves.
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, [this](const QByteArray &bytes) {
        heard();
        emit frameReceived(bytes);
    });
    connect(m_socket, &QWebSocket::pong, this, [this] { heard(); });
    connect(m_socket, &QWebSocket::disconnected, this, &ClientConnection::disconnected);
}

ClientConnection::~ClientConnection()
{
    // The socket's signals must not reach lambdas of a half-destroyed connection.
    m_socket->disconnect(this);
}

QHostAddress ClientConnection::peerAddress() const
{
    return m_socket->peerAddress();
}

QString ClientConnection::peerKey() const
{
    return m_socket->peerAddress().toString();
}

void ClientConnection::setIdentity(const QString &userId, const QString &sessionId)
{
    m_userId = userId;
    m_sessionId = sessionId;
}

void ClientConnection::sendFrame(const QByteArray &utf8Json)
{
    if (!m_closing)
        sendText(QString::fromUtf8(utf8Json));
}

void ClientConnection::sendText(const QString &json)
{
    if (m_closing)
        return;
    m_socket->sendTextMessage(json);
    // What the kernel did not take yet. Counted from the socket, not from bytesWritten: an
    // unbuffered socket reports only what it had to buffer.
    if (m_socket->bytesToWrite() <= m_maxQueuedBytes)
        return;
    // A client that does not read would make the server hold everything for it: drop it. A close
    // frame could not get past what is queued, so the connection is aborted.
    qCInfo(lcConnection) << "dropping connection" << m_serial << "that does not read: over"
                         << m_maxQueuedBytes << "bytes queued";
    m_closing = true;
    m_socket->abort();
}

void ClientConnection::close(QWebSocketProtocol::CloseCode code, const QString &reason)
{
    if (m_closing)
        return;
    m_closing = true;
    qCDebug(lcConnection) << "closing connection" << m_serial << code << reason;
    m_socket->close(code, reason);
}

bool ClientConnection::noteBadFrame(int maxPerMinute)
{
    const qint64 now = m_clock.elapsed();
    while (!m_badFrames.isEmpty() && now - m_badFrames.constFirst() > 60'000)
        m_badFrames.removeFirst();
    m_badFrames.push_back(now);
    if (m_badFrames.size() <= maxPerMinute)
        return false;
    qCInfo(lcConnection) << "closing connection" << m_serial << "after too many bad frames";
    close(QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("too many bad frames"));
    return true;
}

std::optional<qint64> ClientConnection::takeMessageAllowance()
{
    return m_messages.take(m_clock.elapsed());
}

bool ClientConnection::takeTypingAllowance()
{
    return !m_typing.take(m_clock.elapsed());
}

void ClientConnection::ping()
{
    if (!m_closing)
        m_socket->ping();
}

} // namespace parley::server
