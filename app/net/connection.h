// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "backoff.h"
#include "operations.h"
#include "reply.h"
#include "results.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <chrono>
#include <functional>

namespace parley::client {

class Transport;

// One client connection to a Parley server: requests matched to responses by id, per-request
// timeouts, automatic reconnect with backoff, and after every (re)connect authentication and a
// sync from the last cursor before it reports Online. QML reads its state for the offline banner.
class Connection : public QObject
{
    Q_OBJECT

    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(QUrl url READ url NOTIFY urlChanged)
    Q_PROPERTY(QDateTime nextRetryAt READ nextRetryAt NOTIFY nextRetryAtChanged)
    Q_PROPERTY(int secondsToRetry READ secondsToRetry NOTIFY secondsToRetryChanged)
    Q_PROPERTY(QString lastError READ lastError NOTIFY lastErrorChanged)
    Q_PROPERTY(bool authenticated READ isAuthenticated NOTIFY authenticatedChanged)
    // wss://: the SHA-256 fingerprint of the server's certificate, for the user to compare with
    // the one the server's admin gave out; "" for ws://.
    Q_PROPERTY(QString serverFingerprint READ serverFingerprint NOTIFY serverFingerprintChanged)
    // Why the server was refused: its certificate is not the one trusted for it; names both
    // fingerprints. "" otherwise.
    Q_PROPERTY(QString certificateError READ certificateError NOTIFY certificateErrorChanged)

public:
    enum State {
        Disconnected, // not asked to connect (signed out), or given up after a rejected session
        Connecting, // opening the socket, authenticating or catching up with sync
        Online, // authenticated and caught up: requests go out at once
        Offline, // the link is down; the next attempt is at nextRetryAt
    };
    Q_ENUM(State)

    using ReplyHandler = std::function<void(const Reply &)>;
    using Milliseconds = std::chrono::milliseconds;

    // Takes ownership of transport; null: a WebSocketTransport.
    explicit Connection(Transport *transport = nullptr, QObject *parent = nullptr);
    ~Connection() override;

    State state() const { return m_state; }
    QUrl url() const { return m_url; }
    QDateTime nextRetryAt() const { return m_nextRetryAt; }
    int secondsToRetry() const;
    QString lastError() const { return m_lastError; }
    bool isAuthenticated() const { return m_authenticated; }
    QString serverFingerprint() const { return m_serverFingerprint; }
    QString certificateError() const { return m_certificateError; }
    QString syncCursor() const { return m_cursor; }

    Milliseconds requestTimeout() const { return m_requestTimeout; }
    void setRequestTimeout(Milliseconds timeout) { m_requestTimeout = timeout; }

    // Opens an anonymous connection: only server.info and auth.* go out until beginSession().
    void open(const QUrl &url);
    // The current socket was authenticated by auth.login or auth.register: keep its tokens for
    // later reconnects and catch up.
    void beginSession(const AuthResult &auth);
    // Connects and authenticates with a stored refresh token (silent sign-in at start).
    void resumeSession(const QUrl &url, const QString &refreshToken);
    // Closes for good (no reconnect) and forgets tokens and cursor; every request still waiting
    // ends Disconnected.
    void close();
    // Sends one last request (auth.logout), then closes like close() once it is answered or
    // timed out; state is Disconnected at once and nothing else goes out.
    void closeAfter(Op op, const QJsonObject &data);
    Q_INVOKABLE void retryNow();
    // The user checked the changed certificate with the server's admin: trust it from now on
    // and try again.
    Q_INVOKABLE void trustChangedCertificate();

    // Sends a request. Requests that need authentication wait until Online; the timeout counts
    // from this call, waiting included. handler runs at most once, never inside this call and
    // never after context died. While Disconnected it gets Disconnected right away.
    void request(Op op, const QJsonObject &data, const QObject *context, ReplyHandler handler,
                 Milliseconds timeout = Milliseconds(0));
    // Fire-and-forget (typing.*): dropped when not Online.
    void send(Op op, const QJsonObject &data);

signals:
    void stateChanged(parley::client::Connection::State state);
    void urlChanged();
    void nextRetryAtChanged();
    void secondsToRetryChanged();
    void lastErrorChanged();
    void authenticatedChanged();
    void serverFingerprintChanged();
    void certificateErrorChanged();
    // The connection is authenticated as user (after every reconnect too). Requests made in a
    // handler of this signal go out after the catch-up sync, before anything queued later.
    void sessionStarted(const parley::User &user);
    // Refresh tokens rotate: store the new one (the old one no longer works).
    void tokensChanged(const QString &accessToken, const QString &refreshToken);
    // The stored session was refused (expired, revoked); the connection went Disconnected.
    void sessionRejected(const parley::Error &error);
    // One page of what was missed while away, in order; all pages come before Online.
    void synced(const parley::SyncResult &delta);
    void eventReceived(const QString &name, const QJsonObject &data);

private:
    struct Pending
    {
        Op op;
        QJsonObject data;
        QPointer<const QObject> context;
        bool hasContext = false;
        ReplyHandler handler;
        QDeadlineTimer deadline;
        bool internal = false; // auth and sync steps of the connection itself
        bool sent = false;
    };

    void setState(State state);
    void setLastError(const QString &error);
    void setAuthenticated(bool authenticated);
    void setServerFingerprint(const QString &fingerprint);
    void setCertificateError(const QString &error);
    void onCertificateRefused(const QString &pinned, const QString &presented);
    void setUrl(const QUrl &url);
    void connectTransport();
    void onOpened();
    void onClosed(const QString &reason);
    void onText(const QString &text);
    void scheduleReconnect();
    void startAttempt();
    void authenticate();
    void sendAccessToken();
    void sendRefresh();
    void syncPage();
    void goOnline();
    void fail(const Error &error);
    void sendInternal(Op op, const QJsonObject &data, ReplyHandler handler);
    void transmit(const QString &id, Pending &pending);
    void flushQueue();
    bool canTransmit(const Pending &pending) const;
    void finish(const QString &id, const Reply &reply);
    void failAll(Reply::Status status, const QString &message, bool keepQueued);
    void setNextRetryAt(const QDateTime &at);
    void shutDown();
    void dropLink();
    void armTimeoutTimer();
    void expireRequests();

    Transport *m_transport; // owned (child)
    State m_state = Disconnected;
    QUrl m_url;
    QString m_accessToken;
    QString m_refreshToken;
    QElapsedTimer m_accessTokenAge;
    QString m_cursor;
    bool m_socketOpen = false;
    bool m_authenticated = false;
    bool m_wantSession = false; // reconnects authenticate with the tokens
    bool m_syncing = false;
    QString m_lastError;
    QString m_serverFingerprint;
    QString m_certificateError;
    QString m_refusedFingerprint; // the changed certificate the user may choose to trust

    Backoff m_backoff;
    QDateTime m_nextRetryAt;
    QTimer m_retryTimer;
    QTimer m_countdownTimer;
    QTimer m_timeoutTimer;
    QTimer m_pingTimer;
    QTimer m_pongTimer;
    Milliseconds m_requestTimeout{15'000};

    quint64 m_nextId = 1;
    quint64 m_linkGeneration = 0; // counts open() and close() calls
    QList<QString> m_queue; // ids not yet transmitted, in order
    QHash<QString, Pending> m_pending; // queued and in flight
};

} // namespace parley::client
