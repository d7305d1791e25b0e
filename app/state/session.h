// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "account.h"
#include "chatactions.h"
#include "currentchat.h"
#include "operations.h"
#include "results.h"
#include "signedinuser.h"
#include "types.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QUrl>
#include <QVariantMap>
#include <QtQmlIntegration>

#include <chrono>
#include <functional>
#include <memory>

class QJSEngine;
class QQmlEngine;

namespace parley::client {

class AvatarCache;
class ChatListModel;
class EventRouter;
class Connection;
class HostedServer;
class MessageModel;
class NotificationModel;
class Outbox;
class SecretStore;
class Transport;
class TypingModel;
class UserSearchModel;

// The app's state as QML sees it (the Session singleton): it makes the connection, the models
// and the classes that do the work, wires them together, and keeps QML's Session.xxx names as
// a facade over them: Account (who is signed in, sign-in, profile), ChatActions (what is done
// to chats), CurrentChat (the selected chat, Session.selectedChat) and EventRouter (server news
// into the models). What is left here: the connection banner and the models' life with the
// account (loaded on sign-in, cleared on sign-out, stored per account).
class Session : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON

    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(bool signedIn READ signedIn NOTIFY stateChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged) // a sign-in/up or profile save in flight

    Q_PROPERTY(QString serverUrl READ serverUrl NOTIFY serverUrlChanged)
    Q_PROPERTY(QStringList recentServers READ recentServers NOTIFY recentServersChanged)
    // The email of the last sign-in on this computer, also after signing out ("" if none).
    Q_PROPERTY(QString lastEmail READ lastEmail NOTIFY recentServersChanged)

    Q_PROPERTY(QString userId READ userId NOTIFY userChanged)
    Q_PROPERTY(QString userName READ userName NOTIFY userChanged)
    Q_PROPERTY(QString userEmail READ userEmail NOTIFY userChanged)
    Q_PROPERTY(QString userAvatar READ userAvatar NOTIFY userChanged) // avatar id or ""
    Q_PROPERTY(QString userAvatarSource READ userAvatarSource NOTIFY userChanged) // data: URI

    // Errors of the last sign-in, sign-up or profile save, to show inline: keys "server",
    // "name", "email", "password", "currentPassword", "avatar"; values are readable sentences.
    Q_PROPERTY(QVariantMap fieldErrors READ fieldErrors NOTIFY errorsChanged)
    // An error that belongs to no single field ("Wrong email or password.").
    Q_PROPERTY(QString generalError READ generalError NOTIFY errorsChanged)

    Q_PROPERTY(parley::client::Connection *connection READ connection CONSTANT)
    Q_PROPERTY(int connectionState READ connectionStateValue NOTIFY connectionStateChanged)
    // Signed in, and the connection is authenticated and caught up.
    Q_PROPERTY(bool online READ online NOTIFY connectionStateChanged)
    // "" when online; else "Connecting…" or "Offline — reconnecting in 8 s".
    Q_PROPERTY(QString connectionBanner READ connectionBanner NOTIFY connectionBannerChanged)

    // The selected chat's id ("" for none); its holder is selectedChat.
    Q_PROPERTY(
        QString selectedChatId READ selectedChatId WRITE selectChat NOTIFY selectedChatIdChanged)
    // The selected chat for the header and group settings, as typed properties (CurrentChat).
    Q_PROPERTY(parley::client::CurrentChat *selectedChat READ currentChat CONSTANT)
    // Whether the app window has focus (main keeps it current); read marks need it.
    Q_PROPERTY(bool windowActive READ windowActive WRITE setWindowActive NOTIFY windowActiveChanged)

    Q_PROPERTY(parley::client::ChatListModel *chats READ chats CONSTANT)
    Q_PROPERTY(parley::client::MessageModel *messages READ messages CONSTANT)
    Q_PROPERTY(parley::client::NotificationModel *notifications READ notifications CONSTANT)
    Q_PROPERTY(parley::client::UserSearchModel *userSearch READ userSearch CONSTANT)
    Q_PROPERTY(parley::client::TypingModel *typing READ typing CONSTANT)
    Q_PROPERTY(parley::client::HostedServer *host READ host CONSTANT)

public:
    // Account's states, also for QML (Session.SigningIn).
    enum State { SignedOut, SigningIn, SignedIn };
    Q_ENUM(State)

    struct Options
    {
        SecretStore *secrets = nullptr; // not owned; null: the OS keychain
        QString settingsFile; // empty: the application's QSettings
        QString dataDir; // empty: QStandardPaths::AppDataLocation
        std::function<Transport *()> transportFactory; // empty: WebSocket
        std::chrono::milliseconds requestTimeout{15'000};
    };

    // No default argument: QML 6.4 would build its own singleton with it instead of calling
    // create().
    explicit Session(QObject *parent);
    explicit Session(const Options &options, QObject *parent = nullptr);
    ~Session() override;

    // For QML: the instance main() made.
    static Session *create(QQmlEngine *qmlEngine, QJSEngine *jsEngine);
    static void setInstance(Session *session);

    // The facade's account properties read Account (sign-in, profile) and its SignedInUser.
    State state() const { return static_cast<State>(m_account->state()); }
    bool signedIn() const { return state() == SignedIn; }
    bool busy() const { return m_account->busy(); }
    QString serverUrl() const { return m_account->serverUrl(); }
    QStringList recentServers() const { return m_account->recentServers(); }
    QString lastEmail() const { return m_account->lastEmail(); }
    QString userId() const { return user().id; }
    QString userName() const { return user().name; }
    QString userEmail() const { return user().email; }
    QString userAvatar() const { return user().avatar; }
    QString userAvatarSource() const;
    const User &user() const { return m_account->user()->user(); }
    Account *account() const { return m_account; }
    QVariantMap fieldErrors() const { return m_account->fieldErrors(); }
    QString generalError() const { return m_account->generalError(); }

