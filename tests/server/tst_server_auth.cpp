// SPDX-License-Identifier: GPL-3.0-or-later
// server.info, the gate before authentication, registration (fields, avatars, unique emails),
// login and its rate limits.
#include "protocolcheck.h"
#include "testserver.h"

#include <QJsonArray>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace parley::test;

namespace {

constexpr auto Password = "correct horse battery"_L1;

// A 1×1 JPEG.
constexpr auto TinyJpegDataUri =
    "data:image/jpeg;base64,/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP////////////////////////////"
    "//////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAA"
    "AAAAAAAAAAAAAP/aAAgBAQABPxA="_L1;

QString emailOfLength(qsizetype length)
{
    // user@<labels of at most 60 letters>.example.test, each label non-empty.
    QString local = u"user"_s;
    const QString tail = u"example.test"_s;
    qsizetype prefix = length - local.size() - 1 - tail.size();
    if (prefix == 1) { // one character cannot be a label plus its dot: lengthen the local part
        local += u'x';
        prefix = 0;
    }
    QString domain;
    while (prefix > 0) {
        const qsizetype label = std::min<qsizetype>(60, prefix - 1);
        domain += QString(label, u'd') + u'.';
        prefix -= label + 1;
    }
    return local + u'@' + domain + tail;
}

} // namespace

class tst_ServerAuth : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void serverInfoHasItsShape();
    void serverInfoReportsClosedRegistration();
    void knownOpsBeforeAuthAreUnauthenticated_data();
    void knownOpsBeforeAuthAreUnauthenticated();
    void unknownOpIsUnsupportedBeforeAndAfterAuth();

    void registerReturnsUserAndTokens();
    void registerRejectsInvalidFields_data();
    void registerRejectsInvalidFields();
    void registerAcceptsFieldsAtTheirLimits_data();
    void registerAcceptsFieldsAtTheirLimits();
    void registerRejectsDuplicateEmailInAnyCase_data();
    void registerRejectsDuplicateEmailInAnyCase();
    void concurrentRegistrationsOfOneEmailMakeOneUser();
    void registerStoresAvatar_data();
    void registerStoresAvatar();
    void registerRejectsBadAvatar_data();
    void registerRejectsBadAvatar();
    void avatarGetUnknownIsNotFound();

    void loginIgnoresEmailCase_data();
    void loginIgnoresEmailCase();
    void loginFailuresLookTheSame();
    void loginIsRateLimitedPerAccount();
    void loginIsRateLimitedPerAddress();
    void loginLimitLiftsAfterItsWindow();
};

void tst_ServerAuth::serverInfoHasItsShape()
{
    TestServer server;
    QVERIFY(server.start());
    auto client = server.connect();
    QVERIFY(client);

    const QJsonObject response = client->request(u"server.info"_s);
    PARLEY_VERIFY_OK(response);
    const QJsonObject info = dataOf(response);
    QVERIFY2(info.value("name"_L1).isString(), describe(info).constData());
    QCOMPARE(info.value("name"_L1).toString(), server.config().name);
    QVERIFY(!info.value("version"_L1).toString().isEmpty());
    QVERIFY(info.value("protocol"_L1).isDouble());
    QCOMPARE(info.value("protocol"_L1).toInt(), 1);
    QCOMPARE(info.value("registrationOpen"_L1), QJsonValue(true));

    // Still answered once signed in.
    QVERIFY(client->registerUser(u"Info Reader"_s).isValid());
    PARLEY_VERIFY_OK(client->request(u"server.info"_s));
}

void tst_ServerAuth::serverInfoReportsClosedRegistration()
{
    TestServer server([](auto &config) { config.registrationOpen = false; });
    QVERIFY(server.start());
    auto client = server.connect();
    QVERIFY(client);

    const QJsonObject response = client->request(u"server.info"_s);
    PARLEY_VERIFY_OK(response);
    QCOMPARE(dataOf(response).value("registrationOpen"_L1), QJsonValue(false));

    const QJsonObject refused = client->request(
        u"auth.register"_s,
        {{"name"_L1, u"Late"_s}, {"email"_L1, u"late@example.test"_s}, {"password"_L1, Password}});
    QVERIFY2(!isOk(refused) && !errorCode(refused).isEmpty(), describe(refused).constData());
}

