// SPDX-License-Identifier: GPL-3.0-or-later
#include "chatserver.h"

#include "admin/revocationwatcher.h"
#include "auth/accesstokens.h"
#include "auth/passwordhasher.h"
#include "auth/ratelimiter.h"
#include "auth/serversecret.h"
#include "discovery/discoveryresponder.h"
#include "frame.h"
#include "handlers/authhandler.h"
#include "handlers/chathandler.h"
#include "handlers/dispatcher.h"
#include "handlers/messagehandler.h"
#include "handlers/synchandler.h"
#include "handlers/typinghandler.h"
#include "handlers/userhandler.h"
#include "http/httpgate.h"
#include "metrics/metrics.h"
#include "realtime/authdeadlines.h"
#include "realtime/clientconnection.h"
#include "realtime/connectionregistry.h"
#include "realtime/directwriteserver.h"
#include "realtime/fanout.h"
#include "realtime/tlssocketindex.h"
#include "realtime/typingtracker.h"
#include "realtime/writecoalescer.h"
#include "storage/sqlitestore.h"
#include "storage/storerunner.h"
#include "tls/tlscredentials.h"
#include "tls/tlshandshakewatcher.h"

#include <QDateTime>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSslServer>
#include <QSslSocket>
#include <QSysInfo>
#include <QTcpServer>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketCorsAuthenticator>
#include <QWebSocketServer>

Q_LOGGING_CATEGORY(lcServer, "parley.server")

namespace parley::server {

class ChatServer::Private
{
public:
    explicit Private(ServerConfig c)
        : config(std::move(c))
    { }

    bool openStore(QString *error);
    void accept(QWebSocket *socket);
    void onFrame(ClientConnection *connection, const QByteArray &frame);
    void onDisconnected(ClientConnection *connection);
    void sweep();
    void answerHttp(QTcpSocket *socket, const RequestHead &head);

