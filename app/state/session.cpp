#include "session.h"

#include "accountsettings.h"
#include "autherrors.h"
#include "avatarcache.h"
#include "avatarencoder.h"
#include "chatactions.h"
#include "chatlistmodel.h"
#include "connection.h"
#include "currentchat.h"
#include "eventrouter.h"
#include "formrules.h"
#include "hostedserver.h"
#include "keychainsecretstore.h"
#include "messagemodel.h"
#include "notificationmodel.h"
#include "outbox.h"
#include "requests.h"
#include "results.h"
#include "serveraddress.h"
#include "signedinuser.h"
#include "typingmodel.h"
#include "usersearchmodel.h"
#include "websockettransport.h"

#include <QDir>
#include <QFutureWatcher>
#include <QGuiApplication>
#include <QJSEngine>
#include <QLoggingCategory>
#include <QPointer>
#include <QQmlEngine>
#include <QStandardPaths>
#include <QSysInfo>
#include <QtConcurrent>

using namespace Qt::StringLiterals;

namespace parley::client {

Q_LOGGING_CATEGORY(lcSession, "parley.session")

namespace {

QPointer<Session> s_instance;

} // namespace

Session::Session(QObject *parent)
    : QObject(parent)
{
    init({});
}

Session::Session(const Options &options, QObject *parent)
    : QObject(parent)
{
    init(options);
}

Session::~Session()
{
    if (s_instance == this)
        s_instance = nullptr;
}

Session *Session::create(QQmlEngine *qmlEngine, QJSEngine *)
{
    if (!s_instance) {
        // A QML test or tool without main(): a session of its own, owned by the engine.
        qCInfo(lcSession) << "no Session was set; QML gets a new one";
        s_instance = new Session(qmlEngine);
    }
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    return s_instance;
}

void Session::setInstance(Session *session)
{
    s_instance = session;
}

void Session::init(const Options &options)
{
    m_settings = std::make_unique<AccountSettings>(options.settingsFile);
    m_secrets = options.secrets ? options.secrets : new KeychainSecretStore(this);
    m_dataDir = options.dataDir.isEmpty()
        ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
        : options.dataDir;

    // Certificate pins live beside the other settings.
    m_connection = new Connection(
        options.transportFactory ? options.transportFactory()
                                 : new WebSocketTransport(CertificatePins(options.settingsFile)),
        this);
    m_connection->setRequestTimeout(options.requestTimeout);
    m_outbox = new Outbox(m_connection, this);
    m_avatars = new AvatarCache(m_connection, this);
    m_chats = new ChatListModel(m_avatars, this);
    m_messages = new MessageModel(m_connection, m_outbox, m_avatars, this);
    m_notifications = new NotificationModel(this);
    m_userSearch = new UserSearchModel(m_connection, m_avatars, this);
    m_typing = new TypingModel(m_connection, this);
    m_host = new HostedServer(this);
    m_viewer = new SignedInUser(this);
    m_current = new CurrentChat(m_chats, m_avatars, m_viewer, this);
    connect(m_viewer, &SignedInUser::idChanged, this, &Session::onUserIdChanged);
    connect(m_viewer, &SignedInUser::changed, this, &Session::userChanged);

    connect(m_connection, &Connection::sessionStarted, this, &Session::onSessionStarted);
    connect(m_connection, &Connection::sessionRejected, this, &Session::onSessionRejected);
    connect(m_connection, &Connection::tokensChanged, this, &Session::onTokensChanged);
    connect(m_connection, &Connection::stateChanged, this, &Session::onConnectionState);
    connect(m_connection, &Connection::secondsToRetryChanged, this,
            &Session::connectionBannerChanged);
    connect(m_connection, &Connection::certificateErrorChanged, this,
            &Session::connectionBannerChanged);
    m_router =
        new EventRouter({m_chats, m_messages, m_notifications, m_userSearch, m_typing, m_outbox},
                        m_viewer, m_current, this);
    connect(m_connection, &Connection::synced, m_router, &EventRouter::applySync);
    connect(m_connection, &Connection::eventReceived, m_router, &EventRouter::applyEvent);
    connect(m_router, &EventRouter::notificationWanted, this, &Session::notificationWanted);
    connect(m_router, &EventRouter::chatListStale, this, &Session::loadChats);
    connect(m_router, &EventRouter::ownProfileChanged, this, [this](const User &user) {
        if (user.id != m_viewer->id())
            return;
        setUser(user); // changed on another device
        rememberAccount();
    });
    connect(m_router, &EventRouter::removedFromChat, this,
            [this](const QString &, const QString &title) {
                emit notice(tr("You were removed from “%1”.").arg(title));
            });

    connect(m_avatars, &AvatarCache::avatarReady, this, [this](const QString &avatarId) {
        emit avatarsChanged();
        if (avatarId == user().avatar)
            emit userChanged();
    });
    // The open chat's members and name follow the list (CurrentChat follows it by itself).
    connect(m_chats, &ChatListModel::chatChanged, this, [this](const QString &chatId) {
        if (chatId != selectedChatId())
            return;
        if (const Chat *chat = m_chats->chat(chatId))
            m_messages->updateChat(*chat);
    });
    connect(m_typing, &TypingModel::chatTypingChanged, m_chats, &ChatListModel::setTypingText);
    connect(m_outbox, &Outbox::added, m_typing, &TypingModel::stopTyping);
    connect(m_messages, &MessageModel::actionFailed, this, &Session::actionFailed);
    m_actions = new ChatActions({m_connection, m_router, m_chats, m_messages, m_notifications,
                                 m_typing, m_userSearch, m_current, m_viewer},
                                this);
    connect(m_actions, &ChatActions::selectionChanged, this, &Session::selectedChatIdChanged);
    connect(m_actions, &ChatActions::chatOpened, this, &Session::chatOpened);
    connect(m_actions, &ChatActions::actionFailed, this, &Session::actionFailed);
}

// --- properties ---

QStringList Session::recentServers() const
{
    return m_settings->recentServers();
}

QString Session::lastEmail() const
{
    return m_settings->lastEmail();
}

QString Session::userAvatarSource() const
{
    return m_avatars->source(user().avatar);
}

int Session::connectionStateValue() const
{
    return m_connection->state();
}

bool Session::online() const
{
    return m_state == SignedIn && m_connection->state() == Connection::Online;
}

QString Session::connectionBanner() const
{
    if (m_state != SignedIn)
        return {};
    // A refused certificate is no passing outage: name the problem, not a countdown.
    if (!m_connection->certificateError().isEmpty() && m_connection->state() != Connection::Online)
        return m_connection->certificateError();
    switch (m_connection->state()) {
    case Connection::Online:
    case Connection::Disconnected:
        return {};
    case Connection::Connecting:
        return tr("Connecting…");
    case Connection::Offline: {
        const int seconds = m_connection->secondsToRetry();
        return seconds > 0 ? tr("Offline — reconnecting in %n s", nullptr, seconds)
                           : tr("Offline — reconnecting…");
    }
    }
    return {};
}

const User &Session::user() const
{
    return m_viewer->user();
}

QString Session::selectedChatId() const
{
    return m_current->chatId();
}

QVariantMap Session::selectedChat() const
{
    return m_current->toMap();
}

void Session::setWindowActive(bool active)
{
    if (m_actions->windowActive() == active)
        return;
    m_router->setWindowActive(active);
    m_actions->setWindowActive(active);
    emit windowActiveChanged();
}

bool Session::windowActive() const
{
    return m_actions->windowActive();
}

QString Session::avatarSource(const QString &avatarId) const
{
    return m_avatars->source(avatarId);
}

QString Session::normalizeServer(const QString &input)
{
    const QUrl url = serveraddress::normalize(input);
    return url.isValid() ? serveraddress::display(url) : QString();
}

// --- sign in, up and out ---

bool Session::restore()
{
    const auto account = m_settings->lastAccount();
    if (!account || m_state != SignedOut)
        return false;
    setServerUrl(account->server);
    // This app hosted the account's server: it went with the app (or a reboot); run it again.
    if (m_host->resumeFor(account->server))
        qCInfo(lcSession) << "hosting again on" << account->server;
    setState(SigningIn);
    const quint64 generation = ++m_authGeneration;
    m_secrets->readSecret(
        SecretStore::accountKey(account->server, account->user.id), this,
        [this, account = *account, generation](const SecretStore::ReadResult &secret) {
            if (generation != m_authGeneration)
                return;
            if (!secret.found || secret.secret.isEmpty()) {
                setState(SignedOut);
                if (!secret.error.isEmpty())
                    setErrors({},
                              tr("The system keychain did not give back your sign-in (%1). "
                                 "Please sign in again.")
                                  .arg(secret.error));
                return;
            }
            // Show the app at once; the connection catches up when it can.
            m_connection->resumeSession(serveraddress::normalize(account.server), secret.secret);
            setUser(account.user);
            setState(SignedIn);
        });
    return true;
}

void Session::signIn(const QString &server, const QString &email, const QString &password)
{
    const FormErrors errors = autherrors::checkSignIn(server, email, password);
    setErrors(errors);
    if (!errors.isEmpty())
        return;
    const QString url = normalizeServer(server);
    LoginRequest request;
    request.email = email.trimmed();
    request.password = password;
    request.device = QSysInfo::machineHostName();
    authenticate(url, Op::AuthLogin, request.toJson());
}

void Session::signUp(const QString &server, const QString &name, const QString &email,
                     const QString &password, const QString &avatar)
{
    const FormErrors errors = autherrors::checkSignUp(server, name, email, password);
    setErrors(errors);
    if (!errors.isEmpty())
        return;
    const QString url = normalizeServer(server);

    RegisterRequest request;
    request.name = name.trimmed();
    request.email = email.trimmed();
    request.password = password;
    if (avatar.isEmpty()) {
        authenticate(url, Op::AuthRegister, request.toJson());
        return;
    }
    // Scaling a photo takes a while: not on the GUI thread.
    setBusy(true);
    auto *watcher = new QFutureWatcher<Result<QString>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, url, request]() mutable {
        watcher->deleteLater();
        const Result<QString> encoded = watcher->result();
        if (!encoded) {
            setBusy(false);
            setErrors({{u"avatar"_s, encoded.error().message}}, {});
            return;
        }
        request.avatar = encoded.value();
        authenticate(url, Op::AuthRegister, request.toJson());
    });
    watcher->setFuture(QtConcurrent::run([avatar] { return avatarencoder::encode(avatar); }));
}

