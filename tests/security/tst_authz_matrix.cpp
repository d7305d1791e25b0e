// Authorization, proven from outside: every operation of PROTOCOL.md answered as documented for
// every kind of caller (unauthenticated, non-member, member, admin, removed member, and a user
// whose sessions were revoked), and no event about a chat reaching anyone who may not see it.
#include "operations.h"
#include "protocolcheck.h"
#include "testserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTest>

#include <array>
#include <functional>
#include <map>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace parley::test;

namespace {

enum class Role { Unauthenticated, NonMember, Member, Admin, Removed, Revoked };
constexpr std::array AllRoles{Role::Unauthenticated, Role::NonMember, Role::Member,
                              Role::Admin,           Role::Removed,   Role::Revoked};

QString roleName(Role role)
{
    switch (role) {
    case Role::Unauthenticated:
        return u"unauthenticated"_s;
    case Role::NonMember:
        return u"non-member"_s;
    case Role::Member:
        return u"member"_s;
    case Role::Admin:
        return u"admin"_s;
    case Role::Removed:
        return u"removed member"_s;
    case Role::Revoked:
        break;
    }
    return u"revoked sessions"_s;
}

// The answer each role gets, in the order of AllRoles: "ok" or an error code.
using Answers = std::array<const char *, AllRoles.size()>;
constexpr auto Ok = "ok";
constexpr auto Unauth = "unauthenticated";
constexpr auto Forbidden = "forbidden";
constexpr auto BadRequest = "bad_request";
constexpr auto NotFound = "not_found";
constexpr auto Conflict = "conflict";

constexpr Answers everyone(const char *answer)
{
    return {answer, answer, answer, answer, answer, answer};
}
// Any signed-in user gets `answer`; a connection that is not signed in is told to sign in.
constexpr Answers signedIn(const char *answer)
{
    return {Unauth, answer, answer, answer, answer, Unauth};
}
// Members of the chat get `answer`; the non-member and the removed member are refused.
constexpr Answers members(const char *answer)
{
    return {Unauth, Forbidden, answer, answer, Forbidden, Unauth};
}
constexpr Answers MembersOk = members(Ok);
constexpr Answers AdminOnly{Unauth, Forbidden, Forbidden, Ok, Forbidden, Unauth};
constexpr Answers SenderOnly{Unauth, Forbidden, Ok, Ok, Forbidden, Unauth};
constexpr Answers Nobody = members(Forbidden);

// The people of the test. Each role but "unauthenticated" is one of them.
struct Cast
{
    Account alice; // admin of every scene group
    Account bob; // member
    Account carol; // another member
    Account dave; // removed from every scene group after sending a message there
    Account eve; // never a member
    Account frank; // a member whose sessions were all revoked
    Account grace; // nobody's contact: the target of adds and direct chats
};

// A group as each role relates to it, with a message of each sender, and the direct chat of the
// admin and the member.
struct Scene
{
    QString groupId;
    std::map<Role, QString> ownMessage; // in the group; the removed member's predates its removal
    QString directId;
    QString adminDirectMessage;
    QString memberDirectMessage;
};

// What a row's request data is built from.
struct Context
{
    Role role;
    const Scene &scene;
    const Cast &cast;
    const Account &self; // the role's user (revoked: as it was before); empty when unauthenticated
    const Account &session; // what the connection used signed in with; empty when it is not
    QString avatarId;

    QString selfIdOr(const Account &fallback) const
    {
        return self.isValid() ? self.id : fallback.id;
    }
    QString ownMessage() const
    {
        const auto it = scene.ownMessage.find(role);
        return it != scene.ownMessage.end() ? it->second : scene.ownMessage.at(Role::Member);
    }
    QString othersMessage() const
    {
        return scene.ownMessage.at(role == Role::Member ? Role::Admin : Role::Member);
    }
    QString othersDirectMessage() const
    {
        return role == Role::Member ? scene.adminDirectMessage : scene.memberDirectMessage;
    }
};

enum Setup : unsigned {
    Shared = 0,
    FreshConnection = 1, // the role on a new connection (a new session), for what ends one
    OwnScene = 2, // a new scene, for what changes it for good
};

// One line of the table: an operation with its data, and the answer of each role.
struct Case
{
    QString name;
    QString op;
    Answers answers;
    std::function<QJsonObject(const Context &)> data;
    unsigned setup = Shared;
};

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

// Whether an event's data is about the chat or the user (presence, typing, read).
bool isAbout(const QJsonObject &data, const QString &chatId, const QString &userId)
{
    return data.value("chatId"_L1).toString() == chatId
        || data.value("chat"_L1).toObject().value("id"_L1).toString() == chatId
        || data.value("message"_L1).toObject().value("chatId"_L1).toString() == chatId
        || data.value("userId"_L1).toString() == userId;
}

QString messageIdOf(const QJsonObject &message)
{
    return message.value("id"_L1).toString();
}

} // namespace

