// The SQLite store observed through the Store interface: what a handler would see.

#include "storetestkit.h"

#include <QSet>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;
using namespace parley;
using namespace parley::server;
using testkit::at;

using SendKind = Store::SendOutcome::Kind;
using RotationOutcome = Store::Rotation::Outcome;

class TestSqliteStore : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    // users
    void createdUserIsReadable();
    void emailIsUniqueInAnyCase_data();
    void emailIsUniqueInAnyCase();
    void credentialsByEmailInAnyCase_data();
    void credentialsByEmailInAnyCase();
    void unknownIdsNameNothing_data();
    void unknownIdsNameNothing();
    void updateUserChangesNameAndPassword();
    void avatarChangesGetNewIdsAndOldOnesStay();
    void searchUsers_data();
    void searchUsers();
    void contactsAreUsersSharingAChat();

    // sessions
    void sessionIsActiveForItsUserOnly();
    void refreshTokensRotate();
    void reusedRefreshTokenRevokesSession();
    void refreshTokenInactive_data();
    void refreshTokenInactive();
    void revokeSessionsKeepsOne();

    // chats
    void directChatIsMadeOncePerPair_data();
    void directChatIsMadeOncePerPair();
    void directChatIsOneAcrossConnections();
    void groupHasAdminAndMembersInJoinOrder();
    void chatsOfIsOrderedByActivity();
    void renameChat();
    void addMemberAppendsAndStartsCaughtUp();
    void removeMemberHandsOverAdmin_data();
    void removeMemberHandsOverAdmin();

    // messages
    void sendStoresWhatWasSent();
    void seqHasNoGapsOver150Sends();
    void resendWithSameClientId_data();
    void resendWithSameClientId();
    void editAndDelete();
    void senderIsShownAsOfNow();
    void historyPagesWithoutGapsOrRepeats_data();
    void historyPagesWithoutGapsOrRepeats();
    void unreadCount_data();
    void unreadCount();
    void markReadMovesForwardOnlyAndIsCapped_data();
    void markReadMovesForwardOnlyAndIsCapped();

    // sync
    void syncWithoutChangesKeepsTheCursor();
    void syncPagesDeliverEveryMessageOnce_data();
    void syncPagesDeliverEveryMessageOnce();
    void syncReportsEditsAndDeletes();
    void syncReportsJoinedAndChangedChats();
    void syncReportsRemovedChatAndHidesItsLaterMessages();
    void syncCursorNeverMovesBack();

    // durability
    void dataSurvivesReopen();

private:
    SqliteStore &store() { return m_fixture->store(); }
    User addUser(const QString &name, const QString &email = {})
    {
        return m_fixture->addUser(name, email);
    }
    Message send(const Chat &chat, const User &sender, const QString &content, qint64 second = 1);
    Chat group(const User &admin, const QList<User> &others, const QString &name = u"Team"_s);

    std::unique_ptr<testkit::StoreFixture> m_fixture;
    int m_clientIds = 0;
};

void TestSqliteStore::init()
{
    m_fixture = std::make_unique<testkit::StoreFixture>();
    m_fixture->open();
    m_clientIds = 0;
}

void TestSqliteStore::cleanup()
{
    m_fixture.reset();
}

Message TestSqliteStore::send(const Chat &chat, const User &sender, const QString &content,
                              qint64 second)
{
    const auto outcome =
        store().sendMessage(chat.id, sender.id, u"c%1"_s.arg(++m_clientIds), content, at(second));
    if (outcome.kind != SendKind::Stored || outcome.message.id.isEmpty())
        qFatal("send failed");
    return outcome.message;
}

Chat TestSqliteStore::group(const User &admin, const QList<User> &others, const QString &name)
{
    QStringList ids;
    for (const User &user : others)
        ids.append(user.id);
    return store().createGroup(admin.id, name, ids, at(0));
}

namespace {

QStringList idsOf(const QList<User> &users)
{
    QStringList ids;
    for (const User &user : users)
        ids.append(user.id);
    return ids;
}

QStringList chatIdsOf(const QList<Chat> &chats)
{
    QStringList ids;
    for (const Chat &chat : chats)
        ids.append(chat.id);
    return ids;
}

QList<qint64> seqsOf(const QList<Message> &messages)
{
    QList<qint64> seqs;
    for (const Message &message : messages)
        seqs.append(message.seq);
    return seqs;
}

QList<qint64> range(qint64 first, qint64 last)
{
    QList<qint64> values;
    for (qint64 value = first; value <= last; ++value)
        values.append(value);
    return values;
}

} // namespace

// ---- users

void TestSqliteStore::createdUserIsReadable()
{
    Store::NewUser newUser{u"Ada Lovelace"_s, u"Ada@Example.org"_s, "argon2id$…", {}};
    const auto created = store().createUser(newUser, at(0));
    QVERIFY(created);
    QVERIFY(!created->id.isEmpty());
    QCOMPARE(created->name, u"Ada Lovelace"_s);
    QCOMPARE(created->email, u"Ada@Example.org"_s); // as typed
    QVERIFY(created->avatar.isNull());
    QCOMPARE(created->online, false);
    QCOMPARE(store().user(created->id), created);
}

void TestSqliteStore::emailIsUniqueInAnyCase_data()
{
    QTest::addColumn<QString>("first");
    QTest::addColumn<QString>("second");
    QTest::newRow("same spelling") << u"ada@example.org"_s << u"ada@example.org"_s;
    QTest::newRow("upper case") << u"ada@example.org"_s << u"ADA@EXAMPLE.ORG"_s;
    QTest::newRow("mixed case first") << u"Ada@Example.org"_s << u"ada@example.ORG"_s;
    QTest::newRow("non-ASCII letters") << u"élodie@example.org"_s << u"ÉLODIE@example.org"_s;
}

void TestSqliteStore::emailIsUniqueInAnyCase()
{
    QFETCH(QString, first);
    QFETCH(QString, second);
    QVERIFY(store().createUser({u"One"_s, first, "h1", {}}, at(0)));
    QVERIFY(!store().createUser({u"Two"_s, second, "h2", {}}, at(1)));
    QVERIFY(store().createUser({u"Three"_s, u"other@example.org"_s, "h3", {}}, at(2)));
}

