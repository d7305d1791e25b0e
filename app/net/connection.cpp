// SPDX-License-Identifier: GPL-3.0-or-later
#include "connection.h"

#include "frame.h"
#include "requests.h"
#include "websockettransport.h"

#include <QLoggingCategory>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace parley::client {

Q_LOGGING_CATEGORY(lcConnection, "parley.connection")

namespace {

// Access tokens live 15 minutes; one close to expiry is refreshed instead of tried.
constexpr auto AccessTokenFreshFor = 14min;
constexpr auto PingInterval = 30s;
constexpr auto PongTimeout = 20s;

Reply localFailure(Reply::Status status, const QString &message)
{
    Reply reply;
    reply.status = status;
    reply.error = Error::make(ErrorCode::Internal, message);
    return reply;
}

} // namespace

Connection::Connection(Transport *transport, QObject *parent)
    : QObject(parent)
    , m_transport(transport ? transport : new WebSocketTransport)
{
    m_transport->setParent(this);
    connect(m_transport, &Transport::opened, this, &Connection::onOpened);
    connect(m_transport, &Transport::closed, this, &Connection::onClosed);
    connect(m_transport, &Transport::textReceived, this, &Connection::onText);
    connect(m_transport, &Transport::pong, &m_pongTimer, &QTimer::stop);
    connect(m_transport, &Transport::certificateTrusted, this, [this](const QString &fingerprint) {
        setServerFingerprint(fingerprint);
        m_refusedFingerprint.clear();
        setCertificateError({});
    });
    connect(m_transport, &Transport::certificateRefused, this, &Connection::onCertificateRefused);

    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &Connection::startAttempt);
    m_countdownTimer.setInterval(1s);
    connect(&m_countdownTimer, &QTimer::timeout, this, &Connection::secondsToRetryChanged);
    m_timeoutTimer.setSingleShot(true);
    connect(&m_timeoutTimer, &QTimer::timeout, this, &Connection::expireRequests);
    m_pingTimer.setInterval(PingInterval);
    connect(&m_pingTimer, &QTimer::timeout, this, [this] {
        m_transport->ping();
        if (!m_pongTimer.isActive())
            m_pongTimer.start();
    });
    // A link that died without a close (sleep, cable) is only noticed by a missing pong.
    m_pongTimer.setSingleShot(true);
    m_pongTimer.setInterval(PongTimeout);
    connect(&m_pongTimer, &QTimer::timeout, this, [this] {
        qCInfo(lcConnection) << "no pong from the server; reconnecting";
        dropLink();
    });
}

Connection::~Connection()
{
    // Handlers must not run into a half-destroyed owner.
    m_pending.clear();
    m_queue.clear();
    disconnect(m_transport, nullptr, this, nullptr);
}

int Connection::secondsToRetry() const
{
    if (m_state != Offline || !m_nextRetryAt.isValid())
        return 0;
    const qint64 ms = QDateTime::currentDateTimeUtc().msecsTo(m_nextRetryAt);
    return static_cast<int>(std::max<qint64>(0, (ms + 999) / 1000));
}

void Connection::open(const QUrl &url)
{
    close();
    setUrl(url);
    startAttempt();
}

void Connection::setUrl(const QUrl &url)
{
    if (url != m_url) {
        // What was shown or refused belongs to the previous server.
        setServerFingerprint({});
        m_refusedFingerprint.clear();
        setCertificateError({});
    }
    m_url = url;
    emit urlChanged();
}

void Connection::beginSession(const AuthResult &auth)
{
    m_accessToken = auth.accessToken;
    m_refreshToken = auth.refreshToken;
    m_accessTokenAge.start();
    m_wantSession = true;
    setAuthenticated(true);
    setState(Connecting);
    emit sessionStarted(auth.user);
    syncPage();
}

void Connection::resumeSession(const QUrl &url, const QString &refreshToken)
{
    close();
    setUrl(url);
    m_refreshToken = refreshToken;
    m_wantSession = true;
    startAttempt();
}

void Connection::close()
{
    shutDown();
    m_socketOpen = false;
    m_transport->close();
}