class tst_AuthzMatrix : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void everyOperationAnswersEveryRole_data();
    void everyOperationAnswersEveryRole();
    void outsidersLearnNothingFromListAndSync_data();
    void outsidersLearnNothingFromListAndSync();
    void eventsReachOnlyThoseWhoMaySeeThem_data();
    void eventsReachOnlyThoseWhoMaySeeThem();

private:
    using Action = std::function<bool(tst_AuthzMatrix &)>;

    bool makeCast();
    bool revokeFrank();
    Scene makeScene();
    std::unique_ptr<TestClient> freshClient(Role role) const;
    std::unique_ptr<TestClient> listenerAs(Role role) const;
    Account accountOf(Role role) const;
    TestClient &client(Role role) { return *m_clients.at(role); }
    void clearListeners();
    bool typingSeenBy(Role role, bool typing);

    std::unique_ptr<TestServer> m_server;
    Cast m_cast;
    QString m_avatarId;
    std::map<Role, std::unique_ptr<TestClient>> m_clients; // what the matrix asks with
    std::unique_ptr<TestClient> m_carol;
    std::unique_ptr<TestClient> m_frank; // until revoked
    Scene m_scene;

    // The listener test: a group with Oscar acting in it, and one listener per role.
    std::map<Role, std::unique_ptr<TestClient>> m_listeners;
    std::unique_ptr<TestClient> m_oscar;
    QString m_listenedGroup;
};

void tst_AuthzMatrix::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_server = std::make_unique<TestServer>([](parley::server::ServerConfig &config) {
        // The matrix signs in many times from 127.0.0.1; tst_abuse_limits covers these limits.
        config.loginAttemptsPerAddress = 100'000;
        config.loginFailuresPerAccount = 100'000;
        config.authTimeout = 10min; // the unauthenticated roles stay connected throughout
        config.typingExpiry = 1s;
    });
    QVERIFY(m_server->start());
    QVERIFY(makeCast());
    m_scene = makeScene();
    QVERIFY(!m_scene.groupId.isEmpty());
    // Frank's message predates the revocation of his sessions.
    m_scene.ownMessage[Role::Revoked] =
        messageIdOf(m_frank->sendMessage(m_scene.groupId, u"from Frank"_s));
    QVERIFY(!m_scene.ownMessage[Role::Revoked].isEmpty());
    QVERIFY(revokeFrank());

    // The listeners' group: Oscar, the admin and the member; Dave was in it and was removed.
    auto oscar = m_server->signUp(u"Oscar"_s);
    QVERIFY(oscar);
    m_oscar = std::move(oscar);
    m_listenedGroup =
        client(Role::Admin)
            .createGroup(u"Listened"_s, {m_cast.bob.id, m_oscar->userId(), m_cast.dave.id});
    QVERIFY(!m_listenedGroup.isEmpty());
    PARLEY_VERIFY_OK(client(Role::Admin)
                         .request(u"chat.removeMember"_s,
                                  {{"chatId"_L1, m_listenedGroup}, {"userId"_L1, m_cast.dave.id}}));
    for (Role role : AllRoles) {
        auto listener = listenerAs(role);
        QVERIFY2(listener, qPrintable(roleName(role)));
        m_listeners[role] = std::move(listener);
    }
}

void tst_AuthzMatrix::init()
{
    // Events of earlier rows are of no interest; dropping them keeps the queues short.
    for (auto &[role, client] : m_clients)
        client->clearEvents();
    m_carol->clearEvents();
}

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

void tst_AuthzMatrix::everyOperationAnswersEveryRole_data()
{
    QTest::addColumn<int>("caseIndex");
    QTest::addColumn<int>("roleIndex");
    const QList<Case> &table = cases();
    for (qsizetype c = 0; c < table.size(); ++c) {
        for (qsizetype r = 0; r < qsizetype(AllRoles.size()); ++r) {
            const QString name = table.at(c).name + u'/' + roleName(AllRoles.at(r));
            QTest::newRow(qPrintable(name)) << int(c) << int(r);
        }
    }
}

