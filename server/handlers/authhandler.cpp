// SPDX-License-Identifier: GPL-3.0-or-later
#include "authhandler.h"

#include "auth/invitecodes.h"
#include "auth/refreshtokens.h"
#include "dispatcher.h"
#include "requests.h"
#include "results.h"
#include "validation.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcAuth, "parley.server.auth")

using namespace Qt::StringLiterals;

namespace parley::server {

namespace {
const QString WrongCredentials = QStringLiteral("wrong email or password");

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// server.info's "registration": how this server takes new accounts.
QString registrationMode(const ServerConfig &config)
{
    if (config.registrationOpen)
        return QStringLiteral("open");
    return config.registrationByInvite ? QStringLiteral("invite") : QStringLiteral("closed");
}

// Whether a sign-up may go ahead. The invite is looked at first, so that somebody without a
// valid code cannot learn which emails have accounts.
enum class SignUp { Allowed, InviteRefused, EmailTaken };

SignUp checkSignUp(Store &store, const QString &email, const QByteArray &inviteHash,
                   const QDateTime &now)
{
    if (!inviteHash.isEmpty() && !store.inviteUsable(inviteHash, now))
        return SignUp::InviteRefused;
    return store.credentialsByEmail(email) ? SignUp::EmailTaken : SignUp::Allowed;
}

// The account, made in one transaction with the spending of the invite (when one is needed);
// or, when there is none, why not.
struct NewAccount
{
    std::optional<User> user;
    SignUp refusal = SignUp::EmailTaken;
};

NewAccount createAccount(Store &store, const Store::NewUser &user, const QByteArray &inviteHash)
{
    const QDateTime now = Services::now();
    if (inviteHash.isEmpty())
        return {store.createUser(user, now), SignUp::EmailTaken};
    if (auto created = store.createInvitedUser(user, inviteHash, now))
        return {std::move(created), SignUp::Allowed};
    // Someone else got in first: the invite's last use, or the email.
    const SignUp why = checkSignUp(store, user.email, inviteHash, now);
    return {std::nullopt, why == SignUp::InviteRefused ? why : SignUp::EmailTaken};
}

void refuseSignUp(const Request &request, SignUp reason)
{
    if (reason == SignUp::InviteRefused)
        request.fail(ErrorCode::Forbidden, QStringLiteral("invite code is invalid or used up"));
    else
        request.fail(Error::about(u"email"_s, ErrorCode::Conflict,
                                  QStringLiteral("email: already registered")));
}
} // namespace

void AuthHandler::registerOps(Dispatcher &dispatcher)
{
    dispatcher.add(Op::ServerInfo, [this](const Request &r) { serverInfo(r); });
    dispatcher.add(Op::AuthRegister, [this](const Request &r) { registerUser(r); });
    dispatcher.add(Op::AuthLogin, [this](const Request &r) { login(r); });
    dispatcher.add(Op::AuthToken, [this](const Request &r) { token(r); });
    dispatcher.add(Op::AuthRefresh, [this](const Request &r) { refresh(r); });
    dispatcher.add(Op::AuthLogout, [this](const Request &r) { logout(r); });
}

void AuthHandler::serverInfo(const Request &request)
{
    QJsonObject info =
        ServerInfo{s.serverName, QStringLiteral(PARLEY_VERSION), 1, s.config.registrationOpen}
            .toJson();
    info.insert(QStringLiteral("registration"), registrationMode(s.config)); // an extra field
    request.ok(info);
}

void AuthHandler::registerUser(const Request &request)
{
    const bool byInvite = !s.config.registrationOpen && s.config.registrationByInvite;
    if (!s.config.registrationOpen && !byInvite) {
        request.fail(ErrorCode::Forbidden, QStringLiteral("registration is closed on this server"));
        return;
    }
    const auto input = parse<RegisterRequest>(request);
    if (!input)
        return;
    QByteArray inviteHash; // empty: no invite needed
    if (byInvite) {
        inviteHash = InviteCodes::hash(input->invite);
        if (inviteHash.isEmpty()) { // absent or not even shaped like a code
            refuseSignUp(request, SignUp::InviteRefused);
            return;
        }
    }
    const ClientConnection *connection = request.connection();
    if (!connection)
        return;
    const QString addressKey = connection->peerKey();
    if (const auto wait = s.registrationsByAddress.retryAfterMs(addressKey, nowMs())) {
        qCInfo(lcAuth) << "registration rate limited for an address";
        Error error =
            Error::make(ErrorCode::RateLimited,
                        QStringLiteral("too many new accounts from this address; try again later"));
        error.retryAfterMs = *wait;
        request.fail(error);
        return;
    }
    s.registrationsByAddress.record(addressKey, nowMs());
    // Only the server's re-encoding of the picture is stored, never the bytes as sent.
    withReencodedAvatar(request, u"avatar"_s, input->avatar,
                        [this, request, input = *input, inviteHash](const QString &avatar) mutable {
                            input.avatar = avatar;
                            signUp(request, input, inviteHash);
                        });
}

void AuthHandler::signUp(const Request &request, const RegisterRequest &input,
                         const QByteArray &inviteHash)
{
    // A taken email or a spent invite is answered before paying for a hash; the store's
    // transaction still decides races.
    query(
        request,
        [email = input.email, inviteHash](Store &store) {
            return checkSignUp(store, email, inviteHash, Services::now());
        },
        [this, request, input, inviteHash](SignUp verdict) {
            if (verdict != SignUp::Allowed) {
                refuseSignUp(request, verdict);
                return;
            }
            s.hasher.hash(input.password)
                .then(this, [this, request, input, inviteHash](const QByteArray &hash) {
                    if (hash.isEmpty()) {
                        request.fail(ErrorCode::Internal,
                                     QStringLiteral("could not hash the password"));
                        return;
                    }
                    Store::NewUser user{input.name, input.email, hash, input.avatar};
                    query(
                        request,
                        [user, inviteHash](Store &store) {
                            return createAccount(store, user, inviteHash);
                        },
                        [this, request](const NewAccount &created) {
                            if (!created.user) {
                                refuseSignUp(request, created.refusal);
                                return;
                            }
                            qCInfo(lcAuth) << "registered user" << created.user->id;
                            openSession(request, *created.user, {});
                        });
                });
        });
}

void AuthHandler::login(const Request &request)
{
    const auto input = parse<LoginRequest>(request);
    if (!input)
        return;
    const QString accountKey = normalizedEmail(input->email);
    const ClientConnection *connection = request.connection();
    if (!connection)
        return;
    const QString addressKey = connection->peerKey();
    const qint64 now = nowMs();
    auto wait = s.loginAttemptsByAddress.retryAfterMs(addressKey, now);
    if (!wait)
        wait = s.loginFailuresByAccount.retryAfterMs(accountKey, now);
    if (wait) {
        qCInfo(lcAuth) << "login rate limited for an account or address";
        Error error = Error::make(ErrorCode::RateLimited,
                                  QStringLiteral("too many sign-in attempts; try again later"));
        error.retryAfterMs = *wait;
        request.fail(error);
        return;
    }
    s.loginAttemptsByAddress.record(addressKey, now);

    query(
        request, [email = input->email](Store &store) { return store.credentialsByEmail(email); },
        [this, request, input = *input,
         accountKey](const std::optional<Store::Credentials> &credentials) {
            if (!credentials) {
                // The same cost and answer as a wrong password: no probing for accounts.
                s.hasher.verifyDummy(input.password).then(this, [this, request, accountKey](bool) {
                    answerLoginFailure(request, accountKey);
                });
                return;
            }
            s.hasher.verify(input.password, credentials->passwordHash)
                .then(this, [this, request, input, accountKey, credentials](bool matches) {
                    if (!matches) {
                        answerLoginFailure(request, accountKey);
                        return;
                    }
                    if (credentials->disabled) {
                        request.fail(ErrorCode::Forbidden,
                                     QStringLiteral("this account is disabled"));
                        return;
                    }
                    s.loginFailuresByAccount.reset(accountKey);
                    query(
                        request,
                        [id = credentials->userId](Store &store) { return store.user(id); },
                        [this, request, device = input.device](const std::optional<User> &user) {
                            if (!user) {
                                request.fail(ErrorCode::Unauthenticated, WrongCredentials);
                                return;
                            }
                            openSession(request, *user, device);
                        });
                });
        });
}

void AuthHandler::answerLoginFailure(const Request &request, const QString &accountKey)
{
    s.loginFailuresByAccount.record(accountKey, nowMs());
    request.fail(ErrorCode::Unauthenticated, WrongCredentials);
}

void AuthHandler::openSession(const Request &request, const User &user, const QString &device)
{
    const QString refreshToken = RefreshTokens::generate();
    const QDateTime now = Services::now();
    const QDateTime expires = now.addSecs(s.config.refreshTokenLifetime.count());
    query(
        request,
        [userId = user.id, hash = RefreshTokens::hash(refreshToken), device, now,
         expires](Store &store) { return store.createSession(userId, hash, device, now, expires); },
        [this, request, user, refreshToken](const QString &sessionId) {
            const QString accessToken = s.tokens.issue(user.id, sessionId, Services::now());
            signIn(request, user.id, sessionId);
            request.ok(AuthResult{s.fanout.withPresence(user), accessToken, refreshToken}.toJson());
        });
}

void AuthHandler::signIn(const Request &request, const QString &userId, const QString &sessionId)
{
    if (ClientConnection *connection = request.connection(); connection && !connection->isClosing())
        s.registry.bind(connection, userId, sessionId);
}

void AuthHandler::token(const Request &request)
{
    const auto input = parse<TokenRequest>(request);
    if (!input)
        return;
    const auto claims = s.tokens.verify(input->accessToken, Services::now());
    if (!claims) {
        request.fail(Error::about(u"accessToken"_s, ErrorCode::Unauthenticated,
                                  QStringLiteral("accessToken: invalid or expired")));
        return;
    }
    query(
        request,
        [claims = *claims](Store &store) -> std::optional<User> {
            if (!store.sessionActive(claims.sessionId, claims.userId))
                return std::nullopt;
            const auto credentials = store.credentialsById(claims.userId);
            if (!credentials || credentials->disabled)
                return std::nullopt;
            return store.user(claims.userId);
        },
        [this, request, claims = *claims](const std::optional<User> &user) {
            if (!user) {
                request.fail(Error::about(u"accessToken"_s, ErrorCode::Unauthenticated,
                                          QStringLiteral("accessToken: session has ended")));
                return;
            }
            signIn(request, claims.userId, claims.sessionId);
            request.ok(UserResult{s.fanout.withPresence(*user)}.toJson());
        });
}

void AuthHandler::refresh(const Request &request)
{
    const auto input = parse<RefreshRequest>(request);
    if (!input)
        return;
    const QString next = RefreshTokens::generate();
    const QDateTime now = Services::now();
    query(
        request,
        [old = RefreshTokens::hash(input->refreshToken), fresh = RefreshTokens::hash(next), now,
         expires = now.addSecs(s.config.refreshTokenLifetime.count())](Store &store) {
            Store::Rotation rotation = store.rotateRefreshToken(old, fresh, now, expires);
            // A refresh signs the connection in, so it must refuse whom auth.token refuses: an
            // account disabled while one of its sessions stayed alive.
            if (rotation.outcome == Store::Rotation::Outcome::Rotated) {
                const auto credentials = store.credentialsById(rotation.userId);
                if (!credentials || credentials->disabled)
                    return Store::Rotation{Store::Rotation::Outcome::Inactive, {}, {}};
            }
            return rotation;
        },
        [this, request, next](const Store::Rotation &rotation) {
            using Outcome = Store::Rotation::Outcome;
            switch (rotation.outcome) {
            case Outcome::Rotated:
                // Signed in like auth.token: bound to the user (presence, events) before the
                // answer, which also lifts the authentication deadline.
                signIn(request, rotation.userId, rotation.sessionId);
                request.ok(TokenPair{
                    s.tokens.issue(rotation.userId, rotation.sessionId, Services::now()), next}
                               .toJson());
                return;
            case Outcome::Reused:
                qCWarning(lcAuth) << "a spent refresh token was presented again; session"
                                  << rotation.sessionId << "revoked";
                request.fail(Error::about(
                    u"refreshToken"_s, ErrorCode::Unauthenticated,
                    QStringLiteral("refreshToken: already used; the session has been revoked")));
                s.registry.closeSessions({rotation.sessionId},
                                         QWebSocketProtocol::CloseCodePolicyViolated,
                                         QStringLiteral("session revoked"));
                return;
            case Outcome::Unknown:
            case Outcome::Inactive:
                request.fail(Error::about(u"refreshToken"_s, ErrorCode::Unauthenticated,
                                          QStringLiteral("refreshToken: invalid or expired")));
                return;
            }
        });
}

void AuthHandler::logout(const Request &request)
{
    const auto input = parse<LogoutRequest>(request);
    if (!input)
        return;
    query(
        request,
        [all = input->all, userId = request.userId(),
         sessionId = request.sessionId()](Store &store) {
            if (all)
                return store.revokeSessions(userId, QString());
            store.revokeSession(sessionId);
            return QStringList{sessionId};
        },
        [this, request, all = input->all](const QStringList &revoked) {
            request.ok();
            const QString reason = QStringLiteral("signed out");
            if (all) {
                s.registry.closeUser(request.userId(), QWebSocketProtocol::CloseCodeNormal, reason);
                return;
            }
            QStringList sessions = revoked;
            sessions.append(
                request.sessionId()); // this connection's, even if it was revoked before
            s.registry.closeSessions(sessions, QWebSocketProtocol::CloseCodeNormal, reason);
        });
}

} // namespace parley::server