void tst_ServerAuth::knownOpsBeforeAuthAreUnauthenticated_data()
{
    QTest::addColumn<QString>("op");
    QTest::addColumn<QJsonObject>("data");

    const QJsonObject chat{{"chatId"_L1, u"1"_s}};
    QTest::newRow("auth.logout") << u"auth.logout"_s << QJsonObject{};
    QTest::newRow("user.me") << u"user.me"_s << QJsonObject{};
    QTest::newRow("user.update") << u"user.update"_s << QJsonObject{{"name"_L1, u"Someone"_s}};
    QTest::newRow("avatar.get") << u"avatar.get"_s << QJsonObject{{"avatarId"_L1, u"1"_s}};
    QTest::newRow("user.search") << u"user.search"_s << QJsonObject{{"query"_L1, u"a"_s}};
    QTest::newRow("chat.list") << u"chat.list"_s << QJsonObject{};
    QTest::newRow("chat.direct") << u"chat.direct"_s << QJsonObject{{"userId"_L1, u"1"_s}};
    QTest::newRow("chat.createGroup")
        << u"chat.createGroup"_s
        << QJsonObject{{"name"_L1, u"G"_s}, {"userIds"_L1, QJsonArray{u"1"_s, u"2"_s}}};
    QTest::newRow("chat.rename") << u"chat.rename"_s
                                 << QJsonObject{{"chatId"_L1, u"1"_s}, {"name"_L1, u"N"_s}};
    QTest::newRow("chat.addMember")
        << u"chat.addMember"_s << QJsonObject{{"chatId"_L1, u"1"_s}, {"userId"_L1, u"2"_s}};
    QTest::newRow("chat.removeMember")
        << u"chat.removeMember"_s << QJsonObject{{"chatId"_L1, u"1"_s}, {"userId"_L1, u"2"_s}};
    QTest::newRow("message.send") << u"message.send"_s
                                  << QJsonObject{{"chatId"_L1, u"1"_s},
                                                 {"clientId"_L1, u"c1"_s},
                                                 {"content"_L1, u"hi"_s}};
    QTest::newRow("message.history") << u"message.history"_s << chat;
    QTest::newRow("message.edit") << u"message.edit"_s
                                  << QJsonObject{{"messageId"_L1, u"1"_s}, {"content"_L1, u"x"_s}};
    QTest::newRow("message.delete") << u"message.delete"_s << QJsonObject{{"messageId"_L1, u"1"_s}};
    QTest::newRow("chat.markRead")
        << u"chat.markRead"_s << QJsonObject{{"chatId"_L1, u"1"_s}, {"seq"_L1, 1}};
    QTest::newRow("sync") << u"sync"_s << QJsonObject{};
}

void tst_ServerAuth::knownOpsBeforeAuthAreUnauthenticated()
{
    QFETCH(QString, op);
    QFETCH(QJsonObject, data);
    TestServer server;
    QVERIFY(server.start());
    auto client = server.connect();
    QVERIFY(client);

    PARLEY_VERIFY_ERROR(client->request(op, data), u"unauthenticated"_s);
    // The refusal does not cost the connection anything.
    PARLEY_VERIFY_OK(client->request(u"server.info"_s));
}

void tst_ServerAuth::unknownOpIsUnsupportedBeforeAndAfterAuth()
{
    TestServer server;
    QVERIFY(server.start());
    auto client = server.connect();
    QVERIFY(client);

    PARLEY_VERIFY_ERROR(client->request(u"chat.teleport"_s), u"unsupported"_s);
    PARLEY_VERIFY_ERROR(client->request(u"typing"_s), u"unsupported"_s);
    QVERIFY(client->registerUser(u"Curious"_s).isValid());
    PARLEY_VERIFY_ERROR(client->request(u"chat.teleport"_s), u"unsupported"_s);
    PARLEY_VERIFY_ERROR(client->request(u"USER.ME"_s), u"unsupported"_s);
    PARLEY_VERIFY_OK(client->request(u"user.me"_s));
}

