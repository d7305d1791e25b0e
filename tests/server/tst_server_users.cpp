// SPDX-License-Identifier: GPL-3.0-or-later
// user.me, user.update (name, avatar, password) and user.search.
#include "protocolcheck.h"
#include "testserver.h"

#include <QJsonArray>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace parley::test;

namespace {

QJsonObject userOf(const QJsonObject &response)
{
    return dataOf(response).value("user"_L1).toObject();
}

QStringList namesOf(const QJsonArray &users)
{
    QStringList names;
    for (const auto &user : users)
        names.append(user.toObject().value("name"_L1).toString());
    return names;
}

} // namespace

class tst_ServerUsers : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void meReturnsTheSignedInUser();
    void updateChangesName();
    void updateRejectsInvalidName_data();
    void updateRejectsInvalidName();
    void updateAvatarGivesNewIdAndKeepsOldOne();
    void updateAvatarNullRemovesIt();
    void updateRejectsBadAvatar();
    void passwordChangeNeedsCurrentPassword_data();
    void passwordChangeNeedsCurrentPassword();
    void passwordChangeRevokesOtherSessions();
    void updateReachesContactsAndOtherDevicesLive();

    void searchMatchesNameAndEmailIgnoringCase();
    void searchIgnoresCaseBeyondAscii_data();
    void searchIgnoresCaseBeyondAscii();
    void searchTreatsWildcardsLiterally_data();
    void searchTreatsWildcardsLiterally();
    void searchHonoursLimits();
    void searchRejectsLimitOver50();
};

void tst_ServerUsers::meReturnsTheSignedInUser()
{
    TestServer server;
    QVERIFY(server.start());
    auto client = server.signUp(u"Myself"_s);
    QVERIFY(client);

    const QJsonObject response = client->request(u"user.me"_s);
    PARLEY_VERIFY_OK(response);
    const QJsonObject user = userOf(response);
    QCOMPARE(user.value("id"_L1).toString(), client->userId());
    QCOMPARE(user.value("name"_L1).toString(), u"Myself"_s);
    QCOMPARE(user.value("email"_L1).toString(), client->account().email);
    QVERIFY(user.value("avatar"_L1).isNull());
    QCOMPARE(user.value("online"_L1), QJsonValue(true));
    QVERIFY(!containsKeyLike(response, u"pass") && !containsKeyLike(response, u"hash"));
}

void tst_ServerUsers::updateChangesName()
{
    TestServer server;
    QVERIFY(server.start());
    auto client = server.signUp(u"Old Name"_s);
    QVERIFY(client);

    const QJsonObject response = client->request(u"user.update"_s, {{"name"_L1, u"New Name"_s}});
    PARLEY_VERIFY_OK(response);
    QCOMPARE(userOf(response).value("name"_L1).toString(), u"New Name"_s);
    QCOMPARE(userOf(response).value("id"_L1).toString(), client->userId());
    QCOMPARE(userOf(client->request(u"user.me"_s)).value("name"_L1).toString(), u"New Name"_s);

    // Others see the new name too.
    auto other = server.signUp(u"Other"_s);
    QVERIFY(other);
    const QJsonObject found = other->request(u"user.search"_s, {{"query"_L1, u"new name"_s}});
    PARLEY_VERIFY_OK(found);
    QCOMPARE(namesOf(dataOf(found).value("users"_L1).toArray()), QStringList{u"New Name"_s});
}

void tst_ServerUsers::updateRejectsInvalidName_data()
{
    QTest::addColumn<QJsonValue>("name");
    QTest::newRow("empty") << QJsonValue(u""_s);
    QTest::newRow("65 chars") << QJsonValue(QString(65, u'n'));
    QTest::newRow("not a string") << QJsonValue(5);
}