void Session::authenticate(const QString &server, Op op, const QJsonObject &data)
{
    const quint64 generation = ++m_authGeneration;
    m_connection->close();
    m_connection->open(serveraddress::normalize(server));
    setServerUrl(server);
    setBusy(true);
    setState(SigningIn);
    m_connection->request(op, data, this, [this, server, generation](const Reply &reply) {
        if (generation == m_authGeneration)
            onAuthAnswer(server, reply);
    });
}

void Session::onAuthAnswer(const QString &server, const Reply &reply)
{
    setBusy(false);
    if (!reply.ok()) {
        m_connection->close();
        setState(SignedOut);
        if (reply.isTransient()) {
            const QString why = m_connection->lastError();
            setErrors({{u"server"_s,
                        why.isEmpty() ? tr("The server did not answer.")
                                      : tr("Cannot reach the server: %1").arg(why)}},
                      {});
        } else {
            applyAuthError(reply.error);
        }
        return;
    }
    const auto auth = AuthResult::fromJson(reply.data);
    if (!auth) {
        m_connection->close();
        setState(SignedOut);
        setErrors({}, tr("The server sent an answer this app does not understand."));
        return;
    }
    setErrors({}, {});
    setServerUrl(server);
    rememberServer(server);
    setUser(auth->user);
    m_toldKeychainRefused = false;
    storeRefreshToken(auth->refreshToken);
    rememberAccount();
    emit recentServersChanged(); // lastEmail
    setState(SignedIn);
    m_connection->beginSession(*auth);
}

