// SPDX-License-Identifier: GPL-3.0-or-later
#include "clientconnection.h"

#include <QLoggingCategory>
#include <QSslSocket>
#include <QTimerEvent>
#include <QWebSocket>

Q_LOGGING_CATEGORY(lcConnection, "parley.server.connection")

namespace parley::server {

namespace {

constexpr int StallCheckMs = 500;
// Behind for this many stall timeouts in a row, a client cannot keep up with its chats: it is
// dropped and catches up by cursor, which costs the server far less than its queue.
constexpr qint64 KeepUpFactor = 6;

} // namespace

ClientConnection::ClientConnection(QWebSocket *socket, QSslSocket *tls, quint64 serial,
                                   const Limits &limits, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_tls(tls)
    , m_peer(socket->peerAddress())
    , m_serial(serial)
    , m_messages(limits.messageBurst, limits.messagesPerSecond)
    , m_typing(limits.typingPerSecond, limits.typingPerSecond)
    , m_maxQueuedBytes(limits.maxQueuedBytes)
    , m_stallTimeoutMs(limits.stallTimeoutMs)
{
    m_socket->setParent(this);
    m_lastHeard.start();
    m_clock.start();

    connect(m_socket, &QWebSocket::textMessageReceived, this,
            [this](const QString &text) { receive(text.toUtf8()); });
    // Binary frames carry the same JSON; decoding them checks their UTF-8 ourselves.
    connect(m_socket, &QWebSocket::binaryMessageReceived, this,
            [this](const QByteArray &bytes) { receive(bytes); });
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
    return m_peer;
}

QString ClientConnection::peerKey() const
{
    return m_peer.toString();
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
    watchBacklog();
}

qint64 ClientConnection::queuedBytes() const
{
    // QSslSocket's bytesToWrite() is only what it has not encrypted yet; what it encrypted waits
    // in a socket of its own. A plain socket counts everything (DirectWriteSocket included).
    if (m_tls)
        return m_tls->bytesToWrite() + m_tls->encryptedBytesToWrite();
    return m_socket->bytesToWrite();
}

void ClientConnection::watchBacklog()
{
    if (m_reviewPosted || queuedBytes() <= m_maxQueuedBytes)
        return;
    // Judged once this round's writes went to the kernel: a burst queued in one round of the
    // event loop is not a client that stopped reading.
    m_reviewPosted = true;
    QMetaObject::invokeMethod(this, &ClientConnection::reviewBacklog, Qt::QueuedConnection);
}

void ClientConnection::reviewBacklog()
{
    m_reviewPosted = false;
    if (m_closing)
        return;
    if (queuedBytes() > m_maxQueuedBytes)
        fallBehind();
    else
        catchUp();
}

void ClientConnection::fallBehind()
{
    if (m_behind)
        return;
    m_behind = true;
    m_behindSinceMs = m_lastProgressMs = m_clock.elapsed();
    // Connected only while behind: an idle connection pays nothing for it.
    m_progress = connect(m_socket, &QWebSocket::bytesWritten, this, [this] { madeProgress(); });
    m_stallCheck.start(StallCheckMs, this);
    qCDebug(lcConnection) << "connection" << m_serial << "is behind:" << queuedBytes()
                          << "bytes queued";
}

void ClientConnection::madeProgress()
{
    m_lastProgressMs = m_clock.elapsed();
    // Half the bound, so a client reading at the edge does not flip at every frame.
    if (queuedBytes() <= m_maxQueuedBytes / 2)
        catchUp();
}

void ClientConnection::timerEvent(QTimerEvent *event)
{
    if (event->timerId() != m_stallCheck.timerId()) {
        QObject::timerEvent(event);
        return;
    }
    if (m_closing)
        return;
    const qint64 queued = queuedBytes();
    if (queued <= m_maxQueuedBytes) {
        catchUp();
        return;
    }
    const qint64 now = m_clock.elapsed();
    const qint64 stalledMs = now - m_lastProgressMs;
    const qint64 hardLimit = m_maxQueuedBytes * HardLimitFactor;
    if (stalledMs > m_stallTimeoutMs) {
        drop(QStringLiteral("nothing read for %1 ms, %2 bytes queued").arg(stalledMs).arg(queued));
    } else if (queued > hardLimit && stalledMs >= StallCheckMs) {
        // Memory first: past the hard limit a client gets half a second to read, not ten.
        drop(QStringLiteral("over %1 bytes queued, nothing read for %2 ms")
                 .arg(hardLimit)
                 .arg(stalledMs));
    } else if (now - m_behindSinceMs > m_stallTimeoutMs * KeepUpFactor) {
        drop(QStringLiteral("behind for %1 ms, %2 bytes queued")
                 .arg(now - m_behindSinceMs)
                 .arg(queued));
    }
}

void ClientConnection::catchUp()
{
    if (!m_behind)
        return;
    m_behind = false;
    m_stallCheck.stop();
    disconnect(m_progress);
    qCDebug(lcConnection) << "connection" << m_serial << "caught up";
    if (!m_held.isEmpty() && !m_releasePosted) {
        // Not from inside the socket's own signal: the requests write to the same socket.
        m_releasePosted = true;
        QMetaObject::invokeMethod(this, &ClientConnection::releaseHeld, Qt::QueuedConnection);
    }
}

void ClientConnection::receive(QByteArray frame)
{
    heard();
    if (m_closing)
        return;
    if (!m_behind && m_held.isEmpty()) {
        emit frameReceived(frame);
        return;
    }
    // Back-pressure: a client that does not read cannot make the server queue more for it.
    m_heldBytes += frame.size();
    m_held.append(std::move(frame));
    if (m_heldBytes > m_maxQueuedBytes * HardLimitFactor) {
        drop(QStringLiteral("over %1 bytes of requests waiting")
                 .arg(m_maxQueuedBytes * HardLimitFactor));
    }
}

void ClientConnection::releaseHeld()
{
    m_releasePosted = false;
    while (!m_closing && !m_behind && !m_held.isEmpty()) {
        const QByteArray frame = m_held.takeFirst();
        m_heldBytes -= frame.size();
        emit frameReceived(frame);
    }
}

void ClientConnection::stopWatching()
{
    m_held.clear();
    m_heldBytes = 0;
    m_stallCheck.stop();
    disconnect(m_progress);
}

void ClientConnection::drop(const QString &why)
{
    if (m_closing)
        return;
    m_closing = true;
    stopWatching();
    qCInfo(lcConnection).noquote()
        << "dropping connection" << m_serial << "that does not read:" << why;
    // A close frame could not get past what is queued, so the connection is aborted; later, not
    // here: the caller may be in the middle of writing to this very socket.
    QMetaObject::invokeMethod(
        m_socket, [socket = m_socket] { socket->abort(); }, Qt::QueuedConnection);
}

void ClientConnection::close(QWebSocketProtocol::CloseCode code, const QString &reason)
{
    if (m_closing)
        return;
    m_closing = true;
    stopWatching();
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