void TestSqliteStore::credentialsByEmailInAnyCase_data()
{
    QTest::addColumn<QString>("typed");
    QTest::newRow("as registered") << u"Grace@Navy.mil"_s;
    QTest::newRow("lower case") << u"grace@navy.mil"_s;
    QTest::newRow("upper case") << u"GRACE@NAVY.MIL"_s;
}

void TestSqliteStore::credentialsByEmailInAnyCase()
{
    QFETCH(QString, typed);
    const auto grace = store().createUser({u"Grace"_s, u"Grace@Navy.mil"_s, "hash-g", {}}, at(0));
    QVERIFY(grace);
    const auto credentials = store().credentialsByEmail(typed);
    QVERIFY(credentials);
    QCOMPARE(credentials->userId, grace->id);
    QCOMPARE(credentials->passwordHash, QByteArray("hash-g"));
    QCOMPARE(credentials->disabled, false);

    const auto byId = store().credentialsById(grace->id);
    QVERIFY(byId);
    QCOMPARE(byId->passwordHash, QByteArray("hash-g"));
    QVERIFY(!store().credentialsByEmail(u"nobody@navy.mil"_s));
}

void TestSqliteStore::unknownIdsNameNothing_data()
{
    QTest::addColumn<QString>("id");
    QTest::newRow("unused number") << u"999"_s;
    QTest::newRow("not a number") << u"abc"_s;
    QTest::newRow("leading zero") << u"01"_s;
    QTest::newRow("empty") << QString();
    QTest::newRow("negative") << u"-1"_s;
}

void TestSqliteStore::unknownIdsNameNothing()
{
    QFETCH(QString, id);
    const User ada = addUser(u"Ada"_s);
    QCOMPARE(ada.id, u"1"_s); // so that "01" would name her if ids were read loosely
    QVERIFY(!store().user(id));
    QVERIFY(!store().credentialsById(id));
    QVERIFY(!store().chat(id, ada.id));
    QVERIFY(!store().chatInfo(id));
    QVERIFY(!store().message(id));
    QVERIFY(!store().avatarDataUri(id));
    QVERIFY(!store().updateUser(id, {u"X"_s, {}, {}}));
}

void TestSqliteStore::updateUserChangesNameAndPassword()
{
    const User ada = addUser(u"Ada"_s);
    Store::UserChanges changes;
    changes.name = u"Countess"_s;
    changes.passwordHash = QByteArray("new-hash");
    const auto updated = store().updateUser(ada.id, changes);
    QVERIFY(updated);
    QCOMPARE(updated->name, u"Countess"_s);
    QCOMPARE(updated->email, ada.email);
    QCOMPARE(store().user(ada.id)->name, u"Countess"_s);
    QCOMPARE(store().credentialsById(ada.id)->passwordHash, QByteArray("new-hash"));

    // Nothing asked, nothing changed.
    QCOMPARE(store().updateUser(ada.id, {}), updated);
}

void TestSqliteStore::avatarChangesGetNewIdsAndOldOnesStay()
{
    const QString red = u"data:image/png;base64,cmVk"_s;
    const QString blue = u"data:image/png;base64,Ymx1ZQ=="_s;
    const auto ada = store().createUser({u"Ada"_s, u"ada@example.org"_s, "h", red}, at(0));
    QVERIFY(ada);
    QVERIFY(!ada->avatar.isEmpty());
    QCOMPARE(store().avatarDataUri(ada->avatar), red);

    Store::UserChanges toBlue;
    toBlue.avatarDataUri = blue;
    const QString blueId = store().updateUser(ada->id, toBlue)->avatar;
    QVERIFY(!blueId.isEmpty());
    QVERIFY(blueId != ada->avatar);
    QCOMPARE(store().avatarDataUri(blueId), blue);
    QCOMPARE(store().avatarDataUri(ada->avatar), red); // cached by clients: stays fetchable

    // The same picture again is still a change, under yet another id.
    const QString blueAgainId = store().updateUser(ada->id, toBlue)->avatar;
    QVERIFY(blueAgainId != blueId);

    Store::UserChanges removal;
    removal.avatarDataUri = QString();
    const auto removed = store().updateUser(ada->id, removal);
    QVERIFY(removed->avatar.isNull());
    QVERIFY(store().user(ada->id)->avatar.isNull());
    QCOMPARE(store().avatarDataUri(blueId), blue);
}

void TestSqliteStore::searchUsers_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("limit");
    QTest::addColumn<QStringList>("expectedNames");
    // Users: see searchUsers(); the caller is "Me Myself".
    QTest::newRow("name substring, any case")
        << u"ARI"_s << 20 << QStringList{u"Ariadne"_s, u"Mario"_s};
    QTest::newRow("email substring") << u"@corp"_s << 20 << QStringList{u"Bob"_s, u"Mario"_s};
    QTest::newRow("non-ASCII in any case") << u"éLO"_s << 20 << QStringList{u"Élodie"_s};
    QTest::newRow("excludes the caller") << u"myself"_s << 20 << QStringList{};
    QTest::newRow("percent matches itself") << u"100%"_s << 20 << QStringList{u"100% Sure"_s};
    QTest::newRow("percent is no wildcard") << u"a%e"_s << 20 << QStringList{};
    QTest::newRow("underscore matches itself") << u"b_b"_s << 20 << QStringList{u"Bob"_s};
    QTest::newRow("underscore is no wildcard") << u"m_r"_s << 20 << QStringList{};
    QTest::newRow("backslash matches itself") << u"s\\b"_s << 20 << QStringList{u"Dos\\Box"_s};
    // By lower-cased name, compared code point by code point.
    QTest::newRow("everyone, by name")
        << QString() << 20 << QStringList{u"100% Sure"_s, u"Ariadne"_s, u"Bob"_s,
                                          u"Dos\\Box"_s,  u"Mario"_s,   u"Élodie"_s};
    QTest::newRow("limit") << QString() << 2 << QStringList{u"100% Sure"_s, u"Ariadne"_s};
    QTest::newRow("no match") << u"zzz"_s << 20 << QStringList{};
}

void TestSqliteStore::searchUsers()
{
    QFETCH(QString, query);
    QFETCH(int, limit);
    QFETCH(QStringList, expectedNames);
    const User me = addUser(u"Me Myself"_s, u"me@home.net"_s);
    addUser(u"Mario"_s, u"mario@corp.it"_s);
    addUser(u"Ariadne"_s, u"ari@home.net"_s);
    addUser(u"Bob"_s, u"b_b@corp.it"_s);
    addUser(u"Élodie"_s, u"elodie@home.net"_s);
    addUser(u"100% Sure"_s, u"sure@home.net"_s);
    addUser(u"Dos\\Box"_s, u"dos@home.net"_s);

    QStringList names;
    const QList<User> found = store().searchUsers(query, me.id, limit);
    for (const User &user : found)
        names.append(user.name);
    QCOMPARE(names, expectedNames);
}