void Connection::shutDown()
{
    ++m_linkGeneration;
    m_wantSession = false;
    m_accessToken.clear();
    m_refreshToken.clear();
    m_accessTokenAge.invalidate();
    m_cursor.clear();
    m_syncing = false;
    m_retryTimer.stop();
    m_countdownTimer.stop();
    m_pingTimer.stop();
    m_pongTimer.stop();
    m_backoff.reset();
    setNextRetryAt({});
    setAuthenticated(false);
    // Disconnected first, so the transport's closed() does not schedule a reconnect.
    setState(Disconnected);
    failAll(Reply::Status::Disconnected, tr("Not connected"), false);
}

void Connection::closeAfter(Op op, const QJsonObject &data)
{
    if (!m_socketOpen) {
        close();
        return;
    }
    shutDown();
    // The transport stays open just for this last request; its answer or timeout closes it.
    const quint64 link = m_linkGeneration;
    sendInternal(op, data, [this, link](const Reply &) {
        if (link != m_linkGeneration)
            return; // open() or close() came first
        m_socketOpen = false;
        m_transport->close();
    });
}

void Connection::retryNow()
{
    if (m_state == Offline)
        startAttempt();
}

void Connection::trustChangedCertificate()
{
    if (m_refusedFingerprint.isEmpty())
        return;
    m_transport->trustCertificate(std::exchange(m_refusedFingerprint, {}));
    setCertificateError({});
    retryNow();
}

void Connection::onCertificateRefused(const QString &pinned, const QString &presented)
{
    m_refusedFingerprint = presented;
    setCertificateError(
        tr("The server's certificate has changed. This computer trusts the certificate with "
           "fingerprint %1, but the server now shows %2. Someone may be intercepting the "
           "connection: trust the new certificate only if the server's admin confirms that "
           "fingerprint.")
            .arg(pinned, presented));
}

void Connection::setServerFingerprint(const QString &fingerprint)
{
    if (m_serverFingerprint == fingerprint)
        return;
    m_serverFingerprint = fingerprint;
    emit serverFingerprintChanged();
}

void Connection::setCertificateError(const QString &error)
{
    if (m_certificateError == error)
        return;
    m_certificateError = error;
    emit certificateErrorChanged();
}

void Connection::request(Op op, const QJsonObject &data, const QObject *context,
                         ReplyHandler handler, Milliseconds timeout)
{
    const QString id = u"c"_s + QString::number(m_nextId++);
    if (m_state == Disconnected) {
        // Nothing will carry it: answer at once, but never from inside the caller's call.
        QTimer::singleShot(
            0, this,
            [handler = std::move(handler), guard = QPointer(context),
             hasContext = context != nullptr] {
                if (handler && (!hasContext || guard))
                    handler(localFailure(Reply::Status::Disconnected, tr("Not connected")));
            });
        return;
    }
    Pending pending;
    pending.op = op;
    pending.data = data;
    pending.context = context;
    pending.hasContext = context != nullptr;
    pending.handler = std::move(handler);
    pending.deadline = QDeadlineTimer(timeout.count() > 0 ? timeout : m_requestTimeout);
    m_pending.insert(id, std::move(pending));
    m_queue.append(id);
    flushQueue();
    armTimeoutTimer();
}

void Connection::send(Op op, const QJsonObject &data)
{
    if (!m_socketOpen || m_state != Online)
        return;
    m_transport->sendText(QString::fromUtf8(encodeRequest(QString(), opName(op), data)));
}

void Connection::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    if (state != Offline) {
        m_countdownTimer.stop();
        setNextRetryAt({});
    }
    emit stateChanged(state);
    emit secondsToRetryChanged();
}

void Connection::setLastError(const QString &error)
{
    if (m_lastError == error)
        return;
    m_lastError = error;
    emit lastErrorChanged();
}

void Connection::setAuthenticated(bool authenticated)
{
    if (m_authenticated == authenticated)
        return;
    m_authenticated = authenticated;
    emit authenticatedChanged();
}

void Connection::setNextRetryAt(const QDateTime &at)
{
    if (m_nextRetryAt == at)
        return;
    m_nextRetryAt = at;
    emit nextRetryAtChanged();
}

void Connection::startAttempt()
{
    if (!m_url.isValid())
        return;
    m_retryTimer.stop();
    setState(Connecting);
    m_socketOpen = false;
    m_transport->open(m_url);
}

void Connection::onOpened()
{
    m_socketOpen = true;
    setLastError({});
    m_pingTimer.start();
    if (m_wantSession) {
        authenticate();
        return;
    }
    // Anonymous: server.info and auth.* may go; the server refuses anything else itself.
    m_backoff.reset();
    setState(Online);
    flushQueue();
}

