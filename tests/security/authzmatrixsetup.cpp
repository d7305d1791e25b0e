// SPDX-License-Identifier: GPL-3.0-or-later
// The authorization matrix's fixture: its cast of users, the scenes they act in, and the
// connections each role asks and listens with.
#include "protocolcheck.h"
#include "tst_authz_matrix.h"

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace parley::test;
using namespace parley::test::authz;

bool tst_AuthzMatrix::makeCast()
{
    // Alice has an avatar, so there is one to fetch.
    auto alice = m_server->connect();
    if (!alice)
        return false;
    m_cast.alice = alice->registerUser(u"Alice"_s, {{"avatar"_L1, tinyPngDataUri()}});
    m_avatarId = dataOf(alice->request(u"user.me"_s))
                     .value("user"_L1)
                     .toObject()
                     .value("avatar"_L1)
                     .toString();
    auto bob = m_server->signUp(u"Bob"_s);
    auto carol = m_server->signUp(u"Carol"_s);
    auto dave = m_server->signUp(u"Dave"_s);
    auto eve = m_server->signUp(u"Eve"_s);
    auto frank = m_server->signUp(u"Frank"_s);
    auto grace = m_server->signUp(u"Grace"_s);
    auto nobody = m_server->connect();
    if (!m_cast.alice.isValid() || m_avatarId.isEmpty() || !bob || !carol || !dave || !eve || !frank
        || !grace || !nobody)
        return false;
    m_cast.bob = bob->account();
    m_cast.carol = carol->account();
    m_cast.dave = dave->account();
    m_cast.eve = eve->account();
    m_cast.frank = frank->account();
    m_cast.grace = grace->account();
    grace->close(); // Grace stays offline: she is only ever a target

    m_clients[Role::Unauthenticated] = std::move(nobody);
    m_clients[Role::NonMember] = std::move(eve);
    m_clients[Role::Member] = std::move(bob);
    m_clients[Role::Admin] = std::move(alice);
    m_clients[Role::Removed] = std::move(dave);
    m_carol = std::move(carol);
    m_frank = std::move(frank);
    return true;
}

// Frank signs out everywhere from his phone: the connection he had is closed, and his old access
// token no longer signs anybody in.
bool tst_AuthzMatrix::revokeFrank()
{
    auto phone = m_server->connect();
    if (!phone || !isOk(phone->login(m_cast.frank.email, m_cast.frank.password))) {
        qWarning("Frank could not sign in on a second device");
        return false;
    }
    const QJsonObject logout = phone->request(u"auth.logout"_s, {{"all"_L1, true}});
    if (!isOk(logout)) {
        qWarning("logout all: %s", describe(logout).constData());
        return false;
    }
    if (!m_frank->waitForDisconnected() || !phone->waitForDisconnected()) {
        qWarning("a connection of Frank survived auth.logout all:true");
        return false;
    }
    m_frank.reset();
    auto revoked = m_server->connect();
    if (!revoked)
        return false;
    const QJsonObject token =
        revoked->request(u"auth.token"_s, {{"accessToken"_L1, m_cast.frank.accessToken}});
    if (errorCode(token) != u"unauthenticated"_s) {
        qWarning("auth.token with a revoked session: %s", describe(token).constData());
        return false;
    }
    m_clients[Role::Revoked] = std::move(revoked);
    return true;
}

// A new group of Alice (admin) with Bob, Carol, Dave and Frank, in which Alice, Bob and Dave
// wrote before Alice removed Dave; and a message of each in Alice's and Bob's direct chat.
Scene tst_AuthzMatrix::makeScene()
{
    static int count = 0;
    Scene scene;
    TestClient &alice = client(Role::Admin);
    TestClient &bob = client(Role::Member);
    const QString groupId =
        alice.createGroup(u"Scene %1"_s.arg(++count),
                          {m_cast.bob.id, m_cast.carol.id, m_cast.dave.id, m_cast.frank.id});
    if (groupId.isEmpty())
        return {};
    scene.ownMessage[Role::Admin] = messageIdOf(alice.sendMessage(groupId, u"from Alice"_s));
    scene.ownMessage[Role::Member] = messageIdOf(bob.sendMessage(groupId, u"from Bob"_s));
    scene.ownMessage[Role::Removed] =
        messageIdOf(client(Role::Removed).sendMessage(groupId, u"from Dave"_s));
    const QJsonObject removal = alice.request(
        u"chat.removeMember"_s, {{"chatId"_L1, groupId}, {"userId"_L1, m_cast.dave.id}});
    scene.directId = alice.directChat(m_cast.bob.id);
    scene.adminDirectMessage = messageIdOf(alice.sendMessage(scene.directId, u"to Bob"_s));
    scene.memberDirectMessage = messageIdOf(bob.sendMessage(scene.directId, u"to Alice"_s));
    const bool complete = isOk(removal) && !scene.directId.isEmpty()
        && std::all_of(scene.ownMessage.begin(), scene.ownMessage.end(),
                       [](const auto &entry) { return !entry.second.isEmpty(); })
        && !scene.adminDirectMessage.isEmpty() && !scene.memberDirectMessage.isEmpty();
    if (!complete)
        return {};
    scene.groupId = groupId;
    return scene;
}

Account tst_AuthzMatrix::accountOf(Role role) const
{
    switch (role) {
    case Role::Unauthenticated:
        return {};
    case Role::NonMember:
        return m_cast.eve;
    case Role::Member:
        return m_cast.bob;
    case Role::Admin:
        return m_cast.alice;
    case Role::Removed:
        return m_cast.dave;
    case Role::Revoked:
        break;
    }
    return m_cast.frank;
}

// The role on a new connection of its own: signed in with a new session (auth.login), so that
// ending it leaves the role's other connections alone.
std::unique_ptr<TestClient> tst_AuthzMatrix::freshClient(Role role) const
{
    auto fresh = m_server->connect();
    if (!fresh)
        return nullptr;
    const Account account = accountOf(role);
    if (role == Role::Revoked) {
        const QJsonObject token =
            fresh->request(u"auth.token"_s, {{"accessToken"_L1, account.accessToken}});
        return errorCode(token) == u"unauthenticated"_s ? std::move(fresh) : nullptr;
    }
    if (account.isValid() && !isOk(fresh->login(account.email, account.password)))
        return nullptr;
    return fresh;
}

// A connection that only listens, signed in as the role the way the matrix's is.
std::unique_ptr<TestClient> tst_AuthzMatrix::listenerAs(Role role) const
{
    if (role == Role::Unauthenticated || role == Role::Revoked)
        return freshClient(role);
    return m_server->connectAs(accountOf(role));
}