void TestSqliteStore::contactsAreUsersSharingAChat()
{
    const User ada = addUser(u"Ada"_s);
    const User bob = addUser(u"Bob"_s);
    const User cy = addUser(u"Cy"_s);
    const User dee = addUser(u"Dee"_s);
    addUser(u"Stranger"_s);
    store().directChat(ada.id, bob.id, at(0), nullptr);
    group(ada, {bob, cy});
    group(dee, {cy, bob});

    QStringList contacts = store().contactsOf(ada.id);
    contacts.sort();
    QCOMPARE(contacts, (QStringList{bob.id, cy.id}));
    contacts = store().contactsOf(bob.id);
    contacts.sort();
    QCOMPARE(contacts, (QStringList{ada.id, cy.id, dee.id}));
}

// ---- sessions

void TestSqliteStore::sessionIsActiveForItsUserOnly()
{
    const User ada = addUser(u"Ada"_s);
    const User bob = addUser(u"Bob"_s);
    const QString session = store().createSession(ada.id, "r1", u"laptop"_s, at(0), at(3600));
    QVERIFY(!session.isEmpty());
    QVERIFY(store().sessionActive(session, ada.id));
    QVERIFY(!store().sessionActive(session, bob.id));
    store().revokeSession(session);
    QVERIFY(!store().sessionActive(session, ada.id));
}

void TestSqliteStore::refreshTokensRotate()
{
    const User ada = addUser(u"Ada"_s);
    const QString session = store().createSession(ada.id, "r1", u"laptop"_s, at(0), at(3600));

    auto rotation = store().rotateRefreshToken("r1", "r2", at(10), at(3610));
    QCOMPARE(rotation.outcome, RotationOutcome::Rotated);
    QCOMPARE(rotation.userId, ada.id);
    QCOMPARE(rotation.sessionId, session);

    rotation = store().rotateRefreshToken("r2", "r3", at(20), at(3620));
    QCOMPARE(rotation.outcome, RotationOutcome::Rotated);
    QCOMPARE(rotation.sessionId, session);
    QVERIFY(store().sessionActive(session, ada.id));

    QCOMPARE(store().rotateRefreshToken("never issued", "r4", at(30), at(3630)).outcome,
             RotationOutcome::Unknown);
}

void TestSqliteStore::reusedRefreshTokenRevokesSession()
{
    const User ada = addUser(u"Ada"_s);
    const QString session = store().createSession(ada.id, "r1", u"laptop"_s, at(0), at(3600));
    const QString other = store().createSession(ada.id, "o1", u"phone"_s, at(0), at(3600));
    QCOMPARE(store().rotateRefreshToken("r1", "r2", at(10), at(3610)).outcome,
             RotationOutcome::Rotated);

    const auto reuse = store().rotateRefreshToken("r1", "x", at(20), at(3620));
    QCOMPARE(reuse.outcome, RotationOutcome::Reused);
    QCOMPARE(reuse.userId, ada.id);
    QCOMPARE(reuse.sessionId, session);
    QVERIFY(!store().sessionActive(session, ada.id));
    // The token the legitimate holder got is dead too; other sessions are untouched.
    QCOMPARE(store().rotateRefreshToken("r2", "r3", at(30), at(3630)).outcome,
             RotationOutcome::Inactive);
    QVERIFY(store().sessionActive(other, ada.id));
    QCOMPARE(store().rotateRefreshToken("o1", "o2", at(30), at(3630)).outcome,
             RotationOutcome::Rotated);
}

void TestSqliteStore::refreshTokenInactive_data()
{
    QTest::addColumn<bool>("revoke");
    QTest::addColumn<qint64>("presentedAt");
    QTest::newRow("expired") << false << qint64(3600);
    QTest::newRow("long expired") << false << qint64(99999);
    QTest::newRow("session revoked") << true << qint64(10);
}

void TestSqliteStore::refreshTokenInactive()
{
    QFETCH(bool, revoke);
    QFETCH(qint64, presentedAt);
    const User ada = addUser(u"Ada"_s);
    const QString session = store().createSession(ada.id, "r1", u"laptop"_s, at(0), at(3600));
    if (revoke)
        store().revokeSession(session);
    QCOMPARE(
        store().rotateRefreshToken("r1", "r2", at(presentedAt), at(presentedAt + 3600)).outcome,
        RotationOutcome::Inactive);
    // Refused, so not spent: the new hash was not stored either.
    QCOMPARE(store().rotateRefreshToken("r2", "r3", at(presentedAt), at(presentedAt)).outcome,
             RotationOutcome::Unknown);
}

void TestSqliteStore::revokeSessionsKeepsOne()
{
    const User ada = addUser(u"Ada"_s);
    const User bob = addUser(u"Bob"_s);
    const QString s1 = store().createSession(ada.id, "a1", u"laptop"_s, at(0), at(3600));
    const QString s2 = store().createSession(ada.id, "a2", u"phone"_s, at(0), at(3600));
    const QString s3 = store().createSession(ada.id, "a3", u"tablet"_s, at(0), at(3600));
    const QString bobs = store().createSession(bob.id, "b1", QString(), at(0), at(3600));
    store().revokeSession(s3);

    QStringList revoked = store().revokeSessions(ada.id, s2);
    QCOMPARE(revoked, QStringList{s1}); // s3 was revoked already
    QVERIFY(store().sessionActive(s2, ada.id));
    QVERIFY(store().sessionActive(bobs, bob.id));

    revoked = store().revokeSessions(ada.id, QString());
    QCOMPARE(revoked, QStringList{s2});
    QVERIFY(!store().sessionActive(s2, ada.id));
    QVERIFY(store().revokeSessions(ada.id, QString()).isEmpty());
}

// ---- chats

void TestSqliteStore::directChatIsMadeOncePerPair_data()
{
    QTest::addColumn<bool>("reverse");
    QTest::newRow("same caller twice") << false;
    QTest::newRow("other member second") << true;
}