void tst_AuthzMatrix::everyOperationAnswersEveryRole()
{
    QFETCH(int, caseIndex);
    QFETCH(int, roleIndex);
    const Case &row = cases().at(caseIndex);
    const Role role = AllRoles.at(roleIndex);
    const QString expected = QString::fromLatin1(row.answers.at(roleIndex));

    // Roles that are not signed in change nothing, so the shared scene serves them.
    const bool signedIn = role != Role::Unauthenticated && role != Role::Revoked;
    const Scene scene = (row.setup & OwnScene) && signedIn ? makeScene() : m_scene;
    QVERIFY(!scene.groupId.isEmpty());
    TestClient *caller = &client(role);
    std::unique_ptr<TestClient> fresh;
    if (row.setup & FreshConnection) {
        fresh = freshClient(role);
        QVERIFY(fresh);
        caller = fresh.get();
    }
    const Account self = accountOf(role);
    const Account session = caller->account();
    const Context context{role, scene, m_cast, self, session, m_avatarId};

    const QJsonObject response = caller->request(row.op, row.data(context));
    if (expected == QLatin1StringView(Ok)) {
        PARLEY_VERIFY_OK(response);
    } else {
        PARLEY_VERIFY_ERROR(response, expected);
        QVERIFY2(!response.contains("data"_L1), describe(response).constData());
    }
    if (row.op == u"auth.logout"_s && expected == QLatin1StringView(Ok))
        QVERIFY(caller->waitForDisconnected());
    // Whatever the row did, the role's own connection is still there; and after the operations
    // that sign in and out, it is still who it was.
    QVERIFY(client(role).isConnected());
    if (row.op.startsWith(u"auth."_s)) {
        const QString me = errorCode(client(role).request(u"user.me"_s));
        QCOMPARE(me, signedIn ? QString() : u"unauthenticated"_s);
    }
}

// chat.list and sync name nothing of a chat to someone outside it: not its id, not its messages.
void tst_AuthzMatrix::outsidersLearnNothingFromListAndSync_data()
{
    QTest::addColumn<int>("roleIndex");
    QTest::newRow("non-member") << int(Role::NonMember);
    QTest::newRow("removed member") << int(Role::Removed);
}

void tst_AuthzMatrix::outsidersLearnNothingFromListAndSync()
{
    QFETCH(int, roleIndex);
    const Role role = AllRoles.at(roleIndex);
    TestClient &outsider = client(role);
    const QJsonObject start = outsider.request(u"sync"_s);
    PARLEY_VERIFY_OK(start);
    const QString cursor = dataOf(start).value("cursor"_L1).toString();

    const Scene scene = makeScene(); // Dave is in it for a moment, then removed
    QVERIFY(!scene.groupId.isEmpty());
    const QString secret = uniqueClientId();
    QVERIFY(!messageIdOf(client(Role::Member).sendMessage(scene.groupId, secret)).isEmpty());
    PARLEY_VERIFY_OK(client(Role::Admin)
                         .request(u"chat.rename"_s,
                                  {{"chatId"_L1, scene.groupId}, {"name"_L1, u"Secret plans"_s}}));

    const QJsonObject list = outsider.request(u"chat.list"_s);
    PARLEY_VERIFY_OK(list);
    QVERIFY(!idsOf(dataOf(list).value("chats"_L1).toArray()).contains(scene.groupId));
    const QJsonObject sync = outsider.request(u"sync"_s, {{"cursor"_L1, cursor}});
    PARLEY_VERIFY_OK(sync);
    const QJsonObject delta = dataOf(sync);
    QVERIFY2(!idsOf(delta.value("chats"_L1).toArray()).contains(scene.groupId),
             describe(delta).constData());
    // The removed member may be handed again what it saw while it belonged; the non-member never
    // saw anything.
    if (role == Role::NonMember) {
        for (const auto &message : delta.value("messages"_L1).toArray())
            QVERIFY2(message.toObject().value("chatId"_L1).toString() != scene.groupId,
                     describe(message).constData());
    }
    for (const QJsonObject &body : {list, sync}) {
        const QByteArray text = QJsonDocument(body).toJson(QJsonDocument::Compact);
        QVERIFY2(!text.contains(secret.toUtf8()) && !text.contains("Secret plans"),
                 text.constData());
    }
    // The removed member is told it left; the non-member is told nothing.
    const QStringList removed = delta.value("removedChatIds"_L1).toVariant().toStringList();
    QCOMPARE(removed.contains(scene.groupId), role == Role::Removed);
}

void tst_AuthzMatrix::clearListeners()
{
    for (auto &[role, listener] : m_listeners)
        listener->clearEvents();
}

bool tst_AuthzMatrix::typingSeenBy(Role role, bool typing)
{
    const QString oscar = m_oscar->userId();
    return m_listeners.at(role)
        ->waitEvent(u"typing"_s,
                    [&](const QJsonObject &data) {
                        return data.value("userId"_L1).toString() == oscar
                            && data.value("typing"_L1).toBool() == typing;
                    })
        .has_value();
}

