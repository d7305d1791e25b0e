// SPDX-License-Identifier: GPL-3.0-or-later
#include "userhandler.h"

#include "dispatcher.h"
#include "requests.h"
#include "results.h"

using namespace Qt::StringLiterals;

namespace parley::server {

void UserHandler::registerOps(Dispatcher &dispatcher)
{
    dispatcher.add(Op::UserMe, [this](const Request &r) { me(r); });
    dispatcher.add(Op::UserUpdate, [this](const Request &r) { update(r); });
    dispatcher.add(Op::UserSearch, [this](const Request &r) { search(r); });
    dispatcher.add(Op::AvatarGet, [this](const Request &r) { avatar(r); });
}

void UserHandler::me(const Request &request)
{
    query(
        request, [id = request.userId()](Store &store) { return store.user(id); },
        [this, request](const std::optional<User> &user) {
            if (!user) {
                request.fail(ErrorCode::NotFound, QStringLiteral("user not found"));
                return;
            }
            request.ok(UserResult{s.fanout.withPresence(*user)}.toJson());
        });
}

void UserHandler::update(const Request &request)
{
    const auto input = parse<UserUpdateRequest>(request);
    if (!input)
        return;
    if (!input->avatar || input->avatar->isNull()) { // unchanged, or removed
        updateWith(request, *input);
        return;
    }
    withReencodedAvatar(request, u"avatar"_s, *input->avatar,
                        [this, request, input = *input](const QString &stored) mutable {
                            input.avatar = stored;
                            updateWith(request, input);
                        });
}

void UserHandler::updateWith(const Request &request, const UserUpdateRequest &input)
{
    Store::UserChanges changes{input.name, input.avatar, std::nullopt};
    if (!input.password) {
        applyUpdate(request, changes);
        return;
    }
    query(
        request, [id = request.userId()](Store &store) { return store.credentialsById(id); },
        [this, request, input, changes](const std::optional<Store::Credentials> &credentials) {
            if (!credentials) {
                request.fail(ErrorCode::NotFound, QStringLiteral("user not found"));
                return;
            }
            // Guessing the current password with a stolen access token meets the same limit as
            // guessing it at sign-in.
            const QString accountKey = QStringLiteral("user:") + request.userId();
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            if (const auto wait = s.loginFailuresByAccount.retryAfterMs(accountKey, now)) {
                Error error =
                    Error::make(ErrorCode::RateLimited,
                                QStringLiteral("too many wrong passwords; try again later"));
                error.retryAfterMs = *wait;
                request.fail(error);
                return;
            }
            s.hasher.verify(*input.currentPassword, credentials->passwordHash)
                .then(this, [this, request, input, changes, accountKey](bool matches) {
                    if (!matches) {
                        s.loginFailuresByAccount.record(accountKey,
                                                        QDateTime::currentMSecsSinceEpoch());
                        request.fail(
                            Error::about(u"currentPassword"_s, ErrorCode::Forbidden,
                                         QStringLiteral("currentPassword: wrong password")));
                        return;
                    }
                    s.hasher.hash(*input.password)
                        .then(this, [this, request, changes](const QByteArray &hash) {
                            if (hash.isEmpty()) {
                                request.fail(ErrorCode::Internal,
                                             QStringLiteral("could not hash the password"));
                                return;
                            }
                            Store::UserChanges withPassword = changes;
                            withPassword.passwordHash = hash;
                            applyUpdate(request, withPassword);
                        });
                });
        });
}

void UserHandler::applyUpdate(const Request &request, const Store::UserChanges &changes)
{
    struct Outcome
    {
        std::optional<User> user;
        QStringList revokedSessions;
        bool profileChanged = false; // name or picture: others see it at once (user.updated)
        QStringList contactIds; // who shares a chat with the user
    };
    query(
        request,
        [changes, userId = request.userId(), sessionId = request.sessionId()](Store &store) {
            Outcome outcome{store.updateUser(userId, changes), {}, false, {}};
            // A new password ends every other session: whoever knew the old one is signed out.
            if (outcome.user && changes.passwordHash)
                outcome.revokedSessions = store.revokeSessions(userId, sessionId);
            outcome.profileChanged = outcome.user && (changes.name || changes.avatarDataUri);
            if (outcome.profileChanged)
                outcome.contactIds = store.contactsOf(userId);
            return outcome;
        },
        [this, request](const Outcome &outcome) {
            if (!outcome.user) {
                request.fail(ErrorCode::NotFound, QStringLiteral("user not found"));
                return;
            }
            request.ok(UserResult{s.fanout.withPresence(*outcome.user)}.toJson());
            if (outcome.profileChanged)
                s.fanout.userUpdated(*outcome.user, outcome.contactIds, request.connection());
            s.registry.closeSessions(outcome.revokedSessions, QWebSocketProtocol::CloseCodeNormal,
                                     QStringLiteral("password changed"));
        });
}

void UserHandler::search(const Request &request)
{
    const auto input = parse<UserSearchRequest>(request);
    if (!input)
        return;
    query(
        request,
        [input = *input, self = request.userId()](Store &store) {
            return store.searchUsers(input.query, self, input.limit);
        },
        [this, request](const QList<User> &users) {
            request.ok(UserList{s.fanout.withPresence(users)}.toJson());
        });
}

void UserHandler::avatar(const Request &request)
{
    const auto input = parse<AvatarGetRequest>(request);
    if (!input)
        return;
    query(
        request, [id = input->avatarId](Store &store) { return store.avatarDataUri(id); },
        [request, id = input->avatarId](const std::optional<QString> &dataUri) {
            if (!dataUri) {
                request.fail(Error::about(u"avatarId"_s, ErrorCode::NotFound,
                                          QStringLiteral("avatarId: no such avatar")));
                return;
            }
            request.ok(AvatarResult{id, *dataUri}.toJson());
        });
}

} // namespace parley::server