void TestSqliteStore::directChatIsMadeOncePerPair()
{
    QFETCH(bool, reverse);
    const User ada = addUser(u"Ada"_s);
    const User bob = addUser(u"Bob"_s);
    bool created = false;
    const Chat first = store().directChat(ada.id, bob.id, at(5), &created);
    QVERIFY(created);
    QVERIFY(!first.id.isEmpty());
    QCOMPARE(first.isGroup, false);
    QVERIFY(first.name.isNull());
    QVERIFY(first.adminId.isNull());
    QCOMPARE(idsOf(first.members), (QStringList{ada.id, bob.id}));
    QCOMPARE(first.members.first(), ada);
    QVERIFY(!first.latestMessage);
    QCOMPARE(first.unreadCount, 0);
    QCOMPARE(first.lastActivity, at(5));

    const Chat second = reverse ? store().directChat(bob.id, ada.id, at(6), &created)
                                : store().directChat(ada.id, bob.id, at(6), &created);
    QVERIFY(!created);
    QCOMPARE(second.id, first.id);
    QCOMPARE(store().chatsOf(ada.id).size(), 1);
    QCOMPARE(store().chatsOf(bob.id).size(), 1);
}

void TestSqliteStore::directChatIsOneAcrossConnections()
{
    const User ada = addUser(u"Ada"_s);
    const User bob = addUser(u"Bob"_s);
    SqliteStore second(m_fixture->path());
    QString error;
    QVERIFY2(second.open(&error), qPrintable(error));

    bool createdHere = false;
    bool createdThere = false;
    const Chat here = store().directChat(ada.id, bob.id, at(1), &createdHere);
    const Chat there = second.directChat(bob.id, ada.id, at(1), &createdThere);
    QCOMPARE(there.id, here.id);
    QVERIFY(createdHere);
    QVERIFY(!createdThere);
}

void TestSqliteStore::groupHasAdminAndMembersInJoinOrder()
{
    const User ada = addUser(u"Ada"_s);
    const User bob = addUser(u"Bob"_s);
    const User cy = addUser(u"Cy"_s);
    // The admin listed among the members, and a member listed twice, count once.
    const Chat chat =
        store().createGroup(ada.id, u"Project X"_s, {cy.id, ada.id, bob.id, cy.id}, at(3));
    QCOMPARE(chat.isGroup, true);
    QCOMPARE(chat.name, u"Project X"_s);
    QCOMPARE(chat.adminId, ada.id);
    QCOMPARE(idsOf(chat.members), (QStringList{ada.id, cy.id, bob.id}));
    QCOMPARE(chat.lastActivity, at(3));

    const auto info = store().chatInfo(chat.id);
    QVERIFY(info);
    QCOMPARE(info->id, chat.id);
    QCOMPARE(info->isGroup, true);
    QCOMPARE(info->adminId, ada.id);
    QCOMPARE(info->memberIds, (QStringList{ada.id, cy.id, bob.id}));
    QCOMPARE(store().chat(chat.id, bob.id), chat);

    const Chat direct = store().directChat(ada.id, bob.id, at(4), nullptr);
    QVERIFY(store().chatInfo(direct.id)->adminId.isNull());
    QCOMPARE(store().chatInfo(direct.id)->isGroup, false);
}

void TestSqliteStore::chatsOfIsOrderedByActivity()
{
    const User ada = addUser(u"Ada"_s);
    const User bob = addUser(u"Bob"_s);
    const User cy = addUser(u"Cy"_s);
    const Chat withBob = store().directChat(ada.id, bob.id, at(1), nullptr);
    const Chat withCy = store().directChat(ada.id, cy.id, at(2), nullptr);
    const Chat team = group(ada, {bob, cy}); // at(0), but created last: ties go to the newest
    const Chat tied = store().createGroup(ada.id, u"Tied"_s, {bob.id, cy.id}, at(0));
    QCOMPARE(chatIdsOf(store().chatsOf(ada.id)),
             (QStringList{withCy.id, withBob.id, tied.id, team.id}));

    const Message hello = send(withBob, bob, u"hello"_s, 10);
    const QList<Chat> chats = store().chatsOf(ada.id);
    QCOMPARE(chatIdsOf(chats), (QStringList{withBob.id, withCy.id, tied.id, team.id}));
    QCOMPARE(chats.first().lastActivity, at(10));
    QCOMPARE(chats.first().latestMessage, hello);
    QCOMPARE(chats.first().unreadCount, 1);
    QCOMPARE(chatIdsOf(store().chatsOf(cy.id)), (QStringList{withCy.id, tied.id, team.id}));
}

void TestSqliteStore::renameChat()
{
    const User ada = addUser(u"Ada"_s);
    const User bob = addUser(u"Bob"_s);
    const User cy = addUser(u"Cy"_s);
    const Chat chat = group(ada, {bob, cy}, u"Old"_s);
    store().renameChat(chat.id, u"New"_s, at(5));
    QCOMPARE(store().chat(chat.id, bob.id)->name, u"New"_s);
    QCOMPARE(store().chat(chat.id, bob.id)->lastActivity, chat.lastActivity);
}

void TestSqliteStore::addMemberAppendsAndStartsCaughtUp()
{
    const User ada = addUser(u"Ada"_s);
    const User bob = addUser(u"Bob"_s);
    const User cy = addUser(u"Cy"_s);
    const User dee = addUser(u"Dee"_s);
    const Chat chat = group(ada, {bob, cy});
    send(chat, ada, u"before Dee"_s);
    send(chat, bob, u"also before"_s);

    store().addMember(chat.id, dee.id, at(5));
    const Chat seenByDee = *store().chat(chat.id, dee.id);
    QCOMPARE(idsOf(seenByDee.members), (QStringList{ada.id, bob.id, cy.id, dee.id}));
    QCOMPARE(seenByDee.lastReadSeq, 2);
    QCOMPARE(seenByDee.unreadCount, 0);
    QCOMPARE(store().history(chat.id, std::nullopt, 50).messages.size(), 2);
    QCOMPARE(store().chatsOf(dee.id).size(), 1);

    send(chat, ada, u"after Dee"_s);
    QCOMPARE(store().chat(chat.id, dee.id)->unreadCount, 1);

    store().addMember(chat.id, dee.id, at(6)); // already a member: nothing changes
    QCOMPARE(store().chatInfo(chat.id)->memberIds.size(), 4);
}

