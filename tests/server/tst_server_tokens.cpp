// SPDX-License-Identifier: GPL-3.0-or-later
// Access tokens (valid, forged, expired), refresh token rotation and reuse, and logout.
#include "protocolcheck.h"
#include "testserver.h"

#include <QJsonDocument>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace parley::test;

namespace {

QString base64Url(const QByteArray &bytes)
{
    return QString::fromLatin1(
        bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

// Changes one character well inside the text (every bit of it counts there).
QString flipCharacter(const QString &text, qsizetype position)
{
    QString changed = text;
    changed[position] = changed.at(position) == u'A' ? u'Q' : u'A';
    return changed;
}

// The ways an attacker could bend a token the server issued to `victim`, to sign in as `target`.
QString tamperedToken(const QString &kind, const QString &token, const QString &victimId,
                      const QString &targetId, const QString &refreshToken)
{
    const QStringList parts = token.split(u'.');
    const bool jwtShaped = parts.size() == 3;
    if (kind == "signature"_L1)
        return jwtShaped ? parts[0] + u'.' + parts[1] + u'.' + flipCharacter(parts[2], 5)
                         : flipCharacter(token, token.size() - 8);
    if (kind == "payload"_L1) {
        if (!jwtShaped)
            return flipCharacter(token, token.size() / 2);
        QByteArray payload =
            QByteArray::fromBase64(parts[1].toLatin1(), QByteArray::Base64UrlEncoding);
        // Every quoted occurrence of the id (the subject, and a session id that happens to match).
        const QByteArray from = '"' + victimId.toUtf8() + '"';
        const QByteArray to = '"' + targetId.toUtf8() + '"';
        payload.replace(from, to);
        return parts[0] + u'.' + base64Url(payload) + u'.' + parts[2];
    }
    const QString noneHeader = base64Url(R"({"alg":"none","typ":"JWT"})");
    const QString payload = jwtShaped ? parts[1] : base64Url(token.toUtf8());
    if (kind == "alg none unsigned"_L1)
        return noneHeader + u'.' + payload + u'.';
    if (kind == "alg none signed"_L1)
        return noneHeader + u'.' + payload + u'.' + (jwtShaped ? parts[2] : QString());
    if (kind == "refresh token"_L1)
        return refreshToken;
    if (kind == "garbage"_L1)
        return u"not-a-token"_s;
    return {};
}

} // namespace

class tst_ServerTokens : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void tokenAuthenticatesAnotherConnection();
    void tokenRejectsTampering_data();
    void tokenRejectsTampering();
    void tokenExpires();
    void refreshRotatesOnce();
    void refreshReuseRevokesTheSession();
    void logoutClosesThisSessionOnly();
    void logoutAllClosesEverySession();
};

void tst_ServerTokens::tokenAuthenticatesAnotherConnection()
{
    TestServer server;
    QVERIFY(server.start());
    auto owner = server.signUp(u"Tokened"_s);
    QVERIFY(owner);

    auto client = server.connect();
    QVERIFY(client);
    PARLEY_VERIFY_ERROR(client->request(u"user.me"_s), u"unauthenticated"_s);
    const QJsonObject response =
        client->request(u"auth.token"_s, {{"accessToken"_L1, owner->account().accessToken}});
    PARLEY_VERIFY_OK(response);
    QCOMPARE(dataOf(response).value("user"_L1).toObject().value("id"_L1).toString(),
             owner->account().id);
    const QJsonObject me = client->request(u"user.me"_s);
    PARLEY_VERIFY_OK(me);
    QCOMPARE(dataOf(me).value("user"_L1).toObject().value("id"_L1).toString(), owner->account().id);
}

void tst_ServerTokens::tokenRejectsTampering_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("forged signature") << u"signature"_s;
    QTest::newRow("payload names another user") << u"payload"_s;
    QTest::newRow("alg none, no signature") << u"alg none unsigned"_s;
    QTest::newRow("alg none, old signature") << u"alg none signed"_s;
    QTest::newRow("refresh token as access token") << u"refresh token"_s;
    QTest::newRow("garbage") << u"garbage"_s;
}

