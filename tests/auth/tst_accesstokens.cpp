// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/accesstokens.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QTest>

#include <chrono>

using namespace parley::server;
using namespace std::chrono_literals;
using namespace Qt::StringLiterals;

namespace {

const QByteArray Secret =
    QByteArray::fromHex("8f2c1e0b9a7d6c5b4a392817161514131211100f0e0d0c0b0a09080706050403");
const QByteArray OtherSecret(32, 'o');
const QDateTime Now(QDate(2024, 5, 1), QTime(12, 0, 0), Qt::UTC);

QByteArray base64Url(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray base64Url(const QJsonObject &object)
{
    return base64Url(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

// HMAC-SHA256 from Qt, not from the code under test, so both sides of the check are independent.
QByteArray hs256(const QByteArray &signingInput, const QByteArray &secret)
{
    return QMessageAuthenticationCode::hash(signingInput, secret, QCryptographicHash::Sha256);
}

// Signs the parts exactly as given, so that a row is refused for its flaw, not its signature.
QString signParts(const QByteArray &encodedHeader, const QByteArray &encodedPayload,
                  const QByteArray &secret = Secret)
{
    const QByteArray signingInput = encodedHeader + '.' + encodedPayload;
    return QString::fromLatin1(signingInput + '.' + base64Url(hs256(signingInput, secret)));
}

QString makeToken(const QJsonObject &header, const QJsonObject &payload,
                  const QByteArray &secret = Secret)
{
    return signParts(base64Url(header), base64Url(payload), secret);
}

QJsonObject hs256Header()
{
    return {{"alg"_L1, "HS256"_L1}, {"typ"_L1, "JWT"_L1}};
}

QJsonObject headerWithAlg(const QString &alg)
{
    return {{"alg"_L1, alg}, {"typ"_L1, "JWT"_L1}};
}

QJsonObject payload(qint64 exp = Now.toSecsSinceEpoch() + 60)
{
    return {{"sub"_L1, "u1"_L1},
            {"sid"_L1, "s1"_L1},
            {"iat"_L1, Now.toSecsSinceEpoch()},
            {"exp"_L1, exp}};
}

QJsonObject payloadWith(const QString &key, const QJsonValue &value)
{
    QJsonObject object = payload();
    if (value.isUndefined())
        object.remove(key);
    else
        object.insert(key, value);
    return object;
}

QString withPart(const QString &token, int index, const QString &part)
{
    QStringList parts = token.split(u'.');
    parts[index] = part;
    return parts.join(u'.');
}

} // namespace

class TestAccessTokens : public QObject
{
    Q_OBJECT

private slots:
    void issuedTokenVerifies();
    void issuedTokenIsAStandardJwt();
    void expiresAfterItsLifetime();
    void survivesARestart();
    void verify_data();
    void verify();
};

void TestAccessTokens::issuedTokenVerifies()
{
    const AccessTokens tokens(Secret, 15min);
    const QString token = tokens.issue(u"42"_s, u"7"_s, Now);
    const auto claims = tokens.verify(token, Now);
    QVERIFY(claims);
    QCOMPARE(claims->userId, u"42"_s);
    QCOMPARE(claims->sessionId, u"7"_s);
    QCOMPARE(claims->expiresAt, Now.addSecs(15 * 60LL));
}

void TestAccessTokens::issuedTokenIsAStandardJwt()
{
    const AccessTokens tokens(Secret, 15min);
    const QString token = tokens.issue(u"42"_s, u"7"_s, Now.addMSecs(999));
    QVERIFY(!token.contains(u'='));
    const QStringList parts = token.split(u'.');
    QCOMPARE(parts.size(), 3);

    const auto decode = [](const QString &part) {
        return QJsonDocument::fromJson(
                   QByteArray::fromBase64(part.toLatin1(), QByteArray::Base64UrlEncoding))
            .object();
    };
    const QJsonObject header = decode(parts[0]);
    QCOMPARE(header.value("alg"_L1).toString(), u"HS256"_s);
    QCOMPARE(header.value("typ"_L1).toString(), u"JWT"_s);
    const QJsonObject claims = decode(parts[1]);
    QCOMPARE(claims.value("sub"_L1).toString(), u"42"_s);
    QCOMPARE(claims.value("sid"_L1).toString(), u"7"_s);
    QCOMPARE(claims.value("iat"_L1).toInteger(), Now.toSecsSinceEpoch());
    QCOMPARE(claims.value("exp"_L1).toInteger(), Now.toSecsSinceEpoch() + 15 * 60LL);

    const QByteArray signingInput = (parts[0] + u'.' + parts[1]).toLatin1();
    QCOMPARE(parts[2].toLatin1(), base64Url(hs256(signingInput, Secret)));
}

void TestAccessTokens::expiresAfterItsLifetime()
{
    const AccessTokens tokens(Secret, 60s);
    const QString token = tokens.issue(u"42"_s, u"7"_s, Now);
    QVERIFY(tokens.verify(token, Now.addSecs(59)));
    QVERIFY(tokens.verify(token, Now.addMSecs(59'999)));
    QVERIFY(!tokens.verify(token, Now.addSecs(60)));
    QVERIFY(!tokens.verify(token, Now.addSecs(3600)));
}

void TestAccessTokens::survivesARestart()
{
    // A new instance with the same secret (the server restarted) accepts earlier tokens.
    const QString token = AccessTokens(Secret, 15min).issue(u"42"_s, u"7"_s, Now);
    QVERIFY(AccessTokens(Secret, 1min).verify(token, Now.addSecs(120)));
    QVERIFY(!AccessTokens(OtherSecret, 15min).verify(token, Now));
}

void TestAccessTokens::verify_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<bool>("accepted");

    const QString issued = AccessTokens(Secret, 15min).issue(u"u1"_s, u"s1"_s, Now);
    const QString handMade = makeToken(hs256Header(), payload());
    const QStringList parts = handMade.split(u'.');

    QTest::newRow("valid, issued") << issued << true;
    QTest::newRow("valid, made by another JWT library") << handMade << true;
    QTest::newRow("valid, without typ") << makeToken({{"alg"_L1, "HS256"_L1}}, payload()) << true;

    QTest::newRow("expired") << makeToken(hs256Header(), payload(Now.toSecsSinceEpoch() - 1))
                             << false;
    QTest::newRow("expiring this second")
        << makeToken(hs256Header(), payload(Now.toSecsSinceEpoch())) << false;

    QString forged = handMade;
    const qsizetype middle = parts[0].size() + parts[1].size() + 2 + 10;
    forged[middle] = forged[middle] == u'A' ? u'B' : u'A';
    QTest::newRow("forged signature") << forged << false;
    QTest::newRow("signed with another secret")
        << makeToken(hs256Header(), payload(), OtherSecret) << false;
    QTest::newRow("truncated signature") << withPart(handMade, 2, parts[2].left(40)) << false;
    QTest::newRow("no signature") << withPart(handMade, 2, QString()) << false;

    const QString unsignedNone =
        QString::fromLatin1(base64Url(headerWithAlg(u"none"_s)) + '.' + base64Url(payload()) + '.');
    QTest::newRow("alg none, empty signature") << unsignedNone << false;
    for (const QString &alg : {u"none"_s, u"None"_s, u"NONE"_s, u"HS512"_s, u"hs256"_s, u"RS256"_s})
        QTest::addRow("alg %s, signed", qPrintable(alg))
            << makeToken(headerWithAlg(alg), payload()) << false;
    QTest::newRow("alg missing") << makeToken({{"typ"_L1, "JWT"_L1}}, payload()) << false;
    QTest::newRow("alg not a string") << makeToken({{"alg"_L1, 256}}, payload()) << false;

    QJsonObject otherUser = payload();
    otherUser.insert("sub"_L1, "u2"_L1);
    QTest::newRow("tampered payload sub")
        << withPart(handMade, 1, QString::fromLatin1(base64Url(otherUser))) << false;

    // The same signature bytes, spelled differently: only a strict decoder refuses them.
    QTest::newRow("padded signature") << handMade + u"="_s << false;
    // 32 bytes take 43 characters; the last one's two low bits are unused and must be zero.
    const QString alphabet = u"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"_s;
    QString strayBits = handMade;
    strayBits.back() = alphabet.at(alphabet.indexOf(strayBits.back()) ^ 1);
    QTest::newRow("signature with stray bits") << strayBits << false;

    const QByteArray encodedHeader = base64Url(hs256Header());
    const QByteArray encodedPayload = base64Url(payload());
    QTest::newRow("padded payload, signed as sent")
        << signParts(encodedHeader, encodedPayload + "==") << false;
    QByteArray standardAlphabet = encodedPayload;
    standardAlphabet.replace('-', '+').replace('_', '/');
    QTest::newRow("standard base64 alphabet, signed as sent")
        << signParts(encodedHeader, standardAlphabet + "+/") << false;
    QTest::newRow("not base64, signed as sent") << signParts(encodedHeader, "*!*") << false;
    QTest::newRow("non-ASCII") << withPart(handMade, 0, parts[0] + u"é"_s) << false;
    QTest::newRow("header not JSON, signed")
        << signParts(base64Url("{alg:HS256"), encodedPayload) << false;
    QTest::newRow("payload not an object, signed")
        << signParts(encodedHeader, base64Url("[1]")) << false;
    QTest::newRow("payload empty, signed") << signParts(encodedHeader, QByteArray()) << false;

    QTest::newRow("two parts") << parts[0] + u'.' + parts[1] << false;
    QTest::newRow("four parts") << handMade + u".x"_s << false;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("only dots") << u".."_s << false;

    // Find the longest token the limit still allows, and the first one it does not.
    QString longest;
    QString tooLong;
    for (int n = 1000; tooLong.isEmpty(); ++n) {
        const QString token = makeToken(hs256Header(), payloadWith(u"sub"_s, QString(n, u'x')));
        (token.size() <= AccessTokens::MaxTokenLength ? longest : tooLong) = token;
    }
    QTest::newRow("at most 2048 characters") << longest << true;
    QTest::newRow("too long") << tooLong << false;

    QTest::newRow("exp missing") << makeToken(hs256Header(),
                                              payloadWith(u"exp"_s, QJsonValue::Undefined))
                                 << false;
    QTest::newRow("exp a string") << makeToken(
        hs256Header(), payloadWith(u"exp"_s, QString::number(Now.toSecsSinceEpoch() + 60)))
                                  << false;
    QTest::newRow("exp fractional")
        << makeToken(hs256Header(), payloadWith(u"exp"_s, Now.toSecsSinceEpoch() + 60.5)) << false;
    QTest::newRow("exp absurd") << makeToken(hs256Header(), payloadWith(u"exp"_s, 1e300)) << false;
    QTest::newRow("sub missing") << makeToken(hs256Header(),
                                              payloadWith(u"sub"_s, QJsonValue::Undefined))
                                 << false;
    QTest::newRow("sub a number") << makeToken(hs256Header(), payloadWith(u"sub"_s, 1)) << false;
    QTest::newRow("sub empty") << makeToken(hs256Header(), payloadWith(u"sub"_s, QString()))
                               << false;
    QTest::newRow("sid missing") << makeToken(hs256Header(),
                                              payloadWith(u"sid"_s, QJsonValue::Undefined))
                                 << false;
    QTest::newRow("sid null") << makeToken(hs256Header(), payloadWith(u"sid"_s, QJsonValue::Null))
                              << false;
}

void TestAccessTokens::verify()
{
    QFETCH(QString, token);
    QFETCH(bool, accepted);

    const AccessTokens tokens(Secret, 15min);
    const auto claims = tokens.verify(token, Now);
    QCOMPARE(claims.has_value(), accepted);
    if (accepted) {
        QVERIFY(!claims->userId.isEmpty());
        QCOMPARE(claims->sessionId, u"s1"_s);
        QVERIFY(claims->expiresAt > Now);
    }
}

QTEST_GUILESS_MAIN(TestAccessTokens)
#include "tst_accesstokens.moc"