void tst_ServerUsers::updateRejectsInvalidName()
{
    QFETCH(QJsonValue, name);
    TestServer server;
    QVERIFY(server.start());
    auto client = server.signUp(u"Steady"_s);
    QVERIFY(client);

    const QJsonObject response = client->request(u"user.update"_s, {{"name"_L1, name}});
    PARLEY_VERIFY_ERROR(response, u"bad_request"_s);
    QVERIFY2(errorMessage(response).contains(u"name"_s, Qt::CaseInsensitive),
             describe(response).constData());
    QCOMPARE(userOf(client->request(u"user.me"_s)).value("name"_L1).toString(), u"Steady"_s);
}

void tst_ServerUsers::updateAvatarGivesNewIdAndKeepsOldOne()
{
    TestServer server;
    QVERIFY(server.start());
    auto client = server.connect();
    QVERIFY(client);
    QVERIFY(client->registerUser(u"Pictured"_s, {{"avatar"_L1, tinyPngDataUri()}}).isValid());
    const QString oldId = userOf(client->request(u"user.me"_s)).value("avatar"_L1).toString();
    QVERIFY(!oldId.isEmpty());

    const QJsonObject response =
        client->request(u"user.update"_s, {{"avatar"_L1, otherPngDataUri()}});
    PARLEY_VERIFY_OK(response);
    const QString newId = userOf(response).value("avatar"_L1).toString();
    QVERIFY(!newId.isEmpty());
    QVERIFY(newId != oldId);

    // Ids are immutable: each still gives its own picture, to anyone signed in.
    auto viewer = server.signUp(u"Viewer"_s);
    QVERIFY(viewer);
    const QJsonObject oldPicture = viewer->request(u"avatar.get"_s, {{"avatarId"_L1, oldId}});
    const QJsonObject newPicture = viewer->request(u"avatar.get"_s, {{"avatarId"_L1, newId}});
    PARLEY_VERIFY_OK(oldPicture);
    PARLEY_VERIFY_OK(newPicture);
    // The server stores its own re-encoding: compare pixels.
    QCOMPARE(imageOfDataUri(dataOf(oldPicture).value("dataUri"_L1).toString()),
             imageOfDataUri(tinyPngDataUri()));
    QCOMPARE(imageOfDataUri(dataOf(newPicture).value("dataUri"_L1).toString()),
             imageOfDataUri(otherPngDataUri()));
}

void tst_ServerUsers::updateAvatarNullRemovesIt()
{
    TestServer server;
    QVERIFY(server.start());
    auto client = server.connect();
    QVERIFY(client);
    QVERIFY(client->registerUser(u"Pictured"_s, {{"avatar"_L1, tinyPngDataUri()}}).isValid());
    const QString oldId = userOf(client->request(u"user.me"_s)).value("avatar"_L1).toString();

    const QJsonObject response = client->request(u"user.update"_s, {{"avatar"_L1, QJsonValue()}});
    PARLEY_VERIFY_OK(response);
    QVERIFY2(userOf(response).value("avatar"_L1).isNull(), describe(response).constData());
    QVERIFY(userOf(client->request(u"user.me"_s)).value("avatar"_L1).isNull());
    PARLEY_VERIFY_OK(client->request(u"avatar.get"_s, {{"avatarId"_L1, oldId}}));

    // A name-only update leaves the avatar alone.
    PARLEY_VERIFY_OK(client->request(u"user.update"_s, {{"avatar"_L1, tinyPngDataUri()}}));
    const QJsonObject renamed = client->request(u"user.update"_s, {{"name"_L1, u"Renamed"_s}});
    PARLEY_VERIFY_OK(renamed);
    QVERIFY(!userOf(renamed).value("avatar"_L1).toString().isEmpty());
}

