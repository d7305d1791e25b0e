// SPDX-License-Identifier: GPL-3.0-or-later
#include "account.h"

#include "accountsettings.h"
#include "autherrors.h"
#include "avatarencoder.h"
#include "connection.h"
#include "hostedserver.h"
#include "requests.h"
#include "results.h"
#include "secretstore.h"
#include "serveraddress.h"
#include "signedinuser.h"

#include <QLoggingCategory>
#include <QSysInfo>

using namespace Qt::StringLiterals;

namespace parley::client {

Q_LOGGING_CATEGORY(lcAccount, "parley.account")

Account::Account(const Parts &parts, QObject *parent)
    : QObject(parent)
    , m_connection(parts.connection)
    , m_secrets(parts.secrets)
    , m_host(parts.host)
    , m_settings(std::make_unique<AccountSettings>(parts.settingsFile))
    , m_user(new SignedInUser(this))
{
    connect(m_connection, &Connection::sessionStarted, this, &Account::onSessionStarted);
    connect(m_connection, &Connection::sessionRejected, this, &Account::onSessionRejected);
    connect(m_connection, &Connection::tokensChanged, this, &Account::onTokensChanged);
    connect(m_connection, &Connection::stateChanged, this, &Account::onConnectionState);
    connect(m_user, &SignedInUser::idChanged, this, &Account::userIdChanged);
    connect(m_user, &SignedInUser::changed, this, &Account::userChanged);
}

Account::~Account() = default;

QStringList Account::recentServers() const
{
    return m_settings->recentServers();
}

QString Account::lastEmail() const
{
    return m_settings->lastEmail();
}

QString Account::userId() const
{
    return m_user->id();
}

void Account::applyOwnProfile(const User &user)
{
    if (user.id != m_user->id())
        return;
    setUser(user); // changed on another device
    rememberAccount();
}

QString Account::normalizeServer(const QString &input)
{
    const QUrl url = serveraddress::normalize(input);
    return url.isValid() ? serveraddress::display(url) : QString();
}

bool Account::restore()
{
    const auto account = m_settings->lastAccount();
    if (!account || m_state != SignedOut)
        return false;
    setServerUrl(account->server);
    // This app hosted the account's server: it went with the app (or a reboot); run it again.
    if (m_host->resumeFor(account->server))
        qCInfo(lcAccount) << "hosting again on" << account->server;
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

void Account::signIn(const QString &server, const QString &email, const QString &password)
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

void Account::signUp(const QString &server, const QString &name, const QString &email,
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
    setBusy(true);
    encodeAvatar(avatar, [this, url, request](const QString &dataUri) mutable {
        request.avatar = dataUri;
        authenticate(url, Op::AuthRegister, request.toJson());
    });
}

void Account::encodeAvatar(const QString &avatar, const std::function<void(QString)> &then)
{
    // Scaling a photo takes a while: not on the GUI thread.
    avatarencoder::encodeLater(avatar, this, [this, then](const Result<QString> &encoded) {
        if (!encoded) {
            setBusy(false);
            setErrors({{u"avatar"_s, encoded.error().message}}, {});
            return;
        }
        then(encoded.value());
    });
}

void Account::authenticate(const QString &server, Op op, const QJsonObject &data)
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

void Account::onAuthAnswer(const QString &server, const Reply &reply)
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

void Account::applyAuthError(const Error &error)
{
    setErrors(autherrors::fromServer(error));
}

void Account::signOut()
{
    ++m_authGeneration;
    // Revokes the session on the server when it can still be told; no reconnect either way.
    if (m_connection->state() == Connection::Online && !m_user->isEmpty())
        m_connection->closeAfter(Op::AuthLogout, LogoutRequest{}.toJson());
    else
        m_connection->close();
    end();
}

void Account::end()
{
    if (!m_user->isEmpty())
        m_secrets->deleteSecret(SecretStore::accountKey(m_serverUrl, m_user->id()), this, {});
    forgetAccount();
    emit ending(); // the models let go of the account's data
    setUser({});
    setBusy(false);
    setState(SignedOut);
}

void Account::clearErrors()
{
    setErrors({}, {});
}

void Account::forgetServer(const QString &server)
{
    if (m_settings->removeRecentServer(server))
        emit recentServersChanged();
}

void Account::onSessionStarted(const User &user)
{
    if (user.id != m_user->id() && !m_user->isEmpty()) {
        qCWarning(lcAccount) << "the server signed in another user than expected";
    }
    setUser(user);
    rememberAccount();
}

void Account::onSessionRejected(const Error &error)
{
    qCInfo(lcAccount) << "stored session refused:" << error.message;
    end();
    setErrors({}, tr("Your session has ended. Please sign in again."));
}

void Account::onTokensChanged(const QString &, const QString &refreshToken)
{
    storeRefreshToken(refreshToken);
}

void Account::storeRefreshToken(const QString &refreshToken)
{
    if (m_user->id().isEmpty())
        return;
    m_secrets->writeSecret(
        SecretStore::accountKey(m_serverUrl, m_user->id()), refreshToken, this,
        [this](bool ok, const QString &error) {
            if (ok || m_toldKeychainRefused)
                return;
            // Only a log line used to say so, and the next start came up signed out.
            m_toldKeychainRefused = true;
            qCWarning(lcAccount) << "the keychain refused the refresh token:" << error;
            emit actionFailed(tr("The system keychain did not store your sign-in (%1), so you "
                                 "will have to sign in again next time.")
                                  .arg(error));
        });
}

void Account::onConnectionState()
{
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
    }
}

void Account::updateProfile(const QString &name, const QString &avatar, const QString &password,
                            const QString &currentPassword)
{
    // A blank name keeps the current one.
    const QString trimmed = name.trimmed();
    const bool renames = !trimmed.isEmpty() && trimmed != m_user->user().name;
    const FormErrors errors =
        autherrors::checkProfile(renames ? trimmed : QString(), password, currentPassword);
    setErrors(errors);
    if (!errors.isEmpty())
        return;
    UserUpdateRequest request;
    if (renames)
        request.name = trimmed;
    if (!password.isEmpty()) {
        request.password = password;
        request.currentPassword = currentPassword;
    }

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
    encodeAvatar(avatar, [request, send](const QString &dataUri) mutable {
        request.avatar = dataUri;
        send(request);
    });
}

void Account::setState(State state)
{
    if (m_state == state)
        return;
    const bool wasSignedIn = m_state == SignedIn;
    m_state = state;
    emit stateChanged();
    if (wasSignedIn != (state == SignedIn))
        emit signedInChanged();
}

void Account::setBusy(bool busy)
{
    if (m_busy == busy)
        return;
    m_busy = busy;
    emit busyChanged();
}

void Account::setServerUrl(const QString &url)
{
    if (m_serverUrl == url)
        return;
    m_serverUrl = url;
    emit serverUrlChanged();
}

void Account::setUser(const User &user)
{
    m_user->set(user);
}

void Account::setErrors(const FormErrors &errors)
{
    setErrors(errors.fields, errors.general);
}

void Account::setErrors(const QVariantMap &fields, const QString &general)
{
    if (m_fieldErrors == fields && m_generalError == general)
        return;
    m_fieldErrors = fields;
    m_generalError = general;
    emit errorsChanged();
}

bool Account::suggestServer(const QString &server)
{
    const QString normalized = normalizeServer(server);
    if (normalized.isEmpty())
        return false;
    rememberServer(normalized);
    return true;
}

void Account::rememberServer(const QString &server)
{
    m_settings->addRecentServer(server);
    emit recentServersChanged();
}

void Account::rememberAccount()
{
    m_settings->rememberAccount(m_serverUrl, m_user->user());
}

void Account::forgetAccount()
{
    m_settings->forgetAccount();
}

} // namespace parley::client