void tst_AuthzMatrix::eventsReachOnlyThoseWhoMaySeeThem_data()
{
    QTest::addColumn<QString>("event");
    QTest::addColumn<Action>("action");
    QTest::addColumn<QList<int>>("receivers"); // roles; everyone else gets nothing about the chat

    const QList<int> members{int(Role::Member), int(Role::Admin)};
    const auto send = [](tst_AuthzMatrix &t) {
        return messageIdOf(t.m_oscar->sendMessage(t.m_listenedGroup, uniqueClientId()));
    };
    const auto typing = [](tst_AuthzMatrix &t, bool start) {
        t.m_oscar->fire(start ? u"typing.start"_s : u"typing.stop"_s,
                        {{"chatId"_L1, t.m_listenedGroup}});
        return true;
    };
    const auto changeMember = [](tst_AuthzMatrix &t, const QString &op, const QString &userId) {
        return isOk(t.client(Role::Admin)
                        .request(op, {{"chatId"_L1, t.m_listenedGroup}, {"userId"_L1, userId}}));
    };
    // Dave is a member again for a moment while Oscar types, and removed before it ends.
    const auto typingWhileDaveIsRemoved = [=](tst_AuthzMatrix &t) {
        if (!changeMember(t, u"chat.addMember"_s, t.m_cast.dave.id) || !typing(t, true)
            || !t.typingSeenBy(Role::Removed, true)
            || !changeMember(t, u"chat.removeMember"_s, t.m_cast.dave.id)
            || !t.m_listeners.at(Role::Removed)->waitEvent(u"chat.removed"_s))
            return false;
        t.clearListeners();
        return true;
    };

    QTest::newRow("message.new") << u"message.new"_s
                                 << Action([=](tst_AuthzMatrix &t) { return !send(t).isEmpty(); })
                                 << members;
    QTest::newRow("message.updated by an edit")
        << u"message.updated"_s << Action([=](tst_AuthzMatrix &t) {
               const QString id = send(t);
               t.clearListeners();
               return isOk(t.m_oscar->request(
                   u"message.edit"_s, {{"messageId"_L1, id}, {"content"_L1, uniqueClientId()}}));
           })
        << members;
    QTest::newRow("message.updated by a delete")
        << u"message.updated"_s << Action([=](tst_AuthzMatrix &t) {
               const QString id = send(t);
               t.clearListeners();
               return isOk(t.m_oscar->request(u"message.delete"_s, {{"messageId"_L1, id}}));
           })
        << members;
    QTest::newRow("typing started")
        << u"typing"_s << Action([=](tst_AuthzMatrix &t) { return typing(t, true); }) << members;
    QTest::newRow("typing stopped") << u"typing"_s << Action([=](tst_AuthzMatrix &t) {
        if (!typing(t, true) || !t.typingSeenBy(Role::Member, true))
            return false;
        t.clearListeners();
        return typing(t, false);
    }) << members;
    QTest::newRow("typing expired") << u"typing"_s << Action([=](tst_AuthzMatrix &t) {
        if (!typing(t, true) || !t.typingSeenBy(Role::Member, true))
            return false;
        t.clearListeners();
        return true; // the server ends it by itself
    }) << members;
    QTest::newRow("read") << u"read"_s << Action([](tst_AuthzMatrix &t) {
        if (t.client(Role::Admin).sendMessage(t.m_listenedGroup, u"news"_s).isEmpty())
            return false;
        t.clearListeners();
        return isOk(t.m_oscar->request(u"chat.markRead"_s,
                                       {{"chatId"_L1, t.m_listenedGroup}, {"seq"_L1, 1'000'000}}));
    }) << members;
    QTest::newRow("presence offline") << u"presence"_s << Action([](tst_AuthzMatrix &t) {
        t.m_oscar->close();
        return true;
    }) << members;
    QTest::newRow("presence online") << u"presence"_s << Action([](tst_AuthzMatrix &t) {
        t.m_oscar = t.m_server->connectAs(t.m_oscar->account());
        return t.m_oscar != nullptr;
    }) << members;
    QTest::newRow("chat.updated by a rename")
        << u"chat.updated"_s << Action([](tst_AuthzMatrix &t) {
               return isOk(
                   t.client(Role::Admin)
                       .request(u"chat.rename"_s,
                                {{"chatId"_L1, t.m_listenedGroup}, {"name"_L1, uniqueClientId()}}));
           })
        << members;
    QTest::newRow("chat.updated by an add") << u"chat.updated"_s << Action([=](tst_AuthzMatrix &t) {
        return changeMember(t, u"chat.addMember"_s, t.m_cast.grace.id);
    }) << members;
    QTest::newRow("chat.updated by a removal")
        << u"chat.updated"_s << Action([=](tst_AuthzMatrix &t) {
               return changeMember(t, u"chat.removeMember"_s, t.m_cast.grace.id);
           })
        << members;
    QTest::newRow("chat.removed goes to the removed user only")
        << u"chat.removed"_s << Action([=](tst_AuthzMatrix &t) {
               if (!changeMember(t, u"chat.addMember"_s, t.m_cast.grace.id))
                   return false;
               t.clearListeners();
               return changeMember(t, u"chat.removeMember"_s, t.m_cast.grace.id);
           })
        << QList<int>{};
    QTest::newRow("typing of the removed member is dropped")
        << u"typing"_s << Action([](tst_AuthzMatrix &t) {
               t.client(Role::Removed).fire(u"typing.start"_s, {{"chatId"_L1, t.m_listenedGroup}});
               return true;
           })
        << QList<int>{};
    QTest::newRow("typing of a non-member is dropped")
        << u"typing"_s << Action([](tst_AuthzMatrix &t) {
               t.client(Role::NonMember)
                   .fire(u"typing.start"_s, {{"chatId"_L1, t.m_listenedGroup}});
               return true;
           })
        << QList<int>{};
    QTest::newRow("message of a non-member is refused")
        << u"message.new"_s << Action([](tst_AuthzMatrix &t) {
               const QJsonObject response = t.client(Role::NonMember)
                                                .request(u"message.send"_s,
                                                         {{"chatId"_L1, t.m_listenedGroup},
                                                          {"clientId"_L1, uniqueClientId()},
                                                          {"content"_L1, u"let me in"_s}});
               return errorCode(response) == u"forbidden"_s;
           })
        << QList<int>{};
    QTest::newRow("typing stopped after a member was removed")
        << u"typing"_s << Action([=](tst_AuthzMatrix &t) {
               return typingWhileDaveIsRemoved(t) && typing(t, false);
           })
        << members;
    QTest::newRow("typing expired after a member was removed")
        << u"typing"_s << Action([=](tst_AuthzMatrix &t) { return typingWhileDaveIsRemoved(t); })
        << members;
    QTest::newRow("error event") << u"error"_s << Action([](tst_AuthzMatrix &t) {
        t.m_oscar->sendRaw("this is not JSON");
        return t.m_oscar->waitEvent(u"error"_s).has_value();
    }) << QList<int>{};
}