    ChatServer *q = nullptr;
    ServerConfig config;
    std::unique_ptr<StoreRunner> store;
    std::unique_ptr<PasswordHasher> hasher;
    std::unique_ptr<AccessTokens> tokens;
    std::unique_ptr<ConnectionRegistry> registry;
    std::unique_ptr<Fanout> fanout;
    std::unique_ptr<TypingTracker> typing;
    std::unique_ptr<AuthDeadlines> authDeadlines;
    std::unique_ptr<RateLimiter> loginFailuresByAccount;
    std::unique_ptr<RateLimiter> loginAttemptsByAddress;
    std::unique_ptr<RateLimiter> registrationsByAddress;
    std::unique_ptr<Services> services;
    std::vector<std::unique_ptr<Handler>> handlers;
    Dispatcher dispatcher;
    WriteCoalescer writes; // outlives the sockets, which are gone once `listener` is
    TlsSocketIndex tlsSockets; // TLS connections on their way to becoming WebSockets
    std::unique_ptr<QWebSocketServer> listener; // never listens itself: `tcp` hands it sockets
    QTcpServer *tcp = nullptr; // a QSslServer with TLS; the listener's child
    std::unique_ptr<HttpGate> gate;
    std::unique_ptr<RevocationWatcher> revocations; // sessions ended by admin commands
    std::optional<TlsCredentials> tls; // set when serving wss://
    std::unique_ptr<DiscoveryResponder> discovery; // answers LAN discovery
    QTimer sweepTimer;
    int sweepSlices = 1; // the connections are pinged a slice per tick, not all at once
    int sweepSlice = 0;
    quint64 nextSerial = 1;
    StoreRunner::Factory storeFactory; // empty: SQLite as the config says
};

ChatServer::ChatServer(ServerConfig config, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(std::move(config)))
{
    d->q = this;
    d->sweepTimer.callOnTimeout(this, [this] { d->sweep(); });
}

ChatServer::~ChatServer()
{
    stop();
}

void ChatServer::setStoreFactory(StoreRunner::Factory factory)
{
    d->storeFactory = std::move(factory);
}

bool ChatServer::Private::openStore(QString *error)
{
    // The storage layer knows nothing of metrics: it reports, and this is where it is heard.
    const StoreObserver observer{
        [](qint64 nanoseconds) { Metrics::instance().observeStoreJob(double(nanoseconds) / 1e9); },
        [] { Metrics::instance().countStoreCommit(); },
    };
    if (storeFactory) {
        store = std::make_unique<StoreRunner>(storeFactory, observer);
        return store->open(error);
    }
    QString path = config.database;
    if (path.startsWith(QLatin1String("sqlite://")))
        path = path.mid(9);
    else if (path.contains(QLatin1String("://"))) {
        *error = QStringLiteral("unsupported database URL %1: this build stores data in SQLite (a "
                                "file path or sqlite:///path)")
                     .arg(path.section(QLatin1String("://"), 0, 0) + QLatin1String("://…"));
        return false;
    }
    if (path.isEmpty())
        path = QDir(config.dataDir).filePath(QStringLiteral("parley.db"));
    store = std::make_unique<StoreRunner>(
        [path, observer] { return std::make_unique<SqliteStore>(path, observer); }, observer);
    QString storeError;
    if (!store->open(&storeError)) {
        *error = QStringLiteral("cannot open the database %1: %2").arg(path, storeError);
        return false;
    }
    qCInfo(lcServer) << "database" << path;
    // `parley-server user disable` and `reset-password` revoke sessions from another process;
    // the server notices and closes their connections.
    revocations = std::make_unique<RevocationWatcher>(path);
    QString watchError;
    if (revocations->start(&watchError)) {
        QObject::connect(revocations.get(), &RevocationWatcher::sessionsRevoked, q,
                         [this](const QStringList &ids) {
                             if (registry)
                                 registry->closeSessions(
                                     ids, QWebSocketProtocol::CloseCodePolicyViolated,
                                     QStringLiteral("session revoked"));
                         });
    } else {
        qCWarning(lcServer).noquote()
            << "sessions revoked by admin commands stay connected:" << watchError;
        revocations.reset();
    }
    return true;
}

bool ChatServer::start(QString *error)
{
    QString ignored;
    if (!error)
        error = &ignored;
    if (d->listener) {
        *error = QStringLiteral("already started");
        return false;
    }
    if (d->config.dataDir.isEmpty()) {
        *error = QStringLiteral("no data directory given");
        return false;
    }
    if (!QDir().mkpath(d->config.dataDir)) {
        *error = QStringLiteral("cannot create the data directory %1").arg(d->config.dataDir);
        return false;
    }
    // Before anything else opens: a bad certificate or key file stops the start at once.
    d->tls.reset();
    if (d->config.tls) {
        d->tls = TlsCredentials::fromConfig(d->config, QSysInfo::machineHostName(), error);
        if (!d->tls)
            return false;
    }
    const auto secret = ServerSecret::loadOrCreate(
        QDir(d->config.dataDir).filePath(QStringLiteral("token-secret")), error);
    if (!secret)
        return false;
    if (!d->openStore(error))
        return false;

    d->hasher = std::make_unique<PasswordHasher>(d->config.hashThreads);
    d->tokens = std::make_unique<AccessTokens>(*secret, d->config.accessTokenLifetime);
    d->registry = std::make_unique<ConnectionRegistry>();
    d->fanout = std::make_unique<Fanout>(*d->registry);
    d->typing = std::make_unique<TypingTracker>(d->registry.get(), d->config.typingExpiry);
    d->authDeadlines = std::make_unique<AuthDeadlines>(*d->registry, d->config.authTimeout);
    d->loginFailuresByAccount =
        std::make_unique<RateLimiter>(d->config.loginFailuresPerAccount, d->config.loginWindow);
    d->loginAttemptsByAddress =
        std::make_unique<RateLimiter>(d->config.loginAttemptsPerAddress, d->config.loginWindow);
    d->registrationsByAddress = std::make_unique<RateLimiter>(d->config.registrationsPerAddress,
                                                              d->config.registrationWindow);
    const QString name = d->config.name.isEmpty() ? QSysInfo::machineHostName() : d->config.name;
    d->services.reset(new Services{d->config, name, *d->store, *d->hasher, *d->tokens, *d->registry,
                                   *d->fanout, *d->typing, *d->loginFailuresByAccount,
                                   *d->loginAttemptsByAddress, *d->registrationsByAddress});
    d->handlers.push_back(std::make_unique<AuthHandler>(*d->services, nullptr));
    d->handlers.push_back(std::make_unique<UserHandler>(*d->services, nullptr));
    d->handlers.push_back(std::make_unique<ChatHandler>(*d->services, nullptr));
    d->handlers.push_back(std::make_unique<MessageHandler>(*d->services, nullptr));
    d->handlers.push_back(std::make_unique<SyncHandler>(*d->services, nullptr));
    d->handlers.push_back(std::make_unique<TypingHandler>(*d->services, nullptr));
    for (auto &handler : d->handlers)
        handler->registerOps(d->dispatcher);
    Q_ASSERT(d->dispatcher.handlesEveryOp());

    connect(d->registry.get(), &ConnectionRegistry::userOnline, this,
            [this](const QString &userId) {
                d->store->run(
                    this, [userId](Store &store) { return store.contactsOf(userId); },
                    [this, userId](const QStringList &contacts) {
                        if (d->registry && d->registry->isOnline(userId))
                            d->fanout->presence(userId, true, contacts);
                    });
            });
    connect(d->registry.get(), &ConnectionRegistry::userOffline, this,
            [this](const QString &userId) {
                d->typing->stopAllOf(userId);
                d->store->run(
                    this, [userId](Store &store) { return store.contactsOf(userId); },
                    [this, userId](const QStringList &contacts) {
                        if (d->registry && !d->registry->isOnline(userId))
                            d->fanout->presence(userId, false, contacts);
                    });
            });

    // One port for WebSocket and HTTP: our own TCP (or TLS) server accepts, HttpGate reads the
    // request head, and upgrades go to a QWebSocketServer that never listens itself. The TLS
    // server is the listener's child so TlsHandshakeWatcher finds it there.
    d->listener = std::make_unique<QWebSocketServer>(QStringLiteral("parley"),
                                                     QWebSocketServer::NonSecureMode);
    if (d->tls) {
        auto *tlsServer = new QSslServer(d->listener.get());
        tlsServer->setSslConfiguration(d->tls->sslConfiguration());
        tlsServer->setHandshakeTimeout(10'000);
        d->tcp = tlsServer;
        new TlsHandshakeWatcher(d->listener.get()); // logs plain ws:// clients at debug
    } else {
        d->tcp = new DirectWriteServer(&d->writes, d->listener.get());
    }
    d->tcp->setMaxPendingConnections(4096);
    d->listener->setMaxPendingConnections(4096);
    d->listener->setHandshakeTimeout(std::chrono::milliseconds(10'000));
    d->gate = std::make_unique<HttpGate>(
        d->listener.get(), std::chrono::milliseconds(10'000),
        [this](QTcpSocket *socket, const RequestHead &head) { d->answerHttp(socket, head); });
    connect(d->listener.get(), &QWebSocketServer::originAuthenticationRequired, this,
            [this](QWebSocketCorsAuthenticator *authenticator) {
                const QString origin = authenticator->origin();
                authenticator->setAllowed(origin.isEmpty()
                                          || d->config.allowedOrigins.contains(origin));
                if (!authenticator->allowed())
                    qCInfo(lcServer) << "refused a handshake from origin" << origin;
            });
    connect(d->listener.get(), &QWebSocketServer::newConnection, this, [this] {
        while (QWebSocket *socket = d->listener->nextPendingConnection())
            d->accept(socket);
    });
    // Small frames go out at once: without TCP_NODELAY a second reply can wait ~40 ms for the
    // client's delayed ACK.
    connect(d->tcp, &QTcpServer::pendingConnectionAvailable, this, [this] {
        while (QTcpSocket *socket = d->tcp->nextPendingConnection()) {
            socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
            if (auto *tlsSocket = qobject_cast<QSslSocket *>(socket))
                d->tlsSockets.remember(tlsSocket);
            d->gate->admit(socket);
        }
    });
    connect(d->tcp, &QTcpServer::acceptError, this,
            [](QAbstractSocket::SocketError e) { qCWarning(lcServer) << "accept failed:" << e; });
    if (!d->tcp->listen(d->config.bindAddress, d->config.port)) {
        *error = QStringLiteral("cannot listen on %1 port %2: %3")
                     .arg(d->config.bindAddress.toString())
                     .arg(d->config.port)
                     .arg(d->tcp->errorString());
        d->gate.reset();
        d->tcp = nullptr;
        d->listener.reset();
        return false;
    }
    // Pinging 20,000 connections in one go stalls delivery for tens of milliseconds, so each
    // second pings a slice of them; every connection still gets one ping per interval.
    const auto sweepEvery = std::min(d->config.pingInterval, d->config.idleTimeout / 3);
    d->sweepSlices = int(std::clamp<qint64>(sweepEvery / std::chrono::seconds(1), 1, 60));
    d->sweepSlice = 0;
    d->sweepTimer.start(sweepEvery / d->sweepSlices);
    qCInfo(lcServer).noquote() << "listening on" << url().toString();
    if (d->tls)
        qCInfo(lcServer).noquote() << "TLS certificate fingerprint (SHA-256):" << tlsFingerprint();
    if (d->config.discovery) {
        d->discovery = std::make_unique<DiscoveryResponder>(DiscoveryResponder::Announcement{
            name, port(), d->tls.has_value(), tlsFingerprint(), QStringLiteral(PARLEY_VERSION)});
        // Discovery is a convenience: without it clients still connect by address.
        if (QString discoveryError;
            !d->discovery->start(d->config.bindAddress, d->config.discoveryPort, &discoveryError)) {
            qCWarning(lcServer).noquote() << "running without LAN discovery:" << discoveryError;
            d->discovery.reset();
        }
    }
    return true;
}

void ChatServer::stop()
{
    if (!d->listener)
        return;
    d->sweepTimer.stop();
    d->discovery.reset();
    d->revocations.reset();
    d->tcp->close();
    d->gate.reset();
    const auto connections = d->registry->all();
    for (ClientConnection *connection : connections) {
        connection->disconnect(this);
        connection->close(QWebSocketProtocol::CloseCodeGoingAway,
                          QStringLiteral("server shutting down"));
        delete connection;
    }
    d->typing.reset();
    d->authDeadlines.reset();
    d->registry.reset();
    d->tcp = nullptr; // deleted with the listener
    d->listener.reset();
    d->store->drain();
    // Hashes under way finish first: their continuations need the handlers that asked for them.
    d->hasher.reset();
    d->handlers.clear();
    d->store.reset();
    d->services.reset();
    d->dispatcher = Dispatcher();
}

QUrl ChatServer::url() const
{
    if (!d->listener)
        return {};
    QHostAddress address = d->tcp->serverAddress();
    if (address == QHostAddress::Any || address == QHostAddress::AnyIPv4)
        address = QHostAddress::LocalHost;
    else if (address == QHostAddress::AnyIPv6)
        address = QHostAddress::LocalHostIPv6;
    QUrl url;
    url.setScheme(d->tls ? QStringLiteral("wss") : QStringLiteral("ws"));
    url.setHost(address.toString());
    url.setPort(d->tcp->serverPort());
    url.setPath(QStringLiteral("/"));
    return url;
}

QString ChatServer::tlsFingerprint() const
{
    return d->tls ? d->tls->fingerprint() : QString();
}

quint16 ChatServer::port() const
{
    return d->tcp ? d->tcp->serverPort() : 0;
}

int ChatServer::connectionCount() const
{
    return d->registry ? d->registry->count() : 0;
}

void ChatServer::Private::accept(QWebSocket *socket)
{
    // Frames up to 4x the limit are read so they can be answered with too_large; beyond, Qt
    // closes with 1009 without buffering them.
    socket->setMaxAllowedIncomingFrameSize(quint64(config.frameLimit) * 4);
    socket->setMaxAllowedIncomingMessageSize(quint64(config.frameLimit) * 4);
    const ClientConnection::Limits limits{config.messageBurst, config.messagesPerSecond,
                                          config.typingPerSecond, config.maxQueuedBytes,
                                          config.stalledReaderTimeout.count()};
    auto *connection =
        new ClientConnection(socket, tlsSockets.take(socket), nextSerial++, limits, q);
    registry->add(connection);
    QObject::connect(connection, &ClientConnection::frameReceived, q,
                     [this, connection](const QByteArray &frame) { onFrame(connection, frame); });
    QObject::connect(connection, &ClientConnection::disconnected, q,
                     [this, connection] { onDisconnected(connection); });
    authDeadlines->watch(connection);
    if (registry->countFrom(connection->peerKey()) > config.connectionsPerAddress) {
        qCInfo(lcServer) << "refused a connection: too many from one address";
        connection->close(QWebSocketProtocol::CloseCodePolicyViolated,
                          QStringLiteral("too many connections from this address"));
    }
}

void ChatServer::Private::onFrame(ClientConnection *connection, const QByteArray &frame)
{
    if (connection->isClosing())
        return;
    const DecodeLimits limits{config.frameLimit, config.jsonDepth};
    const DecodedRequest decoded = decodeRequest(frame, limits);
    if (!decoded.request) {
        Metrics::instance().countError(errorCodeName(decoded.error.code));
        if (decoded.id.isNull())
            connection->sendFrame(encodeEvent(eventName(Event::Error), decoded.error.toJson()));
        else
            connection->sendFrame(encodeError(decoded.id, decoded.error));
        connection->noteBadFrame(config.badFramesPerMinute);
        return;
    }
    dispatcher.dispatch(connection, decoded.request->id, decoded.request->op,
                        decoded.request->data);
}

void ChatServer::Private::onDisconnected(ClientConnection *connection)
{
    if (registry)
        registry->remove(connection);
    connection->disconnect(q);
    connection->deleteLater();
}

void ChatServer::Private::sweep()
{
    const int slice = sweepSlice;
    sweepSlice = (sweepSlice + 1) % sweepSlices;
    if (slice == 0) {
        // Forget login attempts that left their window, so made-up emails cannot grow memory.
        const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
        loginFailuresByAccount->prune(nowMs);
        loginAttemptsByAddress->prune(nowMs);
        registrationsByAddress->prune(nowMs);
    }

    const qint64 idleLimit = config.idleTimeout.count();
    QList<ClientConnection *> due;
    for (ClientConnection *connection : registry->all()) {
        if (int(connection->serial() % quint64(sweepSlices)) == slice)
            due.append(connection);
    }
    // Closing can drop a connection from the registry, so not while iterating it.
    for (ClientConnection *connection : std::as_const(due)) {
        if (connection->millisSinceHeard() > idleLimit)
            connection->close(QWebSocketProtocol::CloseCodeGoingAway, QStringLiteral("no traffic"));
        else
            connection->ping();
    }
}

void ChatServer::Private::answerHttp(QTcpSocket *socket, const RequestHead &head)
{
    // Nothing else is exposed over HTTP: no static files, no API besides the WebSocket.
    if (head.path != "/healthz" && head.path != "/metrics") {
        HttpGate::respond(socket, 404, "text/plain; charset=utf-8", "not found\n");
        return;
    }
    if (head.method != "GET") {
        HttpGate::respond(socket, 405, "text/plain; charset=utf-8", "method not allowed\n",
                          "Allow: GET\r\n");
        return;
    }
    if (head.path == "/metrics") {
        HttpGate::respond(
            socket, 200, "text/plain; version=0.0.4; charset=utf-8",
            Metrics::instance().exposition(registry->count(), QStringLiteral(PARLEY_VERSION)));
        return;
    }
    // Ready means the store thread answers and the database takes a query.
    store->run(
        socket,
        [](Store &s) {
            s.takeFailure();
            s.currentRevision();
            return !s.takeFailure();
        },
        [socket](bool databaseOk) {
            const QJsonObject body{{QStringLiteral("status"),
                                    databaseOk ? QStringLiteral("ok") : QStringLiteral("fail")},
                                   {QStringLiteral("database"),
                                    databaseOk ? QStringLiteral("ok") : QStringLiteral("fail")}};
            HttpGate::respond(socket, databaseOk ? 200 : 503, "application/json",
                              QJsonDocument(body).toJson(QJsonDocument::Compact));
        });
}

} // namespace parley::server
