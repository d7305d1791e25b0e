// SPDX-License-Identifier: GPL-3.0-or-later
// Users and their sessions in a Store, observed through its interface alone: what a handler
// would see.

#include "storetestcase.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace parley;
using namespace parley::server;
using namespace parley::server::testkit;

using RotationOutcome = Store::Rotation::Outcome;

class TestStoreUsers : public StoreTestCase
{
    Q_OBJECT

private slots:
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
};

// ---- users

void TestStoreUsers::createdUserIsReadable()
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

void TestStoreUsers::emailIsUniqueInAnyCase_data()
{
    QTest::addColumn<QString>("first");
    QTest::addColumn<QString>("second");
    QTest::newRow("same spelling") << u"ada@example.org"_s << u"ada@example.org"_s;
    QTest::newRow("upper case") << u"ada@example.org"_s << u"ADA@EXAMPLE.ORG"_s;
    QTest::newRow("mixed case first") << u"Ada@Example.org"_s << u"ada@example.ORG"_s;
    QTest::newRow("non-ASCII letters") << u"élodie@example.org"_s << u"ÉLODIE@example.org"_s;
}

void TestStoreUsers::emailIsUniqueInAnyCase()
{
    QFETCH(QString, first);
    QFETCH(QString, second);
    QVERIFY(store().createUser({u"One"_s, first, "h1", {}}, at(0)));
    QVERIFY(!store().createUser({u"Two"_s, second, "h2", {}}, at(1)));
    QVERIFY(store().createUser({u"Three"_s, u"other@example.org"_s, "h3", {}}, at(2)));
}

void TestStoreUsers::credentialsByEmailInAnyCase_data()
{
    QTest::addColumn<QString>("typed");
    QTest::newRow("as registered") << u"Grace@Navy.mil"_s;
    QTest::newRow("lower case") << u"grace@navy.mil"_s;
    QTest::newRow("upper case") << u"GRACE@NAVY.MIL"_s;
}

void TestStoreUsers::credentialsByEmailInAnyCase()
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

void TestStoreUsers::unknownIdsNameNothing_data()
{
    QTest::addColumn<QString>("id");
    QTest::newRow("unused number") << u"999"_s;
    QTest::newRow("not a number") << u"abc"_s;
    QTest::newRow("leading zero") << u"01"_s;
    QTest::newRow("empty") << QString();
    QTest::newRow("negative") << u"-1"_s;
}

void TestStoreUsers::unknownIdsNameNothing()
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

void TestStoreUsers::updateUserChangesNameAndPassword()
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

void TestStoreUsers::avatarChangesGetNewIdsAndOldOnesStay()
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

void TestStoreUsers::searchUsers_data()
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

void TestStoreUsers::searchUsers()
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

void TestStoreUsers::contactsAreUsersSharingAChat()
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

void TestStoreUsers::sessionIsActiveForItsUserOnly()
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

void TestStoreUsers::refreshTokensRotate()
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

void TestStoreUsers::reusedRefreshTokenRevokesSession()
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

void TestStoreUsers::refreshTokenInactive_data()
{
    QTest::addColumn<bool>("revoke");
    QTest::addColumn<qint64>("presentedAt");
    QTest::newRow("expired") << false << qint64(3600);
    QTest::newRow("long expired") << false << qint64(99999);
    QTest::newRow("session revoked") << true << qint64(10);
}

void TestStoreUsers::refreshTokenInactive()
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

void TestStoreUsers::revokeSessionsKeepsOne()
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

QTEST_GUILESS_MAIN(TestStoreUsers)
#include "tst_store_users.moc"
