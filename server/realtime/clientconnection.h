#pragma once

#include "tokenbucket.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QWebSocketProtocol>

#include <optional>

class QWebSocket;

namespace parley::server {

// One client's WebSocket and what the server knows of it: who is signed in on it, when it was
// last heard from, and how many bad frames it sent lately.
class ClientConnection : public QObject
{
    Q_OBJECT

public:
    struct Limits
    {
        int messageBurst = 60;
        double messagesPerSecond = 10;
        int typingPerSecond = 5;
        qint64 maxQueuedBytes = 4 * 1024 * 1024;
    };

    ClientConnection(QWebSocket *socket, quint64 serial, const Limits &limits,
                     QObject *parent = nullptr);
    ~ClientConnection() override;

    quint64 serial() const { return m_serial; }
    QHostAddress peerAddress() const;
    QString peerKey() const; // the address as a rate-limit key

    bool isAuthenticated() const { return !m_userId.isEmpty(); }
    QString userId() const { return m_userId; }
    QString sessionId() const { return m_sessionId; }
    void setIdentity(const QString &userId, const QString &sessionId);

    void sendFrame(const QByteArray &utf8Json);
    // The same frame already decoded, so a broadcast converts it once, not once per recipient.
    void sendText(const QString &json);
    void close(QWebSocketProtocol::CloseCode code, const QString &reason);
    bool isClosing() const { return m_closing; }

    // Counts a bad frame; true when the client went past the limit and is being closed.
    bool noteBadFrame(int maxPerMinute);

    // This connection's share of message.send: nothing, or how long to wait for the next one.
    std::optional<qint64> takeMessageAllowance();
    // False when the client sends typing events faster than the limit.
    bool takeTypingAllowance();

    qint64 millisSinceHeard() const { return m_lastHeard.elapsed(); }
    void ping();

signals:
    void frameReceived(const QByteArray &frame);
    void disconnected();

private:
    void heard() { m_lastHeard.restart(); }

    QWebSocket *m_socket;
    quint64 m_serial;
    QString m_userId;
    QString m_sessionId;
    QElapsedTimer m_lastHeard;
    QList<qint64> m_badFrames; // ms since m_clock; empty (no allocation) for a well-behaved client
    QElapsedTimer m_clock;
    TokenBucket m_messages;
    TokenBucket m_typing;
    bool m_closing = false;
    qint64 m_maxQueuedBytes;
};

} // namespace parley::server
