// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "operations.h"
#include "types.h"

#include <QJsonObject>
#include <QObject>
#include <QStringList>
#include <QVariantMap>

#include <functional>
#include <memory>

namespace parley {
struct Error;
}

namespace parley::client {

struct FormErrors;
struct Reply;

class AccountSettings;
class Connection;
class HostedServer;
class SecretStore;
class SignedInUser;

// Who is signed in where, and the way there: sign in, sign up, silent sign-in with the stored
// refresh token, sign out, the token's rotation in the keychain, and the user's own profile.
// It owns SignedInUser, the one holder of the user, and the form errors of these requests.
class Account : public QObject
{
    Q_OBJECT

    Q_PROPERTY(QString userId READ userId NOTIFY userIdChanged)

public:
    enum State { SignedOut, SigningIn, SignedIn };
    Q_ENUM(State)

    struct Parts
    {
        Connection *connection;
        SecretStore *secrets;
        HostedServer *host; // runs again a server this app hosted for the last account
        QString settingsFile; // empty: the application's QSettings
    };

    explicit Account(const Parts &parts, QObject *parent = nullptr);
    ~Account() override;

    State state() const { return m_state; }
    bool busy() const { return m_busy; } // a sign-in/up or profile save in flight
    QString serverUrl() const { return m_serverUrl; }
    QStringList recentServers() const;
    QString lastEmail() const;
    QString userId() const;
    const SignedInUser *user() const { return m_user; }
    QVariantMap fieldErrors() const { return m_fieldErrors; }
    QString generalError() const { return m_generalError; }

    bool restore();
    void signIn(const QString &server, const QString &email, const QString &password);
    void signUp(const QString &server, const QString &name, const QString &email,
                const QString &password, const QString &avatar);
    void signOut();
    void clearErrors();
    void forgetServer(const QString &server);
    bool suggestServer(const QString &server);
    void updateProfile(const QString &name, const QString &avatar, const QString &password,
                       const QString &currentPassword);
    // user.updated for the signed-in user: renamed or a new picture on another device.
    void applyOwnProfile(const User &user);

    static QString normalizeServer(const QString &input);

signals:
    void stateChanged();
    void signedInChanged();
    void busyChanged();
    void serverUrlChanged();
    void recentServersChanged();
    void userIdChanged();
    void userChanged();
    void errorsChanged();
    void profileSaved();
    void actionFailed(const QString &message);
    // Signing out or refused: what was shown of the account goes now, before the user does.
    void ending();

private:
    void setState(State state);
    void setBusy(bool busy);
    void setServerUrl(const QString &url);
    void setUser(const User &user);
    void setErrors(const QVariantMap &fields, const QString &general);
    void setErrors(const FormErrors &errors);
    void authenticate(const QString &server, Op op, const QJsonObject &data);
    void onAuthAnswer(const QString &server, const Reply &reply);
    void applyAuthError(const Error &error);
    void onSessionStarted(const User &user);
    void onSessionRejected(const Error &error);
    void onTokensChanged(const QString &accessToken, const QString &refreshToken);
    void storeRefreshToken(const QString &refreshToken);
    void onConnectionState();
    // The picture as a data: URI, made off the GUI thread; a failure is the avatar's error.
    void encodeAvatar(const QString &avatar, const std::function<void(QString)> &then);
    void rememberServer(const QString &server);
    void rememberAccount();
    void forgetAccount();
    // Signed out or refused: the stored sign-in, the account and what was shown of it go.
    void end();

    Connection *m_connection;
    SecretStore *m_secrets;
    HostedServer *m_host;
    std::unique_ptr<AccountSettings> m_settings;
    SignedInUser *m_user;

    State m_state = SignedOut;
    bool m_busy = false;
    QString m_serverUrl;
    QVariantMap m_fieldErrors;
    QString m_generalError;
    quint64 m_authGeneration = 0; // answers to an earlier attempt are dropped
    bool m_toldKeychainRefused = false; // once per sign-in: every token rotation fails alike
};

} // namespace parley::client
