// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocollimits.h"
#include "validation.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace parley;

namespace {

const QString Emoji = u"\U0001F600"_s; // one code point, two UTF-16 units, four UTF-8 bytes

QString repeated(const QString &unit, qsizetype times)
{
    return unit.repeated(times);
}

QString pngUri(qsizetype payloadBytes)
{
    QByteArray image("\x89PNG\r\n\x1a\n");
    image.append(QByteArray(payloadBytes, 'x'));
    return u"data:image/png;base64,"_s
        + QString::fromLatin1(image.toBase64(QByteArray::OmitTrailingEquals));
}

// A PNG data URI of exactly `total` characters; unpadded base64 has 4k, 4k+2 or 4k+3 of them.
QString pngUriOfSize(qsizetype total)
{
    const qsizetype base64Chars = total - QStringView(u"data:image/png;base64,").size();
    const qsizetype remainder = base64Chars % 4;
    Q_ASSERT(remainder != 1);
    const qsizetype imageBytes = base64Chars / 4 * 3 + (remainder == 0 ? 0 : remainder - 1);
    QString uri = pngUri(imageBytes - 8);
    Q_ASSERT(uri.size() == total);
    return uri;
}

// The shared shape of every check: valid, or bad_request naming the field first.
void verifyCheck(const std::optional<Error> &error, bool valid, const QString &field)
{
    if (valid) {
        QVERIFY2(!error, qPrintable(error ? error->message : QString()));
        return;
    }
    QVERIFY(error.has_value());
    QCOMPARE(error->code, ErrorCode::BadRequest);
    QVERIFY2(error->message.startsWith(field + u' '), qPrintable(error->message));
}

} // namespace