void Session::applyAuthError(const Error &error)
{
    setErrors(autherrors::fromServer(error));
}

void Session::signOut()
{
    const QString server = m_serverUrl;
    const QString userId = user().id;
    ++m_authGeneration;
    // Revokes the session on the server when it can still be told; no reconnect either way.
    if (m_connection->state() == Connection::Online && !userId.isEmpty())
        m_connection->closeAfter(Op::AuthLogout, LogoutRequest{}.toJson());
    else
        m_connection->close();
    if (!userId.isEmpty())
        m_secrets->deleteSecret(SecretStore::accountKey(server, userId), this, {});
    forgetAccount();
    resetState();
    setState(SignedOut);
}

void Session::clearErrors()
{
    setErrors({}, {});
}

void Session::forgetServer(const QString &server)
{
    if (m_settings->removeRecentServer(server))
        emit recentServersChanged();
}

void Session::onSessionStarted(const User &user)
{
    if (user.id != m_viewer->id() && !m_viewer->isEmpty()) {
        qCWarning(lcSession) << "the server signed in another user than expected";
    }
    setUser(user);
    rememberAccount();
    m_chats->setLoading(m_chats->count() == 0);
    // Sent after the catch-up sync: the list then includes everything it brought.
    loadChats();
    m_messages->reload();
}