void Connection::onClosed(const QString &reason)
{
    m_socketOpen = false;
    m_syncing = false;
    m_pingTimer.stop();
    m_pongTimer.stop();
    setAuthenticated(false);
    if (m_state == Disconnected)
        return;
    qCInfo(lcConnection) << "connection to" << m_url.host() << "lost:" << reason;
    setLastError(reason);
    scheduleReconnect();
    // Requests on the wire will not be answered; those still queued wait for the next link.
    failAll(Reply::Status::Disconnected, tr("The connection was lost"), true);
}

void Connection::dropLink()
{
    // The transport reports closed(), which schedules the reconnect.
    m_transport->close();
}

void Connection::scheduleReconnect()
{
    const auto delay = m_backoff.next();
    setState(Offline);
    setNextRetryAt(QDateTime::currentDateTimeUtc().addMSecs(delay.count()));
    m_retryTimer.start(delay);
    m_countdownTimer.start();
    emit secondsToRetryChanged();
}

void Connection::onText(const QString &text)
{
    m_pongTimer.stop(); // anything from the server proves the link
    const ServerFrame frame = decodeServerFrame(text.toUtf8());
    switch (frame.kind) {
    case ServerFrame::Kind::Response: {
        Reply reply;
        reply.status = frame.ok ? Reply::Status::Ok : Reply::Status::ServerError;
        reply.data = frame.data;
        reply.error = frame.error;
        finish(frame.id, reply);
        break;
    }
    case ServerFrame::Kind::Event:
        if (m_state != Disconnected) // a closing link's events belong to nobody now
            emit eventReceived(frame.event, frame.data);
        break;
    case ServerFrame::Kind::Invalid:
        qCWarning(lcConnection) << "ignoring a frame that is neither a response nor an event";
        break;
    }
}

void Connection::authenticate()
{
    const bool fresh = !m_accessToken.isEmpty() && m_accessTokenAge.isValid()
        && std::chrono::milliseconds(m_accessTokenAge.elapsed()) < AccessTokenFreshFor;
    if (fresh)
        sendAccessToken();
    else
        sendRefresh();
}

void Connection::sendAccessToken()
{
    sendInternal(Op::AuthToken, TokenRequest{m_accessToken}.toJson(), [this](const Reply &reply) {
        if (reply.status == Reply::Status::Disconnected)
            return;
        if (reply.status == Reply::Status::ServerError
            && reply.error.code == ErrorCode::Unauthenticated) {
            m_accessToken.clear();
            sendRefresh();
            return;
        }
        const auto user =
            reply.ok() ? UserResult::fromJson(reply.data) : Result<UserResult>(reply.error);
        if (!user) {
            fail(user.error());
            return;
        }
        setAuthenticated(true);
        emit sessionStarted(user->user);
        syncPage();
    });
}

void Connection::sendRefresh()
{
    if (m_refreshToken.isEmpty()) {
        close();
        emit sessionRejected(Error::make(ErrorCode::Unauthenticated, tr("The session ended")));
        return;
    }
    sendInternal(Op::AuthRefresh, RefreshRequest{m_refreshToken}.toJson(),
                 [this](const Reply &reply) {
                     if (reply.status == Reply::Status::Disconnected)
                         return;
                     if (reply.status == Reply::Status::ServerError
                         && reply.error.code == ErrorCode::Unauthenticated) {
                         const Error error = reply.error;
                         close();
                         emit sessionRejected(error);
                         return;
                     }
                     const auto tokens = reply.ok() ? TokenPair::fromJson(reply.data)
                                                    : Result<TokenPair>(reply.error);
                     if (!tokens) {
                         fail(tokens.error());
                         return;
                     }
                     m_accessToken = tokens->accessToken;
                     m_refreshToken = tokens->refreshToken;
                     m_accessTokenAge.start();
                     emit tokensChanged(m_accessToken, m_refreshToken);
                     sendAccessToken();
                 });
}

void Connection::syncPage()
{
    m_syncing = true;
    sendInternal(Op::Sync, SyncRequest{m_cursor}.toJson(), [this](const Reply &reply) {
        if (reply.status == Reply::Status::Disconnected)
            return;
        const auto delta =
            reply.ok() ? SyncResult::fromJson(reply.data) : Result<SyncResult>(reply.error);
        if (!delta) {
            fail(delta.error());
            return;
        }
        if (!delta->cursor.isEmpty())
            m_cursor = delta->cursor;
        emit synced(*delta);
        if (delta->hasMore)
            syncPage();
        else
            goOnline();
    });
}