class TestValidation : public QObject
{
    Q_OBJECT

private slots:
    void codePointCount_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qsizetype>("count");
        QTest::newRow("empty") << QString() << qsizetype(0);
        QTest::newRow("ascii") << u"hello"_s << qsizetype(5);
        QTest::newRow("latin accents") << u"héllo"_s << qsizetype(5);
        QTest::newRow("emoji counts once") << Emoji << qsizetype(1);
        QTest::newRow("text and emoji") << (u"hi "_s + Emoji + Emoji) << qsizetype(5);
        QTest::newRow("lone high surrogate") << QString(QChar(0xd800)) << qsizetype(1);
        QTest::newRow("lone low surrogate then ascii")
            << (QString(QChar(0xdc00)) + u"a"_s) << qsizetype(2);
    }
    void codePointCount()
    {
        QFETCH(QString, text);
        QFETCH(qsizetype, count);
        QCOMPARE(parley::codePointCount(text), count);
    }

    void name_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("valid");
        QTest::newRow("one char") << u"a"_s << true;
        QTest::newRow("empty") << u""_s << false;
        QTest::newRow("only white space") << u"   \t"_s << false;
        QTest::newRow("64 chars") << repeated(u"n"_s, 64) << true;
        QTest::newRow("65 chars") << repeated(u"n"_s, 65) << false;
        QTest::newRow("64 emoji") << repeated(Emoji, 64) << true;
        QTest::newRow("65 emoji") << repeated(Emoji, 65) << false;
        QTest::newRow("64 chars padded with spaces")
            << (u"  "_s + repeated(u"n"_s, 64) + u" "_s) << true;
    }
    void name()
    {
        QFETCH(QString, name);
        QFETCH(bool, valid);
        verifyCheck(checkName(u"name"_s, name), valid, u"name"_s);
    }

    void email_data()
    {
        QTest::addColumn<QString>("email");
        QTest::addColumn<bool>("valid");
        QTest::newRow("plain") << u"ann@example.com"_s << true;
        QTest::newRow("mixed case") << u"Ann.Lee@Example.COM"_s << true;
        QTest::newRow("subdomain") << u"a@mail.example.org"_s << true;
        QTest::newRow("empty") << u""_s << false;
        QTest::newRow("no at") << u"ann.example.com"_s << false;
        QTest::newRow("two ats") << u"ann@lee@example.com"_s << false;
        QTest::newRow("empty local part") << u"@example.com"_s << false;
        QTest::newRow("domain without dot") << u"ann@localhost"_s << false;
        QTest::newRow("empty domain") << u"ann@"_s << false;
        QTest::newRow("domain starts with dot") << u"ann@.example.com"_s << false;
        QTest::newRow("domain ends with dot") << u"ann@example.com."_s << false;
        QTest::newRow("space inside") << u"ann lee@example.com"_s << false;
        QTest::newRow("tab inside") << u"ann@exa\tmple.com"_s << false;
        const QString domain = u"@example.com"_s;
        QTest::newRow("254 chars") << (repeated(u"a"_s, 254 - domain.size()) + domain) << true;
        QTest::newRow("255 chars") << (repeated(u"a"_s, 255 - domain.size()) + domain) << false;
    }
    void email()
    {
        QFETCH(QString, email);
        QFETCH(bool, valid);
        verifyCheck(checkEmail(u"email"_s, email), valid, u"email"_s);
    }

    void normalizedEmail()
    {
        QCOMPARE(parley::normalizedEmail(u" Ann.Lee@Example.COM "_s), u"ann.lee@example.com"_s);
        QCOMPARE(parley::normalizedEmail(u"ANN@EXAMPLE.COM"_s),
                 parley::normalizedEmail(u"ann@example.com"_s));
    }

    void password_data()
    {
        QTest::addColumn<QString>("password");
        QTest::addColumn<bool>("valid");
        QTest::newRow("7 bytes") << repeated(u"p"_s, 7) << false;
        QTest::newRow("8 bytes") << repeated(u"p"_s, 8) << true;
        QTest::newRow("1024 bytes") << repeated(u"p"_s, 1024) << true;
        QTest::newRow("1025 bytes") << repeated(u"p"_s, 1025) << false;
        QTest::newRow("4 two-byte chars are 8 bytes") << repeated(u"é"_s, 4) << true;
        QTest::newRow("3 two-byte chars and 1 are 7 bytes")
            << (repeated(u"é"_s, 3) + u"p"_s) << false;
        QTest::newRow("2 emoji are 8 bytes") << repeated(Emoji, 2) << true;
        QTest::newRow("256 emoji are 1024 bytes") << repeated(Emoji, 256) << true;
        QTest::newRow("257 emoji are 1028 bytes") << repeated(Emoji, 257) << false;
        QTest::newRow("empty") << QString() << false;
    }
    void password()
    {
        QFETCH(QString, password);
        QFETCH(bool, valid);
        verifyCheck(checkPassword(u"password"_s, password), valid, u"password"_s);
    }

    void content_data()
    {
        QTest::addColumn<QString>("content");
        QTest::addColumn<bool>("valid");
        QTest::newRow("one char") << u"x"_s << true;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("4000 chars") << repeated(u"c"_s, 4000) << true;
        QTest::newRow("4001 chars") << repeated(u"c"_s, 4001) << false;
        QTest::newRow("4000 emoji") << repeated(Emoji, 4000) << true;
        QTest::newRow("4001 emoji") << repeated(Emoji, 4001) << false;
    }
    void content()
    {
        QFETCH(QString, content);
        QFETCH(bool, valid);
        verifyCheck(checkContent(u"content"_s, content), valid, u"content"_s);
    }

    void trimmedContent()
    {
        QCOMPARE(parley::trimmedContent(u"  \n hi there \t\n"_s), u"hi there"_s);
        QCOMPARE(parley::trimmedContent(u"a\n\nb"_s), u"a\n\nb"_s);
    }

    void ids_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<bool>("valid");
        QTest::newRow("one char") << u"7"_s << true;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("64 chars") << repeated(u"i"_s, 64) << true;
        QTest::newRow("65 chars") << repeated(u"i"_s, 65) << false;
    }
    void ids()
    {
        QFETCH(QString, id);
        QFETCH(bool, valid);
        verifyCheck(checkId(u"chatId"_s, id), valid, u"chatId"_s);
        verifyCheck(checkClientId(u"clientId"_s, id), valid, u"clientId"_s);
    }

    void avatar_data()
    {
        QTest::addColumn<QString>("uri");
        QTest::addColumn<bool>("valid");
        const QString jpegBase64 =
            QString::fromLatin1(QByteArray("\xff\xd8\xff\xe0jfif").toBase64());
        QTest::newRow("png") << pngUri(100) << true;
        QTest::newRow("jpeg") << (u"data:image/jpeg;base64,"_s + jpegBase64) << true;
        QTest::newRow("jpeg bytes labelled png")
            << (u"data:image/png;base64,"_s + jpegBase64) << false;
        QTest::newRow("png bytes labelled jpeg")
            << pngUri(10).replace(u"image/png"_s, u"image/jpeg"_s) << false;
        QTest::newRow("gif type") << pngUri(10).replace(u"image/png"_s, u"image/gif"_s) << false;
        QTest::newRow("not base64") << u"data:image/png;base64,%%%not-base64%%%"_s << false;
        QTest::newRow("empty payload") << u"data:image/png;base64,"_s << false;
        QTest::newRow("not a data uri") << u"https://example.com/a.png"_s << false;
        QTest::newRow("48 KiB exactly") << pngUriOfSize(limits::AvatarMaxBytes) << true;
        QTest::newRow("48 KiB and 2 bytes") << pngUriOfSize(limits::AvatarMaxBytes + 2) << false;
    }
    void avatar()
    {
        QFETCH(QString, uri);
        QFETCH(bool, valid);
        verifyCheck(checkAvatarDataUri(u"avatar"_s, uri), valid, u"avatar"_s);
    }

    void utf8_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("valid");
        QTest::newRow("empty") << QByteArray() << true;
        QTest::newRow("ascii") << QByteArray("{\"a\":1}") << true;
        QTest::newRow("two-byte e acute") << QByteArray("\xc3\xa9") << true;
        QTest::newRow("three-byte euro") << QByteArray("\xe2\x82\xac") << true;
        QTest::newRow("four-byte emoji") << QByteArray("\xf0\x9f\x98\x80") << true;
        QTest::newRow("U+FFFF") << QByteArray("\xef\xbf\xbf") << true;
        QTest::newRow("U+10FFFF") << QByteArray("\xf4\x8f\xbf\xbf") << true;
        QTest::newRow("U+D7FF before surrogates") << QByteArray("\xed\x9f\xbf") << true;
        QTest::newRow("overlong slash c0") << QByteArray("\xc0\xaf") << false;
        QTest::newRow("overlong NUL c0 80") << QByteArray("\xc0\x80") << false;
        QTest::newRow("overlong c1") << QByteArray("\xc1\xbf") << false;
        QTest::newRow("overlong three-byte") << QByteArray("\xe0\x80\xaf") << false;
        QTest::newRow("overlong four-byte") << QByteArray("\xf0\x80\x80\xaf") << false;
        QTest::newRow("surrogate D800") << QByteArray("\xed\xa0\x80") << false;
        QTest::newRow("surrogate DFFF") << QByteArray("\xed\xbf\xbf") << false;
        QTest::newRow("above U+10FFFF") << QByteArray("\xf4\x90\x80\x80") << false;
        QTest::newRow("lead f5") << QByteArray("\xf5\x80\x80\x80") << false;
        QTest::newRow("lead ff") << QByteArray("\xff") << false;
        QTest::newRow("stray continuation") << QByteArray("a\x80") << false;
        QTest::newRow("truncated two-byte") << QByteArray("\xc3") << false;
        QTest::newRow("truncated four-byte") << QByteArray("\xf0\x9f\x98") << false;
        QTest::newRow("bad continuation") << QByteArray("\xe2\x28\xa1") << false;
    }
    void utf8()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(bool, valid);
        QCOMPARE(isValidUtf8(bytes), valid);
    }

    void nestingDepth_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<int>("depth");
        QTest::newRow("scalar") << QByteArray("42") << 0;
        QTest::newRow("empty object") << QByteArray("{}") << 1;
        QTest::newRow("siblings do not add") << QByteArray("{\"a\":{},\"b\":[]}") << 2;
        QTest::newRow("arrays") << QByteArray("[[[]]]") << 3;
        QTest::newRow("mixed") << QByteArray("{\"a\":[{\"b\":[1]}]}") << 4;
        QTest::newRow("brackets in a string") << QByteArray("{\"a\":\"[[[{{{\"}") << 1;
        QTest::newRow("escaped quote in a string") << QByteArray("{\"a\":\"\\\"[[[\"}") << 1;
        QTest::newRow("escaped backslash ends the string")
            << QByteArray("{\"a\":\"\\\\\",\"b\":[[]]}") << 3;
        QTest::newRow("deep") << (QByteArray(100, '[') + QByteArray(100, ']')) << 100;
    }
    void nestingDepth()
    {
        QFETCH(QByteArray, json);
        QFETCH(int, depth);
        QCOMPARE(jsonNestingDepth(json), depth);
    }
};

QTEST_GUILESS_MAIN(TestValidation)
#include "tst_validation.moc"