void tst_ServerUsers::updateRejectsBadAvatar()
{
    TestServer server;
    QVERIFY(server.start());
    auto client = server.signUp(u"Plain"_s);
    QVERIFY(client);

    for (const QString &avatar :
         {dataUriOfSize(u"image/gif"_s, 200), dataUriOfSize(u"image/png"_s, 48 * 1024 + 8),
          u"data:image/png;base64,%%%"_s}) {
        const QJsonObject response = client->request(u"user.update"_s, {{"avatar"_L1, avatar}});
        PARLEY_VERIFY_ERROR(response, u"bad_request"_s);
        QVERIFY2(errorMessage(response).contains(u"avatar"_s, Qt::CaseInsensitive),
                 describe(response).constData());
    }
    QVERIFY(userOf(client->request(u"user.me"_s)).value("avatar"_L1).isNull());
}

void tst_ServerUsers::passwordChangeNeedsCurrentPassword_data()
{
    QTest::addColumn<QJsonValue>("currentPassword");
    QTest::addColumn<QStringList>("codes"); // what a reasonable server may answer
    QTest::newRow("wrong") << QJsonValue(u"not my password"_s) << QStringList{u"forbidden"_s};
    // The table only names the wrong case; a missing one is refused either way.
    QTest::newRow("missing") << QJsonValue(QJsonValue::Undefined)
                             << QStringList{u"bad_request"_s, u"forbidden"_s};
}

void tst_ServerUsers::passwordChangeNeedsCurrentPassword()
{
    QFETCH(QJsonValue, currentPassword);
    QFETCH(QStringList, codes);
    TestServer server;
    QVERIFY(server.start());
    auto client = server.signUp(u"Careful"_s);
    QVERIFY(client);

    QJsonObject data{{"password"_L1, u"a brand new password"_s}};
    if (!currentPassword.isUndefined())
        data.insert("currentPassword"_L1, currentPassword);
    const QJsonObject response = client->request(u"user.update"_s, data);
    QVERIFY2(codes.contains(errorCode(response)), describe(response).constData());
    QVERIFY(client->isConnected());

    // The old password still works, the new one does not.
    auto other = server.connect();
    QVERIFY(other);
    PARLEY_VERIFY_ERROR(other->login(client->account().email, u"a brand new password"_s),
                        u"unauthenticated"_s);
    PARLEY_VERIFY_OK(other->login(client->account().email, client->account().password));
}

void tst_ServerUsers::passwordChangeRevokesOtherSessions()
{
    TestServer server;
    QVERIFY(server.start());
    auto client = server.signUp(u"Rotating"_s);
    QVERIFY(client);
    const Account account = client->account();
    auto otherDevice = server.connect();
    QVERIFY(otherDevice);
    PARLEY_VERIFY_OK(otherDevice->login(account.email, account.password));
    const QString otherRefresh = otherDevice->account().refreshToken;
    const QString otherAccess = otherDevice->account().accessToken;

    const QJsonObject response = client->request(
        u"user.update"_s,
        {{"password"_L1, u"a brand new password"_s}, {"currentPassword"_L1, account.password}});
    PARLEY_VERIFY_OK(response);
    QVERIFY(!containsKeyLike(response, u"hash"));

    // The other session is gone; this one stays.
    QVERIFY(otherDevice->waitForDisconnected());
    auto checker = server.connect();
    QVERIFY(checker);
    PARLEY_VERIFY_ERROR(checker->request(u"auth.refresh"_s, {{"refreshToken"_L1, otherRefresh}}),
                        u"unauthenticated"_s);
    PARLEY_VERIFY_ERROR(checker->request(u"auth.token"_s, {{"accessToken"_L1, otherAccess}}),
                        u"unauthenticated"_s);
    QVERIFY(client->isConnected());
    PARLEY_VERIFY_OK(client->request(u"user.me"_s));
    PARLEY_VERIFY_OK(
        checker->request(u"auth.refresh"_s, {{"refreshToken"_L1, account.refreshToken}}));

    auto fresh = server.connect();
    QVERIFY(fresh);
    PARLEY_VERIFY_ERROR(fresh->login(account.email, account.password), u"unauthenticated"_s);
    PARLEY_VERIFY_OK(fresh->login(account.email, u"a brand new password"_s));
}