void TestSqliteStore::removeMemberHandsOverAdmin_data()
{
    QTest::addColumn<QStringList>("leaving"); // names, in order
    QTest::addColumn<QStringList>("newAdmins"); // removeMember's answers
    QTest::addColumn<QString>("finalAdmin");
    QTest::addColumn<QStringList>("finalMembers");
    QTest::newRow("member removed") << QStringList{u"Cy"_s} << QStringList{QString()} << u"Ada"_s
                                    << QStringList{u"Ada"_s, u"Bob"_s, u"Dee"_s};
    QTest::newRow("admin leaves") << QStringList{u"Ada"_s} << QStringList{u"Bob"_s} << u"Bob"_s
                                  << QStringList{u"Bob"_s, u"Cy"_s, u"Dee"_s};
    QTest::newRow("longest-standing left first")
        << QStringList{u"Bob"_s, u"Ada"_s} << QStringList{QString(), u"Cy"_s} << u"Cy"_s
        << QStringList{u"Cy"_s, u"Dee"_s};
    QTest::newRow("everyone leaves")
        << QStringList{u"Ada"_s, u"Bob"_s, u"Cy"_s, u"Dee"_s}
        << QStringList{u"Bob"_s, u"Cy"_s, u"Dee"_s, QString()} << QString() << QStringList{};
}

void TestSqliteStore::removeMemberHandsOverAdmin()
{
    QFETCH(QStringList, leaving);
    QFETCH(QStringList, newAdmins);
    QFETCH(QString, finalAdmin);
    QFETCH(QStringList, finalMembers);
    QHash<QString, User> users;
    QHash<QString, QString> names; // id → name
    for (const QString &name : {u"Ada"_s, u"Bob"_s, u"Cy"_s, u"Dee"_s}) {
        users.insert(name, addUser(name));
        names.insert(users.value(name).id, name);
    }
    const Chat chat = group(users.value(u"Ada"_s),
                            {users.value(u"Bob"_s), users.value(u"Cy"_s), users.value(u"Dee"_s)});

    for (qsizetype i = 0; i < leaving.size(); ++i) {
        const QString newAdmin =
            store().removeMember(chat.id, users.value(leaving.at(i)).id, at(i));
        QCOMPARE(names.value(newAdmin), newAdmins.at(i));
    }
    const auto info = store().chatInfo(chat.id);
    QVERIFY(info);
    QCOMPARE(names.value(info->adminId), finalAdmin);
    QStringList members;
    for (const QString &id : info->memberIds)
        members.append(names.value(id));
    QCOMPARE(members, finalMembers);
    for (const QString &name : leaving) {
        QVERIFY(chatIdsOf(store().chatsOf(users.value(name).id)).isEmpty());
        QVERIFY(!store().contactsOf(users.value(name).id).contains(info->adminId));
    }
}

// ---- messages

void TestSqliteStore::sendStoresWhatWasSent()
{
    const User ada = addUser(u"Ada"_s);
    const User bob = addUser(u"Bob"_s);
    const Chat chat = store().directChat(ada.id, bob.id, at(0), nullptr);
    const QDateTime now = at(7, 123);
    const auto outcome = store().sendMessage(chat.id, ada.id, u"client-1"_s, u"hi Bob"_s, now);
    QCOMPARE(outcome.kind, SendKind::Stored);
    const Message &message = outcome.message;
    QVERIFY(!message.id.isEmpty());
    QCOMPARE(message.chatId, chat.id);
    QCOMPARE(message.seq, 1);
    QCOMPARE(message.sender, (UserSummary{ada.id, ada.name, ada.avatar}));
    QCOMPARE(message.content, u"hi Bob"_s);
    QCOMPARE(message.clientId, u"client-1"_s);
    QCOMPARE(message.createdAt, now);
    QCOMPARE(message.createdAt.timeSpec(), Qt::UTC);
    QVERIFY(!message.editedAt.isValid());
    QCOMPARE(message.deleted, false);
    QCOMPARE(store().message(message.id), message);

    const Chat after = *store().chat(chat.id, bob.id);
    QCOMPARE(after.latestMessage, message);
    QCOMPARE(after.lastActivity, now);
}

void TestSqliteStore::seqHasNoGapsOver150Sends()
{
    const User ada = addUser(u"Ada"_s);
    const User bob = addUser(u"Bob"_s);
    const User cy = addUser(u"Cy"_s);
    const Chat first = store().directChat(ada.id, bob.id, at(0), nullptr);
    const Chat second = group(ada, {bob, cy});
    QList<qint64> firstSeqs;
    QList<qint64> secondSeqs;
    for (int i = 0; i < 150; ++i) {
        // Interleaved chats and a resend now and then must not disturb either counter.
        const Chat &chat = i % 3 == 0 ? second : first;
        const auto outcome =
            store().sendMessage(chat.id, i % 2 ? ada.id : bob.id, u"m%1"_s.arg(i), u"x"_s, at(i));
        QCOMPARE(outcome.kind, SendKind::Stored);
        (i % 3 == 0 ? secondSeqs : firstSeqs).append(outcome.message.seq);
        if (i % 10 == 0)
            QCOMPARE(
                store()
                    .sendMessage(chat.id, i % 2 ? ada.id : bob.id, u"m%1"_s.arg(i), u"x"_s, at(i))
                    .kind,
                SendKind::Duplicate);
    }
    QCOMPARE(firstSeqs, range(1, 100));
    QCOMPARE(secondSeqs, range(1, 50));
    QCOMPARE(store().chat(first.id, ada.id)->latestMessage->seq, 100);
}

void TestSqliteStore::resendWithSameClientId_data()
{
    QTest::addColumn<bool>("otherChat");
    QTest::addColumn<bool>("otherSender");
    QTest::addColumn<int>("expected");
    QTest::newRow("same sender, same chat: the stored message")
        << false << false << int(SendKind::Duplicate);
    QTest::newRow("same sender, other chat: conflict")
        << true << false << int(SendKind::ClientIdConflict);
    QTest::newRow("other sender: a message of its own") << false << true << int(SendKind::Stored);
}