    Connection *connection() const { return m_connection; }
    int connectionStateValue() const;
    bool online() const;
    QString connectionBanner() const;

    QString selectedChatId() const { return m_current->chatId(); }
    CurrentChat *currentChat() const { return m_current; }
    // The selected chat's properties by name (tests).
    QVariantMap selectedChat() const { return m_current->toMap(); }
    bool windowActive() const { return m_actions->windowActive(); }
    void setWindowActive(bool active);

    ChatListModel *chats() const { return m_chats; }
    MessageModel *messages() const { return m_messages; }
    NotificationModel *notifications() const { return m_notifications; }
    UserSearchModel *userSearch() const { return m_userSearch; }
    TypingModel *typing() const { return m_typing; }
    HostedServer *host() const { return m_host; }
    Outbox *outbox() const { return m_outbox; }

    // Signs in silently with the last account's stored refresh token, if there is one.
    // Returns whether it tried.
    Q_INVOKABLE bool restore() { return m_account->restore(); }
    // server: "host", "host:port" or a ws:// / wss:// URL.
    Q_INVOKABLE void signIn(const QString &server, const QString &email, const QString &password)
    {
        m_account->signIn(server, email, password);
    }
    // avatar: "" for none, a local file (path or file: URL) or a data:image URI.
    Q_INVOKABLE void signUp(const QString &server, const QString &name, const QString &email,
                            const QString &password, const QString &avatar = {})
    {
        m_account->signUp(server, name, email, password, avatar);
    }
    Q_INVOKABLE void signOut() { m_account->signOut(); }
    Q_INVOKABLE void clearErrors() { m_account->clearErrors(); }
    Q_INVOKABLE void forgetServer(const QString &server) { m_account->forgetServer(server); }
    // Puts a server first among the recent ones, so the sign-in page offers it (parley --server).
    // Returns false when the text is not a server address.
    bool suggestServer(const QString &server) { return m_account->suggestServer(server); }

    // "" deselects.
    Q_INVOKABLE void selectChat(const QString &chatId) { m_actions->selectChat(chatId); }
    Q_INVOKABLE void openDirectChat(const QString &userId) { m_actions->openDirectChat(userId); }
    Q_INVOKABLE void createGroup(const QString &name, const QStringList &userIds)
    {
        m_actions->createGroup(name, userIds);
    }
    Q_INVOKABLE void renameChat(const QString &chatId, const QString &name)
    {
        m_actions->renameChat(chatId, name);
    }
    Q_INVOKABLE void addMember(const QString &chatId, const QString &userId)
    {
        m_actions->addMember(chatId, userId);
    }
    Q_INVOKABLE void removeMember(const QString &chatId, const QString &userId)
    {
        m_actions->removeMember(chatId, userId);
    }
    Q_INVOKABLE void leaveChat(const QString &chatId) { m_actions->leaveChat(chatId); }
    // Empty name or avatar: unchanged; avatar "none" removes the picture; an empty password
    // keeps it (then currentPassword is not needed).
    Q_INVOKABLE void updateProfile(const QString &name, const QString &avatar,
                                   const QString &password, const QString &currentPassword)
    {
        m_account->updateProfile(name, avatar, password, currentPassword);
    }
    Q_INVOKABLE void retryNow();
    // The data: URI of an avatar id ("" while loading); avatarsChanged() when more arrive.
    Q_INVOKABLE QString avatarSource(const QString &avatarId) const;

    // Normalises what a user typed into a server address ("" when it is not one).
    static QString normalizeServer(const QString &input) { return Account::normalizeServer(input); }

signals:
    void stateChanged();
    void busyChanged();
    void serverUrlChanged();
    void recentServersChanged();
    void userChanged();
    void errorsChanged();
    void connectionStateChanged();
    void connectionBannerChanged();
    void selectedChatIdChanged();
    void windowActiveChanged();
    void avatarsChanged();
    void signedInChanged();
    // One transient, user-facing message (a toast), e.g. a failed rename.
    void actionFailed(const QString &message);
    // One transient piece of news for the user (a toast), e.g. "You were removed from …".
    void notice(const QString &message);
    void profileSaved();
    // A chat was created or opened on request (openDirectChat, createGroup).
    void chatOpened(const QString &chatId);
    // A message arrived that the user should be told about outside the window: in a chat not on
    // screen, or any chat while the window is inactive. DesktopNotifier shows it.
    void notificationWanted(const QString &chatId, const QString &title, const QString &body);

private:
    void init(const Options &options);
    void connectAccount();
    void onSessionStarted();
    void onConnectionState();
    void onUserIdChanged();
    void loadChats();
    void resetState();
    QString accountDir() const;

    SecretStore *m_secrets = nullptr;
    QString m_dataDir;
    Connection *m_connection = nullptr;
    HostedServer *m_host = nullptr;
    Account *m_account = nullptr;
    Outbox *m_outbox = nullptr;
    AvatarCache *m_avatars = nullptr;
    ChatListModel *m_chats = nullptr;
    MessageModel *m_messages = nullptr;
    NotificationModel *m_notifications = nullptr;
    UserSearchModel *m_userSearch = nullptr;
    TypingModel *m_typing = nullptr;
    EventRouter *m_router = nullptr;
    CurrentChat *m_current = nullptr;
    ChatActions *m_actions = nullptr;
};

} // namespace parley::client