void tst_ServerAuth::registerReturnsUserAndTokens()
{
    TestServer server;
    QVERIFY(server.start());
    auto client = server.connect();
    QVERIFY(client);

    const QJsonObject response = client->request(u"auth.register"_s,
                                                 {{"name"_L1, u"Ada Lovelace"_s},
                                                  {"email"_L1, u"ada@example.test"_s},
                                                  {"password"_L1, Password}});
    PARLEY_VERIFY_OK(response);
    const QJsonObject data = dataOf(response);
    const QJsonObject user = data.value("user"_L1).toObject();
    QVERIFY2(!user.value("id"_L1).toString().isEmpty(), describe(data).constData());
    QCOMPARE(user.value("name"_L1).toString(), u"Ada Lovelace"_s);
    QCOMPARE(user.value("email"_L1).toString().toLower(), u"ada@example.test"_s);
    QVERIFY(user.contains("avatar"_L1));
    QVERIFY(user.value("avatar"_L1).isNull());
    QVERIFY(user.value("online"_L1).isBool());
    QVERIFY(!data.value("accessToken"_L1).toString().isEmpty());
    QVERIFY(!data.value("refreshToken"_L1).toString().isEmpty());
    QVERIFY2(!containsKeyLike(response, u"pass") && !containsKeyLike(response, u"hash"),
             describe(response).constData());
    QVERIFY(!describe(response).contains(QByteArray(Password.data(), Password.size())));

    // The connection is now signed in as the new user.
    const QJsonObject me = client->request(u"user.me"_s);
    PARLEY_VERIFY_OK(me);
    QCOMPARE(dataOf(me).value("user"_L1).toObject().value("id"_L1), user.value("id"_L1));
    QVERIFY(!containsKeyLike(me, u"pass") && !containsKeyLike(me, u"hash"));
}

void tst_ServerAuth::registerRejectsInvalidFields_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QJsonValue>("value"); // undefined: leave the field out

    const QJsonValue missing(QJsonValue::Undefined);
    QTest::newRow("name missing") << u"name"_s << missing;
    QTest::newRow("name empty") << u"name"_s << QJsonValue(u""_s);
    QTest::newRow("name 65 chars") << u"name"_s << QJsonValue(QString(65, u'n'));
    QTest::newRow("name 65 emoji") << u"name"_s << QJsonValue(repeated(u"😀", 65));
    QTest::newRow("name not a string") << u"name"_s << QJsonValue(42);
    QTest::newRow("email missing") << u"email"_s << missing;
    QTest::newRow("email without at") << u"email"_s << QJsonValue(u"ada.example.test"_s);
    QTest::newRow("email two ats") << u"email"_s << QJsonValue(u"ada@b@example.test"_s);
    QTest::newRow("email empty local part") << u"email"_s << QJsonValue(u"@example.test"_s);
    QTest::newRow("email domain without dot") << u"email"_s << QJsonValue(u"ada@localhost"_s);
    QTest::newRow("email 255 chars") << u"email"_s << QJsonValue(emailOfLength(255));
    QTest::newRow("password missing") << u"password"_s << missing;
    QTest::newRow("password 7 bytes") << u"password"_s << QJsonValue(u"1234567"_s);
    // Four characters but seven bytes: the limit is in bytes.
    QTest::newRow("password 7 bytes of 4 chars") << u"password"_s << QJsonValue(u"ééé1"_s);
    QTest::newRow("password 1025 bytes") << u"password"_s << QJsonValue(QString(1025, u'p'));
    QTest::newRow("password not a string") << u"password"_s << QJsonValue(12345678);
}