void tst_AuthzMatrix::eventsReachOnlyThoseWhoMaySeeThem()
{
    QFETCH(QString, event);
    QFETCH(Action, action);
    QFETCH(QList<int>, receivers);
    const QString chatId = m_listenedGroup;
    const QString oscarId = m_oscar->userId();
    const auto about = [&](const QJsonObject &data) { return isAbout(data, chatId, oscarId); };

    clearListeners();
    QVERIFY(action(*this));
    for (int role : receivers)
        QVERIFY2(m_listeners.at(Role(role))->waitEvent(event, about),
                 qPrintable(roleName(Role(role)) + u" did not get "_s + event));
    QTest::qWait(QuietMs); // what reached the members would have reached the others by now
    for (Role role : AllRoles) {
        if (receivers.contains(int(role)))
            continue;
        TestClient &listener = *m_listeners.at(role);
        QVERIFY2(listener.expectNoEvent(event, {}, 0),
                 qPrintable(roleName(role) + u" got "_s + event));
        if (role == Role::Member || role == Role::Admin)
            continue; // members see the chat's other events; the rest may see none of them
        for (const parley::EventInfo &info : parley::eventTable()) {
            for (const QJsonObject &data : listener.takeEvents(QString::fromLatin1(info.name)))
                QVERIFY2(!about(data),
                         qPrintable(roleName(role) + u" got "_s + QString::fromLatin1(info.name)
                                    + u": "_s + QString::fromUtf8(describe(data))));
        }
    }
    // A typing state left running would swallow the next row's typing.start. Once Oscar's next
    // request is answered, the stop it may cause has reached everyone and the next row's start
    // clears it away.
    if (m_oscar->isConnected()) {
        m_oscar->fire(u"typing.stop"_s, {{"chatId"_L1, chatId}});
        PARLEY_VERIFY_OK(m_oscar->request(u"user.me"_s));
    }
}

QTEST_GUILESS_MAIN(tst_AuthzMatrix)
#include "tst_authz_matrix.moc"
