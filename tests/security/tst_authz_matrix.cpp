// SPDX-License-Identifier: GPL-3.0-or-later
// Authorization, proven from outside: every operation of docs/protocol.md answered as documented
// for every kind of caller (unauthenticated, non-member, member, admin, removed member, and a user
// whose sessions were revoked), and no event about a chat reaching anyone who may not see it.
#include "tst_authz_matrix.h"

#include "authzcases.h"
#include "protocolcheck.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace parley::test;
using namespace parley::test::authz;

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

QTEST_GUILESS_MAIN(tst_AuthzMatrix)