void Session::onSessionRejected(const Error &error)
{
    qCInfo(lcSession) << "stored session refused:" << error.message;
    const QString server = m_serverUrl;
    const QString userId = user().id;
    if (!userId.isEmpty())
        m_secrets->deleteSecret(SecretStore::accountKey(server, userId), this, {});
    forgetAccount();
    resetState();
    setState(SignedOut);
    setErrors({}, tr("Your session has ended. Please sign in again."));
}

void Session::onTokensChanged(const QString &, const QString &refreshToken)
{
    storeRefreshToken(refreshToken);
}

void Session::storeRefreshToken(const QString &refreshToken)
{
    if (user().id.isEmpty())
        return;
    m_secrets->writeSecret(
        SecretStore::accountKey(m_serverUrl, user().id), refreshToken, this,
        [this](bool ok, const QString &error) {
            if (ok || m_toldKeychainRefused)
                return;
            // Only a log line used to say so, and the next start came up signed out.
            m_toldKeychainRefused = true;
            qCWarning(lcSession) << "the keychain refused the refresh token:" << error;
            emit actionFailed(tr("The system keychain did not store your sign-in (%1), so you "
                                 "will have to sign in again next time.")
                                  .arg(error));
        });
}

void Session::onConnectionState()
{
    emit connectionStateChanged();
    emit connectionBannerChanged();
    // Signing in to a server that cannot be reached: say so now, not when the request times out.
    if (m_state == SigningIn && m_busy && m_connection->state() == Connection::Offline) {
        ++m_authGeneration;
        const QString why = m_connection->lastError();
        m_connection->close();
        setBusy(false);
        setState(SignedOut);
        if (const QString refused = m_connection->certificateError(); !refused.isEmpty())
            setErrors({}, refused);
        else
            setErrors({{u"server"_s, tr("Cannot reach the server: %1").arg(why)}}, {});
        return;
    }
    if (m_connection->state() == Connection::Online)
        m_actions->markSelectedRead();
}

void Session::loadChats()
{
    m_connection->request(Op::ChatList, {}, this, [this](const Reply &reply) {
        if (!reply.ok()) {
            m_chats->setLoading(false);
            if (!reply.isTransient())
                emit actionFailed(reply.error.message);
            return;
        }
        const auto list = ChatList::fromJson(reply.data);
        if (!list) {
            m_chats->setLoading(false);
            return;
        }
        m_chats->setChats(list->chats);
        if (!selectedChatId().isEmpty() && !m_chats->chat(selectedChatId())
            && !m_current->isDraft())
            m_actions->selectChat({});
        if (const Chat *chat = m_chats->chat(selectedChatId()))
            m_messages->updateChat(*chat);
        m_actions->markSelectedRead();
    });
}

// --- chats: ChatActions does them ---

void Session::selectChat(const QString &chatId)
{
    m_actions->selectChat(chatId);
}

void Session::openDirectChat(const QString &userId)
{
    m_actions->openDirectChat(userId);
}

void Session::createGroup(const QString &name, const QStringList &userIds)
{
    m_actions->createGroup(name, userIds);
}

void Session::renameChat(const QString &chatId, const QString &name)
{
    m_actions->renameChat(chatId, name);
}

void Session::addMember(const QString &chatId, const QString &userId)
{
    m_actions->addMember(chatId, userId);
}

void Session::removeMember(const QString &chatId, const QString &userId)
{
    m_actions->removeMember(chatId, userId);
}

void Session::leaveChat(const QString &chatId)
{
    m_actions->leaveChat(chatId);
}