void tst_ServerTokens::tokenRejectsTampering()
{
    QFETCH(QString, kind);
    TestServer server;
    QVERIFY(server.start());
    auto attacker = server.signUp(u"Mallory"_s);
    auto target = server.signUp(u"Target"_s);
    QVERIFY(attacker && target);

    const QString token =
        tamperedToken(kind, attacker->account().accessToken, attacker->account().id,
                      target->account().id, attacker->account().refreshToken);
    QVERIFY(token != attacker->account().accessToken);
    auto client = server.connect();
    QVERIFY(client);
    PARLEY_VERIFY_ERROR(client->request(u"auth.token"_s, {{"accessToken"_L1, token}}),
                        u"unauthenticated"_s);
    PARLEY_VERIFY_ERROR(client->request(u"user.me"_s), u"unauthenticated"_s);
}

void tst_ServerTokens::tokenExpires()
{
    TestServer server([](auto &config) { config.accessTokenLifetime = 1s; });
    QVERIFY(server.start());
    auto owner = server.signUp(u"Shortlived"_s);
    QVERIFY(owner);

    const auto tokenRejected = [&] {
        auto client = server.connect();
        return client
            && errorCode(client->request(u"auth.token"_s,
                                         {{"accessToken"_L1, owner->account().accessToken}}))
            == "unauthenticated"_L1;
    };
    QTRY_VERIFY_WITH_TIMEOUT(tokenRejected(), 8'000);

    // The refresh token outlives it and yields a fresh access token.
    auto client = server.connect();
    QVERIFY(client);
    const QJsonObject refreshed =
        client->request(u"auth.refresh"_s, {{"refreshToken"_L1, owner->account().refreshToken}});
    PARLEY_VERIFY_OK(refreshed);
    Account renewed = owner->account();
    renewed.accessToken = dataOf(refreshed).value("accessToken"_L1).toString();
    auto signedIn = server.connectAs(renewed);
    QVERIFY(signedIn);
}

void tst_ServerTokens::refreshRotatesOnce()
{
    TestServer server;
    QVERIFY(server.start());
    auto owner = server.signUp(u"Rotator"_s);
    QVERIFY(owner);
    auto client = server.connect();
    QVERIFY(client);

    const QString first = owner->account().refreshToken;
    const QJsonObject rotated = client->request(u"auth.refresh"_s, {{"refreshToken"_L1, first}});
    PARLEY_VERIFY_OK(rotated);
    const QString second = dataOf(rotated).value("refreshToken"_L1).toString();
    const QString access = dataOf(rotated).value("accessToken"_L1).toString();
    QVERIFY(!second.isEmpty() && !access.isEmpty());
    QVERIFY(second != first);

    Account renewed = owner->account();
    renewed.accessToken = access;
    QVERIFY(server.connectAs(renewed));

    // The new refresh token works in turn, once.
    const QJsonObject again = client->request(u"auth.refresh"_s, {{"refreshToken"_L1, second}});
    PARLEY_VERIFY_OK(again);
    QVERIFY(dataOf(again).value("refreshToken"_L1).toString() != second);

    PARLEY_VERIFY_ERROR(client->request(u"auth.refresh"_s, {{"refreshToken"_L1, u"nonsense"_s}}),
                        u"unauthenticated"_s);
}

void tst_ServerTokens::refreshReuseRevokesTheSession()
{
    TestServer server;
    QVERIFY(server.start());
    auto owner = server.signUp(u"Stolen"_s);
    QVERIFY(owner);
    auto otherDevice = server.connect();
    QVERIFY(otherDevice);
    PARLEY_VERIFY_OK(otherDevice->login(owner->account().email, owner->account().password));
    const QString otherSessionRefresh = otherDevice->account().refreshToken;

    auto client = server.connect();
    QVERIFY(client);
    const QString spent = owner->account().refreshToken;
    const QJsonObject rotated = client->request(u"auth.refresh"_s, {{"refreshToken"_L1, spent}});
    PARLEY_VERIFY_OK(rotated);
    const QString current = dataOf(rotated).value("refreshToken"_L1).toString();

    // Someone replays the spent token: refused, and the session it belonged to is gone. The
    // refresh had signed `client` into that session, so it is closed with it.
    PARLEY_VERIFY_ERROR(client->request(u"auth.refresh"_s, {{"refreshToken"_L1, spent}}),
                        u"unauthenticated"_s);
    QVERIFY(client->waitForDisconnected());
    auto later = server.connect();
    QVERIFY(later);
    PARLEY_VERIFY_ERROR(later->request(u"auth.refresh"_s, {{"refreshToken"_L1, current}}),
                        u"unauthenticated"_s);

    // A revoked session is revoked like a logged-out one: connections closed, tokens dead.
    QVERIFY(owner->waitForDisconnected());
    auto checker = server.connect();
    QVERIFY(checker);
    PARLEY_VERIFY_ERROR(
        checker->request(u"auth.token"_s, {{"accessToken"_L1, owner->account().accessToken}}),
        u"unauthenticated"_s);

    // The user's other session is not touched.
    QVERIFY(otherDevice->isConnected());
    PARLEY_VERIFY_OK(otherDevice->request(u"user.me"_s));
    PARLEY_VERIFY_OK(
        checker->request(u"auth.refresh"_s, {{"refreshToken"_L1, otherSessionRefresh}}));
}

void tst_ServerTokens::logoutClosesThisSessionOnly()
{
    TestServer server;
    QVERIFY(server.start());
    auto owner = server.signUp(u"Leaver"_s);
    QVERIFY(owner);
    const Account session = owner->account();
    auto sameSession = server.connectAs(session);
    QVERIFY(sameSession);
    auto otherSession = server.connect();
    QVERIFY(otherSession);
    PARLEY_VERIFY_OK(otherSession->login(session.email, session.password));

    PARLEY_VERIFY_OK(owner->request(u"auth.logout"_s));
    QVERIFY(owner->waitForDisconnected());
    QVERIFY(sameSession->waitForDisconnected());

    // Neither token of the ended session signs in any more.
    auto client = server.connect();
    QVERIFY(client);
    PARLEY_VERIFY_ERROR(client->request(u"auth.token"_s, {{"accessToken"_L1, session.accessToken}}),
                        u"unauthenticated"_s);
    PARLEY_VERIFY_ERROR(
        client->request(u"auth.refresh"_s, {{"refreshToken"_L1, session.refreshToken}}),
        u"unauthenticated"_s);

    // The other session carries on.
    QVERIFY(otherSession->isConnected());
    PARLEY_VERIFY_OK(otherSession->request(u"user.me"_s));
    PARLEY_VERIFY_OK(client->request(u"auth.refresh"_s,
                                     {{"refreshToken"_L1, otherSession->account().refreshToken}}));
}

void tst_ServerTokens::logoutAllClosesEverySession()
{
    TestServer server;
    QVERIFY(server.start());
    auto owner = server.signUp(u"Everywhere"_s);
    QVERIFY(owner);
    const Account first = owner->account();
    auto laptop = server.connect();
    auto phone = server.connect();
    QVERIFY(laptop && phone);
    PARLEY_VERIFY_OK(laptop->login(first.email, first.password));
    PARLEY_VERIFY_OK(phone->login(first.email, first.password));
    auto bystander = server.signUp(u"Bystander"_s);
    QVERIFY(bystander);

    PARLEY_VERIFY_OK(owner->request(u"auth.logout"_s, {{"all"_L1, true}}));
    QVERIFY(owner->waitForDisconnected());
    QVERIFY(laptop->waitForDisconnected());
    QVERIFY(phone->waitForDisconnected());

    auto client = server.connect();
    QVERIFY(client);
    for (const Account &session : {first, laptop->account(), phone->account()}) {
        PARLEY_VERIFY_ERROR(
            client->request(u"auth.refresh"_s, {{"refreshToken"_L1, session.refreshToken}}),
            u"unauthenticated"_s);
        PARLEY_VERIFY_ERROR(
            client->request(u"auth.token"_s, {{"accessToken"_L1, session.accessToken}}),
            u"unauthenticated"_s);
    }

    // Other users are untouched, and the user can sign in again.
    QVERIFY(bystander->isConnected());
    PARLEY_VERIFY_OK(bystander->request(u"user.me"_s));
    PARLEY_VERIFY_OK(client->login(first.email, first.password));
}

QTEST_GUILESS_MAIN(tst_ServerTokens)
#include "tst_server_tokens.moc"
