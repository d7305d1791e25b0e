// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tokenbucket.h"

#include <QBasicTimer>
#include <QByteArray>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QWebSocketProtocol>

#include <optional>

class QSslSocket;
class QWebSocket;

namespace parley::server {

// One client's WebSocket and what the server knows of it: who is signed in on it, when it was
// last heard from, how many bad frames it sent lately, and how far behind it is in reading.
//
// A client that reads slower than it is sent to falls behind once more than maxQueuedBytes wait
// for it after a round of the event loop. While behind, its own requests wait (it cannot make
// the server queue more for itself; more than HardLimitFactor times the bound of them, and it is
// dropped), and it is dropped when it reads nothing for
// stallTimeoutMs, or for half a second with more than HardLimitFactor times the bound queued,
// or when it stays behind for six stall timeouts. A client that reads is never dropped because
// one burst queued more than the bound: it catches up as the kernel takes the bytes.
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
        qint64 stallTimeoutMs = 10'000;
    };
    static constexpr qint64 HardLimitFactor = 8;

    // `tls` is the connection's TLS socket, when it has one: QWebSocket does not count what
    // QSslSocket has encrypted and not yet sent.
    ClientConnection(QWebSocket *socket, QSslSocket *tls, quint64 serial, const Limits &limits,
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
    bool isBehind() const { return m_behind; }
    // Bytes written for this client that the kernel has not taken yet.
    qint64 queuedBytes() const;

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

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    void heard() { m_lastHeard.restart(); }
    void receive(QByteArray frame);
    void watchBacklog();
    void reviewBacklog();
    void fallBehind();
    void madeProgress();
    void catchUp();
    void releaseHeld();
    void drop(const QString &why);
    void stopWatching(); // closing: no held requests, no stall checks

    QWebSocket *m_socket;
    QPointer<QSslSocket> m_tls;
    QHostAddress m_peer; // kept: a socket forgets its peer once it is closed
    quint64 m_serial;
    QString m_userId;
    QString m_sessionId;
    QElapsedTimer m_lastHeard;
    QList<qint64> m_badFrames; // ms since m_clock; empty (no allocation) for a well-behaved client
    QElapsedTimer m_clock;
    TokenBucket m_messages;
    TokenBucket m_typing;
    qint64 m_maxQueuedBytes;
    qint64 m_stallTimeoutMs;
    // Behind: requests that wait for the client to read, and when it last did.
    QList<QByteArray> m_held;
    qint64 m_heldBytes = 0;
    qint64 m_lastProgressMs = 0;
    qint64 m_behindSinceMs = 0;
    QMetaObject::Connection m_progress;
    QBasicTimer m_stallCheck;
    bool m_behind = false;
    bool m_reviewPosted = false;
    bool m_releasePosted = false;
    bool m_closing = false;
};

} // namespace parley::server