void Session::updateProfile(const QString &name, const QString &avatar, const QString &password,
                            const QString &currentPassword)
{
    QVariantMap errors;
    UserUpdateRequest request;
    if (!name.trimmed().isEmpty() && name.trimmed() != user().name) {
        if (const QString problem = FormRules::nameProblem(name); !problem.isEmpty())
            errors.insert(u"name"_s, problem);
        request.name = name.trimmed();
    }
    if (!password.isEmpty()) {
        if (const QString problem = FormRules::passwordProblem(password); !problem.isEmpty())
            errors.insert(u"password"_s, problem);
        if (const QString problem = FormRules::currentPasswordProblem(currentPassword);
            !problem.isEmpty())
            errors.insert(u"currentPassword"_s, problem);
        request.password = password;
        request.currentPassword = currentPassword;
    }
    setErrors(errors, {});
    if (!errors.isEmpty())
        return;

    auto send = [this](const UserUpdateRequest &update) {
        m_connection->request(Op::UserUpdate, update.toJson(), this, [this](const Reply &reply) {
            setBusy(false);
            if (!reply.ok()) {
                if (reply.error.code == ErrorCode::Forbidden)
                    setErrors({{u"currentPassword"_s, tr("The current password is wrong.")}}, {});
                else if (reply.isTransient())
                    setErrors({}, tr("Not saved: the server could not be reached."));
                else
                    applyAuthError(reply.error);
                return;
            }
            if (const auto result = UserResult::fromJson(reply.data)) {
                setUser(result->user);
                rememberAccount();
            }
            emit profileSaved();
        });
    };

    setBusy(true);
    if (avatar.isEmpty()) {
        send(request);
        return;
    }
    if (avatar == u"none"_s) {
        request.avatar = QString(); // present and null: remove the picture
        send(request);
        return;
    }
    auto *watcher = new QFutureWatcher<Result<QString>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, request, send]() mutable {
        watcher->deleteLater();
        const Result<QString> encoded = watcher->result();
        if (!encoded) {
            setBusy(false);
            setErrors({{u"avatar"_s, encoded.error().message}}, {});
            return;
        }
        request.avatar = encoded.value();
        send(request);
    });
    watcher->setFuture(QtConcurrent::run([avatar] { return avatarencoder::encode(avatar); }));
}

void Session::retryNow()
{
    m_connection->retryNow();
}

// --- state helpers ---

void Session::setState(State state)
{
    if (m_state == state)
        return;
    const bool wasSignedIn = m_state == SignedIn;
    m_state = state;
    emit stateChanged();
    emit connectionStateChanged();
    emit connectionBannerChanged();
    if (wasSignedIn != (state == SignedIn))
        emit signedInChanged();
}

void Session::setBusy(bool busy)
{
    if (m_busy == busy)
        return;
    m_busy = busy;
    emit busyChanged();
}

void Session::setServerUrl(const QString &url)
{
    if (m_serverUrl == url)
        return;
    m_serverUrl = url;
    emit serverUrlChanged();
}

void Session::setUser(const User &user)
{
    m_viewer->set(user);
}

// Another account (or none): what the models mark as "own", and where its files are.
void Session::onUserIdChanged()
{
    const QString userId = m_viewer->id();
    m_chats->setCurrentUserId(userId);
    m_messages->setCurrentUserId(userId);
    const QString dir = userId.isEmpty() ? QString() : accountDir();
    m_notifications->setStoragePath(dir.isEmpty() ? dir : dir + u"/notifications.json"_s);
    m_outbox->setStoragePath(dir.isEmpty() ? dir : dir + u"/outbox.json"_s);
}

void Session::setErrors(const FormErrors &errors)
{
    setErrors(errors.fields, errors.general);
}

void Session::setErrors(const QVariantMap &fields, const QString &general)
{
    if (m_fieldErrors == fields && m_generalError == general)
        return;
    m_fieldErrors = fields;
    m_generalError = general;
    emit errorsChanged();
}

bool Session::suggestServer(const QString &server)
{
    const QString normalized = normalizeServer(server);
    if (normalized.isEmpty())
        return false;
    rememberServer(normalized);
    return true;
}

void Session::rememberServer(const QString &server)
{
    m_settings->addRecentServer(server);
    emit recentServersChanged();
}

void Session::rememberAccount()
{
    m_settings->rememberAccount(m_serverUrl, user());
}

void Session::forgetAccount()
{
    m_settings->forgetAccount();
}

void Session::resetState()
{
    m_actions->selectChat({});
    m_outbox->clear();
    m_chats->clear();
    m_typing->clear();
    m_userSearch->clear();
    m_avatars->clear();
    m_router->clear();
    setUser({});
    setBusy(false);
}

QString Session::accountDir() const
{
    return m_dataDir + u'/' + serveraddress::directoryKey(m_serverUrl) + u'/' + user().id;
}

} // namespace parley::client