void Connection::goOnline()
{
    m_syncing = false;
    m_backoff.reset();
    setState(Online);
    flushQueue();
}

void Connection::fail(const Error &error)
{
    // A step of reconnecting failed in a way a later attempt may not: try again after a pause.
    qCWarning(lcConnection) << "reconnecting after an error:" << errorCodeName(error.code)
                            << error.message;
    setLastError(error.message);
    dropLink();
}

void Connection::sendInternal(Op op, const QJsonObject &data, ReplyHandler handler)
{
    const QString id = u"c"_s + QString::number(m_nextId++);
    Pending pending;
    pending.op = op;
    pending.data = data;
    pending.handler = std::move(handler);
    pending.deadline = QDeadlineTimer(m_requestTimeout);
    pending.internal = true;
    auto it = m_pending.insert(id, std::move(pending));
    transmit(id, *it);
    armTimeoutTimer();
}

void Connection::transmit(const QString &id, Pending &pending)
{
    pending.sent = true;
    m_transport->sendText(QString::fromUtf8(encodeRequest(id, opName(pending.op), pending.data)));
}

bool Connection::canTransmit(const Pending &pending) const
{
    if (!m_socketOpen)
        return false;
    if (pending.internal || opInfo(pending.op).allowedBeforeAuth)
        return true;
    return m_state == Online;
}

void Connection::flushQueue()
{
    for (auto it = m_queue.begin(); it != m_queue.end();) {
        auto pending = m_pending.find(*it);
        if (pending == m_pending.end()) {
            it = m_queue.erase(it);
        } else if (canTransmit(*pending)) {
            const QString id = *it;
            it = m_queue.erase(it);
            transmit(id, *pending);
        } else {
            ++it;
        }
    }
}

void Connection::finish(const QString &id, const Reply &reply)
{
    auto it = m_pending.find(id);
    if (it == m_pending.end())
        return; // timed out earlier, or closed
    Pending pending = std::move(*it);
    m_pending.erase(it);
    m_queue.removeOne(id);
    if (pending.hasContext && !pending.context)
        return;
    if (pending.handler)
        pending.handler(reply);
}

void Connection::failAll(Reply::Status status, const QString &message, bool keepQueued)
{
    QList<QString> ids;
    for (auto it = m_pending.cbegin(); it != m_pending.cend(); ++it) {
        if (!keepQueued || it->sent)
            ids.append(it.key());
    }
    // Oldest first, so callers see failures in the order they asked.
    std::sort(ids.begin(), ids.end(), [](const QString &a, const QString &b) {
        return QStringView(a).mid(1).toULongLong() < QStringView(b).mid(1).toULongLong();
    });
    const Reply reply = localFailure(status, message);
    for (const QString &id : std::as_const(ids))
        finish(id, reply);
}

void Connection::armTimeoutTimer()
{
    qint64 earliest = -1;
    for (const Pending &pending : std::as_const(m_pending)) {
        const qint64 left = pending.deadline.remainingTime();
        if (earliest < 0 || left < earliest)
            earliest = left;
    }
    if (earliest < 0)
        m_timeoutTimer.stop();
    else
        m_timeoutTimer.start(std::chrono::milliseconds(earliest));
}

void Connection::expireRequests()
{
    QList<QString> expired;
    for (auto it = m_pending.cbegin(); it != m_pending.cend(); ++it) {
        if (it->deadline.hasExpired())
            expired.append(it.key());
    }
    std::sort(expired.begin(), expired.end(), [](const QString &a, const QString &b) {
        return QStringView(a).mid(1).toULongLong() < QStringView(b).mid(1).toULongLong();
    });
    bool internalExpired = false;
    for (const QString &id : std::as_const(expired)) {
        internalExpired = internalExpired || m_pending.value(id).internal;
        finish(id, localFailure(Reply::Status::Timeout, tr("The server did not answer in time")));
    }
    armTimeoutTimer();
    // A handshake step that got no answer means the link is not usable.
    if (internalExpired && m_socketOpen)
        dropLink();
}

} // namespace parley::client