void tst_ServerAuth::registerRejectsInvalidFields()
{
    QFETCH(QString, field);
    QFETCH(QJsonValue, value);
    TestServer server;
    QVERIFY(server.start());
    auto client = server.connect();
    QVERIFY(client);

    QJsonObject data{{"name"_L1, u"Valid Name"_s},
                     {"email"_L1, u"valid@example.test"_s},
                     {"password"_L1, Password}};
    if (value.isUndefined())
        data.remove(field);
    else
        data.insert(field, value);
    const QJsonObject response = client->request(u"auth.register"_s, data);
    PARLEY_VERIFY_ERROR(response, u"bad_request"_s);
    QVERIFY2(errorMessage(response).contains(field, Qt::CaseInsensitive),
             describe(response).constData());
    // Nothing was created: the valid registration still goes through and the gate is still shut.
    PARLEY_VERIFY_ERROR(client->request(u"user.me"_s), u"unauthenticated"_s);
    QVERIFY(
        client->registerUser(u"Valid Name"_s, {{"email"_L1, u"valid@example.test"_s}}).isValid());
}

void tst_ServerAuth::registerAcceptsFieldsAtTheirLimits_data()
{
    QTest::addColumn<QJsonObject>("fields");

    QTest::newRow("name 1 char") << QJsonObject{{"name"_L1, u"A"_s}};
    QTest::newRow("name 64 chars") << QJsonObject{{"name"_L1, QString(64, u'n')}};
    // 64 code points are 128 UTF-16 units: the limit counts code points.
    QTest::newRow("name 64 emoji") << QJsonObject{{"name"_L1, repeated(u"😀", 64)}};
    QTest::newRow("password 8 bytes") << QJsonObject{{"password"_L1, u"12345678"_s}};
    QTest::newRow("password 8 bytes of 4 chars") << QJsonObject{{"password"_L1, u"éééé"_s}};
    QTest::newRow("password 1024 bytes") << QJsonObject{{"password"_L1, QString(1024, u'p')}};
    QTest::newRow("email 254 chars") << QJsonObject{{"email"_L1, emailOfLength(254)}};
    QTest::newRow("email upper case") << QJsonObject{{"email"_L1, u"Grace.Hopper@Example.TEST"_s}};
}

void tst_ServerAuth::registerAcceptsFieldsAtTheirLimits()
{
    QFETCH(QJsonObject, fields);
    TestServer server;
    QVERIFY(server.start());
    auto client = server.connect();
    QVERIFY(client);

    QJsonObject data{{"name"_L1, u"Valid Name"_s},
                     {"email"_L1, u"valid@example.test"_s},
                     {"password"_L1, Password}};
    for (auto it = fields.begin(); it != fields.end(); ++it)
        data.insert(it.key(), it.value());
    const QJsonObject response = client->request(u"auth.register"_s, data);
    PARLEY_VERIFY_OK(response);
    QCOMPARE(dataOf(response).value("user"_L1).toObject().value("name"_L1), data.value("name"_L1));

    // The same credentials sign in again on another connection.
    auto other = server.connect();
    QVERIFY(other);
    PARLEY_VERIFY_OK(
        other->login(data.value("email"_L1).toString(), data.value("password"_L1).toString()));
}

void tst_ServerAuth::registerRejectsDuplicateEmailInAnyCase_data()
{
    QTest::addColumn<QString>("first");
    QTest::addColumn<QString>("second");
    QTest::newRow("same") << u"ada@example.test"_s << u"ada@example.test"_s;
    QTest::newRow("ASCII case") << u"Mixed.Case@Example.test"_s << u"mixed.case@example.TEST"_s;
    // "Case-insensitively everywhere" is not only about ASCII letters.
    QTest::newRow("non-ASCII case")
        << u"Jürgen.Åberg@example.test"_s << u"JÜRGEN.åBERG@example.test"_s;
}