void tst_ServerUsers::updateReachesContactsAndOtherDevicesLive()
{
    TestServer server;
    QVERIFY(server.start());
    auto alice = server.signUp(u"Alice"_s);
    auto bob = server.signUp(u"Bob"_s);
    auto stranger = server.signUp(u"Stranger"_s);
    QVERIFY(alice && bob && stranger);
    QVERIFY(!bob->directChat(alice->userId()).isEmpty());
    auto aliceLaptop = server.connectAs(alice->account());
    QVERIFY(aliceLaptop);
    const QString aliceId = alice->userId();
    const auto renamed = [aliceId](const QJsonObject &data) {
        const QJsonObject user = data.value("user"_L1).toObject();
        return user.value("id"_L1).toString() == aliceId
            && user.value("name"_L1).toString() == u"Alice Archer"_s;
    };

    PARLEY_VERIFY_OK(alice->request(u"user.update"_s, {{"name"_L1, u"Alice Archer"_s}}));

    QVERIFY(bob->waitEvent(u"user.updated"_s, renamed));
    QVERIFY(aliceLaptop->waitEvent(u"user.updated"_s, renamed));
    QVERIFY(stranger->expectNoEvent(u"user.updated"_s));
    // The device that made the change has its answer; it gets no echo.
    QVERIFY(alice->expectNoEvent(u"user.updated"_s, {}, 0));
}

void tst_ServerUsers::searchMatchesNameAndEmailIgnoringCase()
{
    TestServer server;
    QVERIFY(server.start());
    auto searcher = server.signUp(u"Margaret Searcher"_s);
    QVERIFY(searcher);
    std::vector<std::unique_ptr<TestClient>> users;
    for (const QString &name : {u"Margaret Hamilton"_s, u"Grace Hopper"_s, u"Alan Turing"_s}) {
        users.push_back(server.signUp(name));
        QVERIFY(users.back());
    }

    const QJsonObject byName = searcher->request(u"user.search"_s, {{"query"_L1, u"MARGARET"_s}});
    PARLEY_VERIFY_OK(byName);
    const QJsonArray found = dataOf(byName).value("users"_L1).toArray();
    QCOMPARE(namesOf(found), QStringList{u"Margaret Hamilton"_s}); // the caller is excluded
    const QJsonObject user = found.first().toObject();
    QCOMPARE(user.value("id"_L1).toString(), users[0]->userId());
    QVERIFY(user.contains("email"_L1) && user.contains("avatar"_L1) && user.contains("online"_L1));
    QVERIFY(!containsKeyLike(byName, u"pass") && !containsKeyLike(byName, u"hash"));

    // Emails are "<name>.<n>@example.test": a fragment of one in another case finds it.
    const QString emailFragment = users[1]->account().email.section(u'@', 0, 0).toUpper();
    const QJsonObject byEmail = searcher->request(u"user.search"_s, {{"query"_L1, emailFragment}});
    PARLEY_VERIFY_OK(byEmail);
    QCOMPARE(idsOf(dataOf(byEmail).value("users"_L1).toArray()), QStringList{users[1]->userId()});

    const QJsonObject none = searcher->request(u"user.search"_s, {{"query"_L1, u"zzz-nobody"_s}});
    PARLEY_VERIFY_OK(none);
    QVERIFY(dataOf(none).value("users"_L1).toArray().isEmpty());
}

void tst_ServerUsers::searchIgnoresCaseBeyondAscii_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("found");
    QTest::newRow("lower å") << u"åsa"_s << u"Åsa Ödman"_s;
    QTest::newRow("upper Ö") << u"ÖDMAN"_s << u"Åsa Ödman"_s;
    QTest::newRow("lower é") << u"émile"_s << u"Émile Zola"_s;
    QTest::newRow("Cyrillic") << u"МАША"_s << u"Маша"_s;
}

