// SPDX-License-Identifier: GPL-3.0-or-later
// The rows of the authorization matrix: an operation, the data it is sent with, and the answer
// each role gets, as docs/protocol.md documents them.
#include "authzcases.h"

#include "protocolcheck.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace parley::test::authz {

namespace {

QJsonObject sendTo(const QString &chatId)
{
    return {{"chatId"_L1, chatId},
            {"clientId"_L1, uniqueClientId()},
            {"content"_L1, u"hello from the matrix"_s}};
}

// An access token of the right shape whose signature was tampered with.
QString forged(const QString &token)
{
    QString copy = token;
    const qsizetype last = copy.size() - 1;
    copy[last] = copy.at(last) == u'A' ? u'B' : u'A';
    return copy;
}

} // namespace

const QList<Case> &cases()
{
    using C = const Context &;
    constexpr auto NoSuchId = "987654321"_L1;
    static const QList<Case> table{
        {u"server.info"_s, u"server.info"_s, everyone(Ok), [](C) { return QJsonObject(); }},
        {u"auth.register"_s, u"auth.register"_s, everyone(Ok),
         [](C) {
             return QJsonObject{{"name"_L1, u"Newcomer"_s},
                                {"email"_L1, QString(uniqueClientId() + "@example.test"_L1)},
                                {"password"_L1, u"a fine password"_s}};
         },
         FreshConnection},
        {u"auth.login"_s, u"auth.login"_s, everyone(Ok),
         [](C c) {
             const Account &who = c.self.isValid() ? c.self : c.cast.grace;
             return QJsonObject{{"email"_L1, who.email}, {"password"_L1, who.password}};
         },
         FreshConnection},
        {u"auth.login wrong password"_s, u"auth.login"_s, everyone(Unauth),
         [](C c) {
             const Account &who = c.self.isValid() ? c.self : c.cast.grace;
             return QJsonObject{{"email"_L1, who.email}, {"password"_L1, u"not the password"_s}};
         }},
        {u"auth.token own token"_s, u"auth.token"_s, signedIn(Ok),
         [](C c) {
             const QString token =
                 c.self.isValid() ? c.self.accessToken : forged(c.cast.alice.accessToken);
             return QJsonObject{{"accessToken"_L1, token}};
         }},
        {u"auth.refresh own token"_s, u"auth.refresh"_s, signedIn(Ok),
         [](C c) {
             QString token = u"not-a-refresh-token"_s;
             if (c.role == Role::Revoked)
                 token = c.self.refreshToken;
             else if (c.session.isValid())
                 token = c.session.refreshToken;
             return QJsonObject{{"refreshToken"_L1, token}};
         },
         FreshConnection},
        {u"auth.logout"_s, u"auth.logout"_s, signedIn(Ok), [](C) { return QJsonObject(); },
         FreshConnection},
        {u"user.me"_s, u"user.me"_s, signedIn(Ok), [](C) { return QJsonObject(); }},
        {u"user.update name"_s, u"user.update"_s, signedIn(Ok),
         [](C c) {
             return QJsonObject{{"name"_L1, c.self.isValid() ? c.self.name : u"Nobody"_s}};
         }},
        {u"user.update wrong currentPassword"_s, u"user.update"_s, signedIn(Forbidden),
         [](C) {
             return QJsonObject{{"password"_L1, u"a brand new password"_s},
                                {"currentPassword"_L1, u"not my password"_s}};
         }},
        {u"avatar.get"_s, u"avatar.get"_s, signedIn(Ok),
         [](C c) {
             return QJsonObject{{"avatarId"_L1, c.avatarId}};
         }},
        {u"avatar.get unknown"_s, u"avatar.get"_s, signedIn(NotFound),
         [](C) {
             return QJsonObject{{"avatarId"_L1, u"no-such-avatar"_s}};
         }},
        {u"user.search"_s, u"user.search"_s, signedIn(Ok),
         [](C) {
             return QJsonObject{{"query"_L1, u"a"_s}};
         }},
        {u"chat.list"_s, u"chat.list"_s, signedIn(Ok), [](C) { return QJsonObject(); }},
        {u"chat.direct"_s, u"chat.direct"_s, signedIn(Ok),
         [](C c) {
             return QJsonObject{{"userId"_L1, c.cast.grace.id}};
         }},
        {u"chat.direct self"_s, u"chat.direct"_s, signedIn(BadRequest),
         [](C c) {
             return QJsonObject{{"userId"_L1, c.selfIdOr(c.cast.alice)}};
         }},
        {u"chat.direct unknown user"_s, u"chat.direct"_s, signedIn(NotFound),
         [=](C) {
             return QJsonObject{{"userId"_L1, NoSuchId}};
         }},
        {u"chat.createGroup"_s, u"chat.createGroup"_s, signedIn(Ok),
         [](C c) {
             return QJsonObject{{"name"_L1, u"Side project"_s},
                                {"userIds"_L1, QJsonArray{c.cast.grace.id, c.cast.carol.id}}};
         }},
        {u"chat.rename group"_s, u"chat.rename"_s, AdminOnly,
         [](C c) {
             return QJsonObject{{"chatId"_L1, c.scene.groupId}, {"name"_L1, u"Renamed"_s}};
         }},
        {u"chat.rename direct"_s, u"chat.rename"_s, members(BadRequest),
         [](C c) {
             return QJsonObject{{"chatId"_L1, c.scene.directId}, {"name"_L1, u"Renamed"_s}};
         }},
        {u"chat.rename unknown"_s, u"chat.rename"_s, signedIn(NotFound),
         [=](C) {
             return QJsonObject{{"chatId"_L1, NoSuchId}, {"name"_L1, u"Renamed"_s}};
         }},
        {u"chat.addMember group"_s, u"chat.addMember"_s, AdminOnly,
         [](C c) {
             return QJsonObject{{"chatId"_L1, c.scene.groupId}, {"userId"_L1, c.cast.grace.id}};
         },
         OwnScene},
        {u"chat.addMember a member"_s,
         u"chat.addMember"_s,
         {Unauth, Forbidden, Forbidden, Conflict, Forbidden, Unauth},
         [](C c) {
             return QJsonObject{{"chatId"_L1, c.scene.groupId}, {"userId"_L1, c.cast.carol.id}};
         }},
        {u"chat.addMember direct"_s, u"chat.addMember"_s, members(BadRequest),
         [](C c) {
             return QJsonObject{{"chatId"_L1, c.scene.directId}, {"userId"_L1, c.cast.grace.id}};
         }},
        {u"chat.removeMember other"_s, u"chat.removeMember"_s, AdminOnly,
         [](C c) {
             return QJsonObject{{"chatId"_L1, c.scene.groupId}, {"userId"_L1, c.cast.carol.id}};
         },
         OwnScene},
        {u"chat.removeMember self"_s, u"chat.removeMember"_s, MembersOk,
         [](C c) {
             return QJsonObject{{"chatId"_L1, c.scene.groupId},
                                {"userId"_L1, c.selfIdOr(c.cast.bob)}};
         },
         OwnScene},
        {u"chat.removeMember direct"_s, u"chat.removeMember"_s, members(BadRequest),
         [](C c) {
             const Account &other = c.role == Role::Member ? c.cast.alice : c.cast.bob;
             return QJsonObject{{"chatId"_L1, c.scene.directId}, {"userId"_L1, other.id}};
         }},
        {u"message.send group"_s, u"message.send"_s, MembersOk,
         [](C c) { return sendTo(c.scene.groupId); }},
        {u"message.send direct"_s, u"message.send"_s, MembersOk,
         [](C c) { return sendTo(c.scene.directId); }},
        {u"message.send unknown chat"_s, u"message.send"_s, signedIn(NotFound),
         [=](C) { return sendTo(NoSuchId); }},
        {u"message.history group"_s, u"message.history"_s, MembersOk,
         [](C c) {
             return QJsonObject{{"chatId"_L1, c.scene.groupId}};
         }},
        {u"message.history direct"_s, u"message.history"_s, MembersOk,
         [](C c) {
             return QJsonObject{{"chatId"_L1, c.scene.directId}};
         }},
        {u"message.history unknown chat"_s, u"message.history"_s, signedIn(NotFound),
         [=](C) {
             return QJsonObject{{"chatId"_L1, NoSuchId}};
         }},
        {u"message.edit own"_s, u"message.edit"_s, SenderOnly,
         [](C c) {
             return QJsonObject{{"messageId"_L1, c.ownMessage()},
                                {"content"_L1, QString("edited by the "_L1 + roleName(c.role))}};
         }},
        {u"message.edit other's"_s, u"message.edit"_s, Nobody,
         [](C c) {
             return QJsonObject{{"messageId"_L1, c.othersMessage()}, {"content"_L1, u"mine"_s}};
         }},
        {u"message.edit unknown"_s, u"message.edit"_s, signedIn(NotFound),
         [=](C) {
             return QJsonObject{{"messageId"_L1, NoSuchId}, {"content"_L1, u"x"_s}};
         }},
        {u"message.delete own"_s, u"message.delete"_s, SenderOnly,
         [](C c) {
             return QJsonObject{{"messageId"_L1, c.ownMessage()}};
         },
         OwnScene},
        {u"message.delete other's in group"_s, u"message.delete"_s, AdminOnly,
         [](C c) {
             return QJsonObject{{"messageId"_L1, c.othersMessage()}};
         },
         OwnScene},
        {u"message.delete other's in direct"_s, u"message.delete"_s, Nobody,
         [](C c) {
             return QJsonObject{{"messageId"_L1, c.othersDirectMessage()}};
         }},
        {u"message.delete unknown"_s, u"message.delete"_s, signedIn(NotFound),
         [=](C) {
             return QJsonObject{{"messageId"_L1, NoSuchId}};
         }},
        {u"chat.markRead group"_s, u"chat.markRead"_s, MembersOk,
         [](C c) {
             return QJsonObject{{"chatId"_L1, c.scene.groupId}, {"seq"_L1, 1}};
         }},
        {u"chat.markRead direct"_s, u"chat.markRead"_s, MembersOk,
         [](C c) {
             return QJsonObject{{"chatId"_L1, c.scene.directId}, {"seq"_L1, 1}};
         }},
        {u"chat.markRead unknown"_s, u"chat.markRead"_s, signedIn(NotFound),
         [=](C) {
             return QJsonObject{{"chatId"_L1, NoSuchId}, {"seq"_L1, 1}};
         }},
        {u"sync"_s, u"sync"_s, signedIn(Ok), [](C) { return QJsonObject(); }},
        {u"sync forged cursor"_s, u"sync"_s, signedIn(BadRequest),
         [](C) {
             return QJsonObject{{"cursor"_L1, u"not-a-cursor"_s}};
         }},
        // With an id, typing gets its one answer; for a non-member it does nothing (the listener
        // test shows that).
        {u"typing.start with id"_s, u"typing.start"_s, signedIn(Ok),
         [](C c) {
             return QJsonObject{{"chatId"_L1, c.scene.groupId}};
         }},
        {u"typing.stop with id"_s, u"typing.stop"_s, signedIn(Ok),
         [](C c) {
             return QJsonObject{{"chatId"_L1, c.scene.groupId}};
         }},
        {u"unknown op"_s, u"chat.destroy"_s, everyone("unsupported"),
         [](C) { return QJsonObject(); }},
    };
    return table;
}

} // namespace parley::test::authz
