// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/refreshtokens.h"

#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace parley::server;
using namespace Qt::StringLiterals;

class TestRefreshTokens : public QObject
{
    Q_OBJECT

private slots:
    void tokensAreUrlSafe();
    void tokensCarry32RandomBytes();
    void tokensAreUnique();
    void hashIsStableAnd32Bytes();
    void hashIsSha256OfTheText();
};

void TestRefreshTokens::tokensAreUrlSafe()
{
    const QRegularExpression base64Url(u"^[A-Za-z0-9_-]{43}$"_s);
    for (int i = 0; i < 100; ++i) {
        const QString token = RefreshTokens::generate();
        QVERIFY2(base64Url.match(token).hasMatch(), qPrintable(token));
    }
}

void TestRefreshTokens::tokensCarry32RandomBytes()
{
    const QString token = RefreshTokens::generate();
    const auto decoded = QByteArray::fromBase64Encoding(
        token.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    QVERIFY(decoded);
    QCOMPARE(decoded.decoded.size(), 32);
}

void TestRefreshTokens::tokensAreUnique()
{
    QSet<QString> seen;
    for (int i = 0; i < 1000; ++i)
        seen.insert(RefreshTokens::generate());
    QCOMPARE(seen.size(), 1000);
}

void TestRefreshTokens::hashIsStableAnd32Bytes()
{
    const QString token = RefreshTokens::generate();
    const QByteArray hash = RefreshTokens::hash(token);
    QCOMPARE(hash.size(), 32);
    QCOMPARE(RefreshTokens::hash(token), hash);
    QVERIFY(RefreshTokens::hash(RefreshTokens::generate()) != hash);
}

void TestRefreshTokens::hashIsSha256OfTheText()
{
    // The known SHA-256 of "abc" (FIPS 180-2): the stored form does not depend on this library.
    QCOMPARE(RefreshTokens::hash(u"abc"_s).toHex(),
             "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

QTEST_GUILESS_MAIN(TestRefreshTokens)
#include "tst_refreshtokens.moc"