void TestSqliteStore::resendWithSameClientId()
{
    QFETCH(bool, otherChat);
    QFETCH(bool, otherSender);
    QFETCH(int, expected);
    const User ada = addUser(u"Ada"_s);
    const User bob = addUser(u"Bob"_s);
    const User cy = addUser(u"Cy"_s);
    const Chat chat = group(ada, {bob, cy});
    const Chat other = store().directChat(ada.id, bob.id, at(0), nullptr);
    const auto first = store().sendMessage(chat.id, ada.id, u"same"_s, u"one"_s, at(1));
    QCOMPARE(first.kind, SendKind::Stored);

    const auto again =
        store().sendMessage(otherChat ? other.id : chat.id, otherSender ? bob.id : ada.id,
                            u"same"_s, u"changed text"_s, at(2));
    QCOMPARE(int(again.kind), expected);
    const QList<Message> stored = store().history(chat.id, std::nullopt, 50).messages;
    switch (again.kind) {
    case SendKind::Duplicate:
        QCOMPARE(again.message, first.message);
        QCOMPARE(stored.size(), 1);
        break;
    case SendKind::ClientIdConflict:
        QVERIFY(store().history(other.id, std::nullopt, 50).messages.isEmpty());
        break;
    case SendKind::Stored:
        QCOMPARE(again.message.seq, 2);
        QCOMPARE(stored.size(), 2);
        break;
    }
}

void TestSqliteStore::editAndDelete()
{
    const User ada = addUser(u"Ada"_s);
    const User bob = addUser(u"Bob"_s);
    const Chat chat = store().directChat(ada.id, bob.id, at(0), nullptr);
    const Message original = send(chat, ada, u"helo"_s, 1);

    const Message edited = store().editMessage(original.id, u"hello"_s, at(2));
    QCOMPARE(edited.id, original.id);
    QCOMPARE(edited.seq, original.seq);
    QCOMPARE(edited.content, u"hello"_s);
    QCOMPARE(edited.editedAt, at(2));
    QCOMPARE(edited.createdAt, original.createdAt);
    QCOMPARE(store().message(original.id), edited);

    const Message deleted = store().deleteMessage(original.id, at(3));
    QCOMPARE(deleted.deleted, true);
    QCOMPARE(deleted.content, QString());
    QCOMPARE(deleted.seq, original.seq);
    QCOMPARE(store().history(chat.id, std::nullopt, 50).messages, QList<Message>{deleted});
    QCOMPARE(store().chat(chat.id, bob.id)->latestMessage, deleted);

    QVERIFY(store().editMessage(u"999"_s, u"x"_s, at(4)).id.isEmpty());
    QVERIFY(store().deleteMessage(u"999"_s, at(4)).id.isEmpty());
}

void TestSqliteStore::senderIsShownAsOfNow()
{
    const User ada = addUser(u"Ada"_s);
    const User bob = addUser(u"Bob"_s);
    const Chat chat = store().directChat(ada.id, bob.id, at(0), nullptr);
    const Message message = send(chat, ada, u"hi"_s);
    Store::UserChanges changes;
    changes.name = u"Countess"_s;
    changes.avatarDataUri = u"data:image/png;base64,AA=="_s;
    const User renamed = *store().updateUser(ada.id, changes);
    const Message now = *store().message(message.id);
    QCOMPARE(now.sender, (UserSummary{ada.id, u"Countess"_s, renamed.avatar}));
    QCOMPARE(store().chat(chat.id, bob.id)->members.first(), renamed);
}

void TestSqliteStore::historyPagesWithoutGapsOrRepeats_data()
{
    QTest::addColumn<int>("limit");
    QTest::addColumn<int>("expectedPages");
    QTest::newRow("one at a time") << 1 << 125;
    QTest::newRow("default page") << 50 << 3;
    QTest::newRow("largest page") << 100 << 2;
    QTest::newRow("page of exactly all") << 125 << 1;
    QTest::newRow("page larger than all") << 130 << 1;
}

void TestSqliteStore::historyPagesWithoutGapsOrRepeats()
{
    QFETCH(int, limit);
    QFETCH(int, expectedPages);
    const User ada = addUser(u"Ada"_s);
    const User bob = addUser(u"Bob"_s);
    const Chat chat = store().directChat(ada.id, bob.id, at(0), nullptr);
    const Chat noise = group(ada, {bob, addUser(u"Cy"_s)});
    for (int i = 1; i <= 125; ++i) {
        send(chat, i % 2 ? ada : bob, u"message %1"_s.arg(i), i);
        if (i % 4 == 0)
            send(noise, ada, u"elsewhere"_s, i);
    }

    QList<qint64> seen;
    std::optional<qint64> before;
    int pages = 0;
    bool hasMore = true;
    while (hasMore) {
        const auto page = store().history(chat.id, before, limit);
        QVERIFY(!page.messages.isEmpty());
        QVERIFY(page.messages.size() <= limit);
        const QList<qint64> seqs = seqsOf(page.messages);
        QVERIFY(std::is_sorted(seqs.begin(), seqs.end()));
        for (const Message &message : page.messages) {
            QCOMPARE(message.chatId, chat.id);
            QCOMPARE(message.content, u"message %1"_s.arg(message.seq));
        }
        seen = seqs + seen;
        before = seqs.first();
        hasMore = page.hasMore;
        QVERIFY(++pages <= 125);
    }
    QCOMPARE(seen, range(1, 125));
    QCOMPARE(pages, expectedPages);

    const auto middle = store().history(chat.id, 60, 5);
    QCOMPARE(seqsOf(middle.messages), range(55, 59));
    QVERIFY(middle.hasMore);
    QVERIFY(store().history(chat.id, 1, 50).messages.isEmpty());
    QVERIFY(!store().history(chat.id, 1, 50).hasMore);
}

void TestSqliteStore::unreadCount_data()
{
    QTest::addColumn<qint64>("readUpTo"); // Bob's marker, 0: never read
    QTest::addColumn<bool>("deleteOne");
    QTest::addColumn<qint64>("expectedUnread");
    // Messages 1..6 alternate Ada (odd seq) and Bob (even seq): Bob has 3 unread from Ada.
    QTest::newRow("nothing read: the others' messages") << qint64(0) << false << qint64(3);
    QTest::newRow("own messages never count") << qint64(2) << false << qint64(2);
    QTest::newRow("all read") << qint64(6) << false << qint64(0);
    QTest::newRow("deleted messages do not count") << qint64(0) << true << qint64(2);
    QTest::newRow("read past a deleted one") << qint64(4) << true << qint64(0);
}