void tst_ServerAuth::registerRejectsDuplicateEmailInAnyCase()
{
    QFETCH(QString, first);
    QFETCH(QString, second);
    TestServer server;
    QVERIFY(server.start());
    auto firstClient = server.connect();
    QVERIFY(firstClient);
    QVERIFY(firstClient->registerUser(u"First"_s, {{"email"_L1, first}}).isValid());

    auto secondClient = server.connect();
    QVERIFY(secondClient);
    const QJsonObject response = secondClient->request(
        u"auth.register"_s,
        {{"name"_L1, u"Second"_s}, {"email"_L1, second}, {"password"_L1, Password}});
    PARLEY_VERIFY_ERROR(response, u"conflict"_s);
    PARLEY_VERIFY_ERROR(secondClient->request(u"user.me"_s), u"unauthenticated"_s);
}

void tst_ServerAuth::concurrentRegistrationsOfOneEmailMakeOneUser()
{
    TestServer server;
    QVERIFY(server.start());
    std::vector<std::unique_ptr<TestClient>> clients;
    QStringList ids;
    for (int i = 0; i < 4; ++i) {
        clients.push_back(server.connect());
        QVERIFY(clients.back());
        const QString email = i % 2 ? u"RACE@example.test"_s : u"race@example.test"_s;
        ids.append(clients.back()->send(
            u"auth.register"_s,
            {{"name"_L1, u"Racer %1"_s.arg(i)}, {"email"_L1, email}, {"password"_L1, Password}}));
    }
    int created = 0;
    for (int i = 0; i < 4; ++i) {
        const QJsonObject response = clients[i]->waitResponse(ids[i]);
        if (isOk(response))
            ++created;
        else
            PARLEY_VERIFY_ERROR(response, u"conflict"_s);
    }
    QCOMPARE(created, 1);
}

void tst_ServerAuth::registerStoresAvatar_data()
{
    QTest::addColumn<QString>("avatar");
    QTest::newRow("png") << tinyPngDataUri();
    QTest::newRow("jpeg") << QString(TinyJpegDataUri);
    QTest::newRow("png of 48 KiB") << dataUriOfSize(u"image/png"_s, 48 * 1024);
}

void tst_ServerAuth::registerStoresAvatar()
{
    QFETCH(QString, avatar);
    TestServer server;
    QVERIFY(server.start());
    auto owner = server.connect();
    QVERIFY(owner);

    const Account account = owner->registerUser(u"Pictured"_s, {{"avatar"_L1, avatar}});
    QVERIFY(account.isValid());
    const QJsonObject me = owner->request(u"user.me"_s);
    PARLEY_VERIFY_OK(me);
    const QString avatarId = dataOf(me).value("user"_L1).toObject().value("avatar"_L1).toString();
    QVERIFY2(!avatarId.isEmpty(), describe(me).constData());
    QVERIFY2(avatarId != avatar, "the user carries the picture itself instead of its id");

    // Any signed-in user fetches the picture by its id.
    auto viewer = server.signUp(u"Viewer"_s);
    QVERIFY(viewer);
    const QJsonObject picture = viewer->request(u"avatar.get"_s, {{"avatarId"_L1, avatarId}});
    PARLEY_VERIFY_OK(picture);
    QCOMPARE(dataOf(picture).value("avatarId"_L1).toString(), avatarId);
    // Stored as the server's re-encoding, of the same type: the same pixels, not the same bytes.
    const QString stored = dataOf(picture).value("dataUri"_L1).toString();
    QCOMPARE(stored.left(stored.indexOf(u',')), avatar.left(avatar.indexOf(u',')));
    const QImage sent = imageOfDataUri(avatar);
    QVERIFY(!sent.isNull());
    QCOMPARE(imageOfDataUri(stored).size(), sent.size());
}

void tst_ServerAuth::registerRejectsBadAvatar_data()
{
    QTest::addColumn<QJsonValue>("avatar");
    QTest::newRow("gif") << QJsonValue(dataUriOfSize(u"image/gif"_s, 200));
    QTest::newRow("svg") << QJsonValue(dataUriOfSize(u"image/svg+xml"_s, 200));
    QTest::newRow("not base64") << QJsonValue(u"data:image/png;base64,@@not*base64!!"_s);
    QTest::newRow("not base64 encoded") << QJsonValue(u"data:image/png,rawpixels"_s);
    QTest::newRow("a URL") << QJsonValue(u"https://example.test/me.png"_s);
    QTest::newRow("over 48 KiB") << QJsonValue(dataUriOfSize(u"image/png"_s, 48 * 1024 + 8));
    QTest::newRow("a number") << QJsonValue(7);
}

