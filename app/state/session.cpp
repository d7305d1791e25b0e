// SPDX-License-Identifier: GPL-3.0-or-later
#include "session.h"

#include "account.h"
#include "avatarcache.h"
#include "chatactions.h"
#include "chatlistmodel.h"
#include "connection.h"
#include "currentchat.h"
#include "eventrouter.h"
#include "hostedserver.h"
#include "keychainsecretstore.h"
#include "messagemodel.h"
#include "notificationmodel.h"
#include "outbox.h"
#include "results.h"
#include "serveraddress.h"
#include "signedinuser.h"
#include "typingmodel.h"
#include "usersearchmodel.h"
#include "websockettransport.h"

#include <QDir>
#include <QGuiApplication>
#include <QJSEngine>
#include <QLoggingCategory>
#include <QPointer>
#include <QQmlEngine>
#include <QStandardPaths>

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
    m_account = new Account({m_connection, m_secrets, m_host, options.settingsFile}, this);
    const SignedInUser *viewer = m_account->user();
    m_current = new CurrentChat(m_chats, m_avatars, viewer, this);
    connectAccount();

    connect(m_connection, &Connection::sessionStarted, this, &Session::onSessionStarted);
    connect(m_connection, &Connection::stateChanged, this, &Session::onConnectionState);
    connect(m_connection, &Connection::secondsToRetryChanged, this,
            &Session::connectionBannerChanged);
    connect(m_connection, &Connection::certificateErrorChanged, this,
            &Session::connectionBannerChanged);
    m_router =
        new EventRouter({m_chats, m_messages, m_notifications, m_userSearch, m_typing, m_outbox},
                        viewer, m_current, this);
    connect(m_connection, &Connection::synced, m_router, &EventRouter::applySync);
    connect(m_connection, &Connection::eventReceived, m_router, &EventRouter::applyEvent);
    connect(m_router, &EventRouter::notificationWanted, this, &Session::notificationWanted);
    connect(m_router, &EventRouter::chatListStale, this, &Session::loadChats);
    connect(m_router, &EventRouter::ownProfileChanged, m_account, &Account::applyOwnProfile);
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
                                 m_typing, m_userSearch, m_current, viewer},
                                this);
    connect(m_actions, &ChatActions::selectionChanged, this, &Session::selectedChatIdChanged);
    connect(m_actions, &ChatActions::chatOpened, this, &Session::chatOpened);
    connect(m_actions, &ChatActions::actionFailed, this, &Session::actionFailed);
}

// --- properties ---

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
    return signedIn() && m_connection->state() == Connection::Online;
}

QString Session::connectionBanner() const
{
    if (!signedIn())
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

void Session::setWindowActive(bool active)
{
    if (m_actions->windowActive() == active)
        return;
    m_router->setWindowActive(active);
    m_actions->setWindowActive(active);
    emit windowActiveChanged();
}

QString Session::avatarSource(const QString &avatarId) const
{
    return m_avatars->source(avatarId);
}

void Session::connectAccount()
{
    static_assert(int(SignedOut) == int(Account::SignedOut)
                  && int(SignedIn) == int(Account::SignedIn)
                  && int(SigningIn) == int(Account::SigningIn));
    connect(m_account, &Account::stateChanged, this, [this] {
        emit stateChanged();
        emit connectionStateChanged(); // online and the banner count only while signed in
        emit connectionBannerChanged();
    });
    connect(m_account, &Account::signedInChanged, this, &Session::signedInChanged);
    connect(m_account, &Account::busyChanged, this, &Session::busyChanged);
    connect(m_account, &Account::serverUrlChanged, this, &Session::serverUrlChanged);
    connect(m_account, &Account::recentServersChanged, this, &Session::recentServersChanged);
    connect(m_account, &Account::userIdChanged, this, &Session::onUserIdChanged);
    connect(m_account, &Account::userChanged, this, &Session::userChanged);
    connect(m_account, &Account::errorsChanged, this, &Session::errorsChanged);
    connect(m_account, &Account::profileSaved, this, &Session::profileSaved);
    connect(m_account, &Account::actionFailed, this, &Session::actionFailed);
    connect(m_account, &Account::ending, this, &Session::resetState);
}

void Session::onSessionStarted()
{
    m_chats->setLoading(m_chats->count() == 0);
    // Sent after the catch-up sync: the list then includes everything it brought.
    loadChats();
    m_messages->reload();
}

void Session::onConnectionState()
{
    emit connectionStateChanged();
    emit connectionBannerChanged();
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

void Session::retryNow()
{
    m_connection->retryNow();
}

// --- state helpers ---

// Another account (or none): what the models mark as "own", and where its files are.
void Session::onUserIdChanged()
{
    const QString userId = m_account->userId();
    m_chats->setCurrentUserId(userId);
    m_messages->setCurrentUserId(userId);
    const QString dir = userId.isEmpty() ? QString() : accountDir();
    m_notifications->setStoragePath(dir.isEmpty() ? dir : dir + u"/notifications.json"_s);
    m_outbox->setStoragePath(dir.isEmpty() ? dir : dir + u"/outbox.json"_s);
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
}

QString Session::accountDir() const
{
    return m_dataDir + u'/' + serveraddress::directoryKey(serverUrl()) + u'/' + user().id;
}

} // namespace parley::client