void TestSqliteStore::unreadCount()
{
    QFETCH(qint64, readUpTo);
    QFETCH(bool, deleteOne);
    QFETCH(qint64, expectedUnread);
    const User ada = addUser(u"Ada"_s);
    const User bob = addUser(u"Bob"_s);
    const Chat chat = store().directChat(ada.id, bob.id, at(0), nullptr);
    QList<Message> sent;
    for (int i = 1; i <= 6; ++i)
        sent.append(send(chat, i % 2 ? ada : bob, u"m"_s, i));
    if (deleteOne)
        store().deleteMessage(sent.at(4).id, at(9)); // seq 5, Ada's
    if (readUpTo > 0)
        QCOMPARE(store().markRead(chat.id, bob.id, readUpTo), readUpTo);

    const Chat seenByBob = *store().chat(chat.id, bob.id);
    QCOMPARE(seenByBob.unreadCount, expectedUnread);
    QCOMPARE(seenByBob.lastReadSeq, readUpTo);
    QCOMPARE(store().chatsOf(bob.id).first().unreadCount, expectedUnread);
    QCOMPARE(store().chat(chat.id, ada.id)->unreadCount, 3); // Bob's three, Ada read nothing
    // A user who is not a member sees no unread messages.
    QCOMPARE(store().chat(chat.id, addUser(u"Eve"_s).id)->unreadCount, 0);
}

void TestSqliteStore::markReadMovesForwardOnlyAndIsCapped_data()
{
    QTest::addColumn<QList<qint64>>("marks");
    QTest::addColumn<QList<qint64>>("expected");
    // The chat has 5 messages.
    QTest::newRow("forward") << QList<qint64>{1, 3, 5} << QList<qint64>{1, 3, 5};
    QTest::newRow("backward is ignored") << QList<qint64>{4, 2} << QList<qint64>{4, 4};
    QTest::newRow("past the end counts as the end") << QList<qint64>{99} << QList<qint64>{5};
    QTest::newRow("zero and negative") << QList<qint64>{0, -3} << QList<qint64>{0, 0};
}

void TestSqliteStore::markReadMovesForwardOnlyAndIsCapped()
{
    QFETCH(QList<qint64>, marks);
    QFETCH(QList<qint64>, expected);
    const User ada = addUser(u"Ada"_s);
    const User bob = addUser(u"Bob"_s);
    const Chat chat = store().directChat(ada.id, bob.id, at(0), nullptr);
    for (int i = 1; i <= 5; ++i)
        send(chat, ada, u"m"_s, i);
    QList<qint64> answers;
    for (qint64 mark : marks)
        answers.append(store().markRead(chat.id, bob.id, mark));
    QCOMPARE(answers, expected);
    QCOMPARE(store().chat(chat.id, bob.id)->lastReadSeq, expected.last());
    QCOMPARE(store().chat(chat.id, ada.id)->lastReadSeq, 0);
}

// ---- sync

void TestSqliteStore::syncWithoutChangesKeepsTheCursor()
{
    const User ada = addUser(u"Ada"_s);
    const User bob = addUser(u"Bob"_s);
    const Chat chat = store().directChat(ada.id, bob.id, at(0), nullptr);
    send(chat, ada, u"hi"_s);
    const qint64 cursor = store().currentRevision();
    QVERIFY(cursor > 0);
    const auto delta = store().changesSince(ada.id, cursor, 500);
    QCOMPARE(delta.revision, cursor);
    QVERIFY(delta.messages.isEmpty());
    QVERIFY(delta.chats.isEmpty());
    QVERIFY(delta.removedChatIds.isEmpty());
    QVERIFY(!delta.hasMore);

    // Changes the user cannot see move the counter but bring it nothing.
    const User cy = addUser(u"Cy"_s);
    send(store().directChat(bob.id, cy.id, at(1), nullptr), bob, u"not for Ada"_s);
    const auto later = store().changesSince(ada.id, cursor, 500);
    QVERIFY(later.revision > cursor);
    QVERIFY(later.messages.isEmpty());
    QVERIFY(later.chats.isEmpty());
}

void TestSqliteStore::syncPagesDeliverEveryMessageOnce_data()
{
    QTest::addColumn<int>("pageSize");
    QTest::newRow("protocol page of 500") << 500;
    QTest::newRow("pages of 97") << 97;
}

void TestSqliteStore::syncPagesDeliverEveryMessageOnce()
{
    QFETCH(int, pageSize);
    const User ada = addUser(u"Ada"_s);
    const User bob = addUser(u"Bob"_s);
    const User cy = addUser(u"Cy"_s);
    const Chat direct = store().directChat(ada.id, bob.id, at(0), nullptr);
    const Chat team = group(bob, {ada, cy});
    const Chat notAdas = store().directChat(bob.id, cy.id, at(0), nullptr);
    const qint64 cursor = store().currentRevision();

    QSet<QString> expected;
    for (int i = 0; i < 620; ++i) {
        const Chat &chat = i % 5 == 0 ? team : direct;
        expected.insert(send(chat, i % 2 ? ada : bob, u"m%1"_s.arg(i), i).id);
        if (i % 7 == 0)
            send(notAdas, cy, u"private"_s, i);
    }

    QSet<QString> seen;
    qint64 position = cursor;
    bool hasMore = true;
    int pages = 0;
    while (hasMore) {
        const auto delta = store().changesSince(ada.id, position, pageSize);
        QVERIFY(delta.revision > position);
        QVERIFY(delta.messages.size() <= pageSize);
        // In seq order per chat: sorted by (chat, seq).
        for (qsizetype i = 1; i < delta.messages.size(); ++i) {
            const Message &a = delta.messages.at(i - 1);
            const Message &b = delta.messages.at(i);
            QVERIFY(a.chatId.toLongLong() < b.chatId.toLongLong()
                    || (a.chatId == b.chatId && a.seq < b.seq));
        }
        for (const Message &message : delta.messages) {
            QVERIFY2(!seen.contains(message.id), "a message came twice");
            QVERIFY(message.chatId != notAdas.id);
            seen.insert(message.id);
        }
        if (pages == 0) {
            QCOMPARE(delta.messages.size(), pageSize);
            QVERIFY(delta.hasMore);
        }
        position = delta.revision;
        hasMore = delta.hasMore;
        QVERIFY(++pages < 100);
    }
    QCOMPARE(seen, expected);
    QCOMPARE(pages, (620 + pageSize - 1) / pageSize);
    QCOMPARE(position, store().currentRevision());
}