void tst_ServerAuth::registerRejectsBadAvatar()
{
    QFETCH(QJsonValue, avatar);
    TestServer server;
    QVERIFY(server.start());
    auto client = server.connect();
    QVERIFY(client);

    const QJsonObject response = client->request(u"auth.register"_s,
                                                 {{"name"_L1, u"Pictured"_s},
                                                  {"email"_L1, u"pictured@example.test"_s},
                                                  {"password"_L1, Password},
                                                  {"avatar"_L1, avatar}});
    PARLEY_VERIFY_ERROR(response, u"bad_request"_s);
    QVERIFY2(errorMessage(response).contains(u"avatar"_s, Qt::CaseInsensitive),
             describe(response).constData());
}

void tst_ServerAuth::avatarGetUnknownIsNotFound()
{
    TestServer server;
    QVERIFY(server.start());
    auto client = server.signUp(u"Looker"_s);
    QVERIFY(client);
    PARLEY_VERIFY_ERROR(client->request(u"avatar.get"_s, {{"avatarId"_L1, u"999999"_s}}),
                        u"not_found"_s);
}

void tst_ServerAuth::loginIgnoresEmailCase_data()
{
    QTest::addColumn<QString>("registered");
    QTest::addColumn<QString>("typed");
    QTest::newRow("ASCII") << u"casey@example.test"_s << u"CASEY@Example.Test"_s;
    QTest::newRow("non-ASCII") << u"zoë.ørsted@example.test"_s << u"ZOË.ØRSTED@example.test"_s;
}

void tst_ServerAuth::loginIgnoresEmailCase()
{
    QFETCH(QString, registered);
    QFETCH(QString, typed);
    TestServer server;
    QVERIFY(server.start());
    auto owner = server.connect();
    QVERIFY(owner);
    const Account account = owner->registerUser(u"Casey"_s, {{"email"_L1, registered}});
    QVERIFY(account.isValid());

    auto client = server.connect();
    QVERIFY(client);
    const QJsonObject response =
        client->login(typed, account.password, {{"device"_L1, u"test laptop"_s}});
    PARLEY_VERIFY_OK(response);
    const QJsonObject data = dataOf(response);
    QCOMPARE(data.value("user"_L1).toObject().value("id"_L1).toString(), account.id);
    QVERIFY(!data.value("accessToken"_L1).toString().isEmpty());
    QVERIFY(!data.value("refreshToken"_L1).toString().isEmpty());
    QVERIFY(data.value("refreshToken"_L1).toString() != account.refreshToken);
    QVERIFY(!containsKeyLike(response, u"pass") && !containsKeyLike(response, u"hash"));
    PARLEY_VERIFY_OK(client->request(u"user.me"_s));
}

void tst_ServerAuth::loginFailuresLookTheSame()
{
    TestServer server;
    QVERIFY(server.start());
    auto owner = server.signUp(u"Known"_s);
    QVERIFY(owner);

    auto client = server.connect();
    QVERIFY(client);
    const QJsonObject wrongPassword = client->login(owner->account().email, u"wrong password!"_s);
    const QJsonObject unknownEmail = client->login(u"nobody@example.test"_s, u"wrong password!"_s);
    PARLEY_VERIFY_ERROR(wrongPassword, u"unauthenticated"_s);
    PARLEY_VERIFY_ERROR(unknownEmail, u"unauthenticated"_s);
    QCOMPARE(errorMessage(wrongPassword), errorMessage(unknownEmail));
    QVERIFY(!describe(wrongPassword).contains("wrong password!"));
    PARLEY_VERIFY_ERROR(client->request(u"user.me"_s), u"unauthenticated"_s);
}