void tst_ServerUsers::searchIgnoresCaseBeyondAscii()
{
    QFETCH(QString, query);
    QFETCH(QString, found);
    TestServer server;
    QVERIFY(server.start());
    auto searcher = server.signUp(u"Searcher"_s);
    QVERIFY(searcher);
    for (const QString &name : {u"Åsa Ödman"_s, u"Émile Zola"_s, u"Маша"_s})
        QVERIFY(server.signUp(name));

    const QJsonObject response = searcher->request(u"user.search"_s, {{"query"_L1, query}});
    PARLEY_VERIFY_OK(response);
    QCOMPARE(namesOf(dataOf(response).value("users"_L1).toArray()), QStringList{found});
}

void tst_ServerUsers::searchTreatsWildcardsLiterally_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("found");
    QTest::newRow("percent") << u"%"_s << QStringList{u"100% Real"_s};
    QTest::newRow("underscore") << u"_"_s << QStringList{u"snake_case"_s};
    QTest::newRow("percent between letters") << u"a%e"_s << QStringList();
    QTest::newRow("backslash") << u"\\"_s << QStringList();
    QTest::newRow("quote") << u"'"_s << QStringList{u"O'Brien"_s};
}

void tst_ServerUsers::searchTreatsWildcardsLiterally()
{
    QFETCH(QString, query);
    QFETCH(QStringList, found);
    TestServer server;
    QVERIFY(server.start());
    auto searcher = server.signUp(u"Searcher"_s);
    QVERIFY(searcher);
    // Their generated emails hold only letters, digits, dots and @.
    for (const QString &name : {u"Alice"_s, u"100% Real"_s, u"snake_case"_s, u"O'Brien"_s})
        QVERIFY(server.signUp(name));

    const QJsonObject response = searcher->request(u"user.search"_s, {{"query"_L1, query}});
    PARLEY_VERIFY_OK(response);
    QCOMPARE(namesOf(dataOf(response).value("users"_L1).toArray()), found);
}

void tst_ServerUsers::searchHonoursLimits()
{
    TestServer server;
    QVERIFY(server.start());
    auto searcher = server.signUp(u"Findme Caller"_s);
    QVERIFY(searcher);
    constexpr int Matching = 23; // more than the default page of 20
    for (int i = 0; i < Matching; ++i)
        QVERIFY(server.signUp(u"Findme %1"_s.arg(i, 2, 10, QChar(u'0'))));

    const auto count = [&](const QJsonObject &data) {
        const QJsonObject response = searcher->request(u"user.search"_s, data);
        if (!isOk(response))
            qWarning().noquote() << describe(response);
        const QJsonArray users = dataOf(response).value("users"_L1).toArray();
        if (idsOf(users).contains(searcher->userId()))
            return -1;
        return int(users.size());
    };
    QCOMPARE(count({{"query"_L1, u"findme"_s}}), 20);
    QCOMPARE(count({{"query"_L1, u"findme"_s}, {"limit"_L1, 5}}), 5);
    QCOMPARE(count({{"query"_L1, u"findme"_s}, {"limit"_L1, 50}}), Matching);
    QCOMPARE(count({{"query"_L1, u"FINDME 1"_s}, {"limit"_L1, 50}}), 10);
}

void tst_ServerUsers::searchRejectsLimitOver50()
{
    TestServer server;
    QVERIFY(server.start());
    auto searcher = server.signUp(u"Greedy"_s);
    QVERIFY(searcher);

    const QJsonObject response =
        searcher->request(u"user.search"_s, {{"query"_L1, u"a"_s}, {"limit"_L1, 51}});
    PARLEY_VERIFY_ERROR(response, u"bad_request"_s);
    QVERIFY2(errorMessage(response).contains(u"limit"_s, Qt::CaseInsensitive),
             describe(response).constData());
    PARLEY_VERIFY_ERROR(searcher->request(u"user.search"_s, {{"limit"_L1, 5}}), u"bad_request"_s);
}

QTEST_GUILESS_MAIN(tst_ServerUsers)
#include "tst_server_users.moc"