void TestSqliteStore::syncReportsEditsAndDeletes()
{
    const User ada = addUser(u"Ada"_s);
    const User bob = addUser(u"Bob"_s);
    const Chat chat = store().directChat(ada.id, bob.id, at(0), nullptr);
    const Message first = send(chat, bob, u"one"_s, 1);
    const Message second = send(chat, bob, u"two"_s, 2);
    send(chat, bob, u"three"_s, 3);
    const qint64 cursor = store().currentRevision();

    const Message deleted = store().deleteMessage(second.id, at(4));
    const Message edited = store().editMessage(first.id, u"ONE"_s, at(5));
    const auto delta = store().changesSince(ada.id, cursor, 500);
    QCOMPARE(delta.messages, (QList<Message>{edited, deleted})); // seq order
    QVERIFY(delta.chats.isEmpty());
}

void TestSqliteStore::syncReportsJoinedAndChangedChats()
{
    const User ada = addUser(u"Ada"_s);
    const User bob = addUser(u"Bob"_s);
    const User cy = addUser(u"Cy"_s);
    const User dee = addUser(u"Dee"_s);
    const qint64 start = store().currentRevision();
    const Chat team = group(bob, {ada, cy}, u"Team"_s);
    const Chat direct = store().directChat(dee.id, ada.id, at(1), nullptr);

    auto delta = store().changesSince(ada.id, start, 500);
    QCOMPARE(chatIdsOf(delta.chats), (QStringList{direct.id, team.id})); // by activity
    QCOMPARE(delta.chats.last(), *store().chat(team.id, ada.id));
    QVERIFY(delta.removedChatIds.isEmpty());

    qint64 cursor = delta.revision;
    store().renameChat(team.id, u"Renamed"_s, at(2));
    delta = store().changesSince(ada.id, cursor, 500);
    QCOMPARE(chatIdsOf(delta.chats), QStringList{team.id});
    QCOMPARE(delta.chats.first().name, u"Renamed"_s);

    cursor = delta.revision;
    store().addMember(team.id, dee.id, at(3));
    delta = store().changesSince(ada.id, cursor, 500);
    QCOMPARE(chatIdsOf(delta.chats), QStringList{team.id});
    QCOMPARE(delta.chats.first().members.size(), 4);
    delta = store().changesSince(dee.id, cursor, 500);
    QCOMPARE(chatIdsOf(delta.chats), QStringList{team.id});

    // A change that is not Ada's is not reported to her.
    cursor = store().currentRevision();
    store().renameChat(store().directChat(bob.id, cy.id, at(4), nullptr).id, u"x"_s, at(4));
    QVERIFY(store().changesSince(ada.id, cursor, 500).chats.isEmpty());
}

void TestSqliteStore::syncReportsRemovedChatAndHidesItsLaterMessages()
{
    const User ada = addUser(u"Ada"_s);
    const User bob = addUser(u"Bob"_s);
    const User cy = addUser(u"Cy"_s);
    const Chat team = group(bob, {ada, cy});
    const Chat kept = store().directChat(ada.id, bob.id, at(0), nullptr);
    const qint64 cursor = store().currentRevision();

    send(team, bob, u"while Ada is in"_s, 1);
    store().removeMember(team.id, ada.id, at(2));
    send(team, bob, u"after Ada left"_s, 3);
    const Message stillHers = send(kept, bob, u"direct"_s, 4);

    auto delta = store().changesSince(ada.id, cursor, 500);
    QCOMPARE(delta.removedChatIds, QStringList{team.id});
    QVERIFY(!chatIdsOf(delta.chats).contains(team.id));
    QCOMPARE(delta.messages, QList<Message>{stillHers});

    // The others see Ada go.
    delta = store().changesSince(cy.id, cursor, 500);
    QCOMPARE(chatIdsOf(delta.chats), QStringList{team.id});
    QCOMPARE(delta.chats.first().members.size(), 2);
    QVERIFY(delta.removedChatIds.isEmpty());
    QCOMPARE(delta.messages.size(), 2);

    // Back in: the chat is hers again, with what she missed.
    const qint64 afterRemoval = store().changesSince(ada.id, cursor, 500).revision;
    store().addMember(team.id, ada.id, at(5));
    delta = store().changesSince(ada.id, afterRemoval, 500);
    QCOMPARE(chatIdsOf(delta.chats), QStringList{team.id});
    QVERIFY(delta.removedChatIds.isEmpty());
}

void TestSqliteStore::syncCursorNeverMovesBack()
{
    const User ada = addUser(u"Ada"_s);
    const User bob = addUser(u"Bob"_s);
    send(store().directChat(ada.id, bob.id, at(0), nullptr), bob, u"hi"_s);
    const qint64 ahead = store().currentRevision() + 1000;
    const auto delta = store().changesSince(ada.id, ahead, 500);
    QCOMPARE(delta.revision, ahead);
    QVERIFY(delta.messages.isEmpty());
    QCOMPARE(store().changesSince(ada.id, 0, 500).revision, store().currentRevision());
}

// ---- durability

void TestSqliteStore::dataSurvivesReopen()
{
    const User ada = addUser(u"Ada"_s);
    const User bob = addUser(u"Bob"_s);
    const QString session = store().createSession(ada.id, "r1", u"laptop"_s, at(0), at(3600));
    const Chat chat = store().directChat(ada.id, bob.id, at(0), nullptr);
    const Message hello = send(chat, ada, u"hello"_s, 1);
    store().markRead(chat.id, bob.id, 1);
    const Chat before = *store().chat(chat.id, bob.id);
    const qint64 revision = store().currentRevision();

    SqliteStore &reopened = m_fixture->reopen();
    QCOMPARE(reopened.user(ada.id), ada);
    QCOMPARE(reopened.credentialsByEmail(ada.email)->userId, ada.id);
    QVERIFY(reopened.sessionActive(session, ada.id));
    QCOMPARE(reopened.chat(chat.id, bob.id), before);
    QCOMPARE(reopened.message(hello.id), hello);
    QCOMPARE(reopened.currentRevision(), revision);
    QCOMPARE(reopened.sendMessage(chat.id, ada.id, u"c1"_s, u"again"_s, at(2)).kind,
             SendKind::Duplicate); // clientId "c1" was hello's
    QCOMPARE(send(chat, bob, u"next"_s, 3).seq, 2);
}

QTEST_GUILESS_MAIN(TestSqliteStore)
#include "tst_sqlitestore.moc"
