// SPDX-License-Identifier: GPL-3.0-or-later
// Avatars are stored as the server's own re-encoding of their pixels. A URI whose bytes start
// with the PNG signature and go on as HTML was once stored and served as sent; now what does not
// decode is refused, what trails a real picture is dropped, and huge pictures are refused or
// scaled down.
#include "protocolcheck.h"
#include "testserver.h"

#include <QBuffer>
#include <QImage>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace parley::test;

namespace {

const QByteArray PngSignature("\x89PNG\r\n\x1a\n");

QString dataUri(const QByteArray &mime, const QByteArray &bytes)
{
    return u"data:"_s + QString::fromLatin1(mime) + u";base64,"_s
        + QString::fromLatin1(bytes.toBase64());
}

QByteArray encoded(const QImage &image, const char *format)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, format);
    return bytes;
}

QImage solid(int width, int height, QImage::Format format = QImage::Format_RGB32)
{
    QImage image(width, height, format);
    image.fill(Qt::darkCyan);
    return image;
}

QByteArray payloadOf(const QString &uri)
{
    return QByteArray::fromBase64(uri.mid(uri.indexOf(u',') + 1).toLatin1());
}

} // namespace

class tst_AvatarContent : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase() { m_server.reset(); }

    void notAnImageIsRefused_data();
    void notAnImageIsRefused();
    void trailingBytesAreDropped();
    void hugePicturesAreRefusedBeforeDecoding();
    void largePicturesAreScaledDown();
    void jpegStaysJpeg();

private:
    QString storedUriOf(TestClient &client);

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<TestClient> m_user;
};

void tst_AvatarContent::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_server = std::make_unique<TestServer>();
    QVERIFY(m_server->start());
    m_user = m_server->signUp(u"Pictured"_s);
    QVERIFY(m_user);
}

QString tst_AvatarContent::storedUriOf(TestClient &client)
{
    const QJsonObject me = client.request(u"user.me"_s);
    const QString id = dataOf(me).value("user"_L1).toObject().value("avatar"_L1).toString();
    if (id.isEmpty())
        return {};
    const QJsonObject picture = client.request(u"avatar.get"_s, {{"avatarId"_L1, id}});
    return dataOf(picture).value("dataUri"_L1).toString();
}

void tst_AvatarContent::notAnImageIsRefused_data()
{
    QTest::addColumn<QString>("avatar");
    const QByteArray html = "<html><script>alert(document.cookie)</script></html>";
    QTest::newRow("PNG signature, then HTML") << dataUri("image/png", PngSignature + html);
    QTest::newRow("JPEG marker, then HTML")
        << dataUri("image/jpeg", QByteArray("\xff\xd8\xff\xe0") + html);
    QTest::newRow("a truncated PNG") << dataUri("image/png", encoded(solid(8, 8), "PNG").left(40));
    QTest::newRow("a JPEG labelled PNG")
        << dataUri("image/png", PngSignature + encoded(solid(8, 8), "JPEG"));
}

void tst_AvatarContent::notAnImageIsRefused()
{
    QFETCH(QString, avatar);
    const QJsonObject update = m_user->request(u"user.update"_s, {{"avatar"_L1, avatar}});
    PARLEY_VERIFY_ERROR(update, u"bad_request"_s);
    QVERIFY2(errorMessage(update).startsWith(u"avatar "_s), describe(update).constData());

    auto client = m_server->connect();
    QVERIFY(client);
    const QJsonObject registration =
        client->request(u"auth.register"_s,
                        {{"name"_L1, u"Sneaky"_s},
                         {"email"_L1, QString(uniqueClientId() + u"@example.test"_s)},
                         {"password"_L1, u"correct horse battery"_s},
                         {"avatar"_L1, avatar}});
    PARLEY_VERIFY_ERROR(registration, u"bad_request"_s);
    QVERIFY2(errorMessage(registration).startsWith(u"avatar "_s),
             describe(registration).constData());
}

void tst_AvatarContent::trailingBytesAreDropped()
{
    const QImage picture = solid(16, 16);
    const QByteArray html = "<html><script>alert(1)</script></html>";
    const QString sent = dataUri("image/png", encoded(picture, "PNG") + html);
    PARLEY_VERIFY_OK(m_user->request(u"user.update"_s, {{"avatar"_L1, sent}}));
    const QString stored = storedUriOf(*m_user);
    QVERIFY(stored.startsWith(u"data:image/png;base64,"_s));
    const QByteArray bytes = payloadOf(stored);
    QVERIFY2(!bytes.contains("<html"), "the trailing HTML was stored");
    const QImage back = QImage::fromData(bytes, "PNG");
    QCOMPARE(back.size(), picture.size());
    QCOMPARE(back.pixelColor(3, 3), picture.pixelColor(3, 3));
}

void tst_AvatarContent::hugePicturesAreRefusedBeforeDecoding()
{
    // One colour compresses to a few KiB however many pixels it has: a decompression bomb.
    const QByteArray bomb = encoded(solid(8000, 8000, QImage::Format_Mono), "PNG");
    const QString uri = dataUri("image/png", bomb);
    QVERIFY2(uri.size() < 48 * 1024, "the test picture must pass the size limit");
    const QJsonObject update = m_user->request(u"user.update"_s, {{"avatar"_L1, uri}});
    PARLEY_VERIFY_ERROR(update, u"bad_request"_s);
    QVERIFY2(errorMessage(update).startsWith(u"avatar "_s), describe(update).constData());
    PARLEY_VERIFY_OK(m_user->request(u"user.me"_s)); // and the server is fine
}

void tst_AvatarContent::largePicturesAreScaledDown()
{
    const QString uri = dataUri("image/png", encoded(solid(1200, 600), "PNG"));
    PARLEY_VERIFY_OK(m_user->request(u"user.update"_s, {{"avatar"_L1, uri}}));
    const QImage back = QImage::fromData(payloadOf(storedUriOf(*m_user)), "PNG");
    QCOMPARE(back.size(), QSize(512, 256));
}

void tst_AvatarContent::jpegStaysJpeg()
{
    const QString uri = dataUri("image/jpeg", encoded(solid(32, 32), "JPEG"));
    PARLEY_VERIFY_OK(m_user->request(u"user.update"_s, {{"avatar"_L1, uri}}));
    const QString stored = storedUriOf(*m_user);
    QVERIFY2(stored.startsWith(u"data:image/jpeg;base64,"_s), qPrintable(stored.left(40)));
    QCOMPARE(QImage::fromData(payloadOf(stored), "JPEG").size(), QSize(32, 32));
}

QTEST_MAIN(tst_AvatarContent)
#include "tst_avatar_content.moc"