void tst_ServerAuth::loginIsRateLimitedPerAccount()
{
    TestServer server([](auto &config) {
        config.loginFailuresPerAccount = 3;
        config.loginAttemptsPerAddress = 1000;
    });
    QVERIFY(server.start());
    auto victim = server.signUp(u"Victim"_s);
    auto bystander = server.signUp(u"Bystander"_s);
    QVERIFY(victim && bystander);

    auto attacker = server.connect();
    QVERIFY(attacker);
    for (int attempt = 1; attempt <= 3; ++attempt)
        PARLEY_VERIFY_ERROR(attacker->login(victim->account().email, u"guess number x"_s),
                            u"unauthenticated"_s);

    const QJsonObject limited = attacker->login(victim->account().email.toUpper(), u"guess 4!"_s);
    PARLEY_VERIFY_ERROR(limited, u"rate_limited"_s);
    QVERIFY2(limited.value("error"_L1).toObject().value("retryAfterMs"_L1).toDouble() > 0,
             describe(limited).constData());

    // While locked, even the right password is refused: otherwise guessing could go on.
    auto owner = server.connect();
    QVERIFY(owner);
    PARLEY_VERIFY_ERROR(owner->login(victim->account().email, victim->account().password),
                        u"rate_limited"_s);

    // Another account from the same address is not affected.
    auto other = server.connect();
    QVERIFY(other);
    PARLEY_VERIFY_OK(other->login(bystander->account().email, bystander->account().password));
}

void tst_ServerAuth::loginIsRateLimitedPerAddress()
{
    TestServer server([](auto &config) {
        config.loginFailuresPerAccount = 1000;
        config.loginAttemptsPerAddress = 4;
    });
    QVERIFY(server.start());
    auto alice = server.signUp(u"Alice"_s);
    auto bob = server.signUp(u"Bob"_s);
    QVERIFY(alice && bob);

    // Four attempts from 127.0.0.1, each on its own connection: the limit is per address.
    const QList<std::pair<QString, QString>> attempts{
        {alice->account().email, u"wrong password 1"_s},
        {u"nobody@example.test"_s, u"wrong password 2"_s},
        {bob->account().email, u"wrong password 3"_s},
        {bob->account().email, bob->account().password},
    };
    for (qsizetype i = 0; i < attempts.size(); ++i) {
        auto client = server.connect();
        QVERIFY(client);
        const QJsonObject response = client->login(attempts[i].first, attempts[i].second);
        if (i == attempts.size() - 1)
            PARLEY_VERIFY_OK(response);
        else
            PARLEY_VERIFY_ERROR(response, u"unauthenticated"_s);
    }

    auto client = server.connect();
    QVERIFY(client);
    const QJsonObject limited = client->login(alice->account().email, alice->account().password);
    PARLEY_VERIFY_ERROR(limited, u"rate_limited"_s);
    QVERIFY2(limited.value("error"_L1).toObject().value("retryAfterMs"_L1).toDouble() > 0,
             describe(limited).constData());

    // Signing in with a token is not a password guess: it still works.
    auto tokenClient = server.connectAs(alice->account());
    QVERIFY(tokenClient);
}

void tst_ServerAuth::loginLimitLiftsAfterItsWindow()
{
    TestServer server([](auto &config) {
        config.loginFailuresPerAccount = 2;
        config.loginWindow = 1'000ms;
    });
    QVERIFY(server.start());
    auto owner = server.signUp(u"Forgetful"_s);
    QVERIFY(owner);
    auto client = server.connect();
    QVERIFY(client);

    for (int attempt = 0; attempt < 2; ++attempt)
        PARLEY_VERIFY_ERROR(client->login(owner->account().email, u"not it at all"_s),
                            u"unauthenticated"_s);
    PARLEY_VERIFY_ERROR(client->login(owner->account().email, owner->account().password),
                        u"rate_limited"_s);
    QTRY_VERIFY_WITH_TIMEOUT(isOk(client->login(owner->account().email, owner->account().password)),
                             10'000);
}

QTEST_GUILESS_MAIN(tst_ServerAuth)
#include "tst_server_auth.moc"
