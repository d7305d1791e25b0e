// SPDX-License-Identifier: GPL-3.0-or-later
// wss:// end to end: the self-signed certificate a server makes on first start (its contents, its
// private key file, its fingerprint across restarts), the admin's own certificate and key files
// in the formats admins meet, clear start() errors for bad files, clients that pin a certificate
// refusing a changed one, and plain ws:// to a TLS port failing without harming anyone else.
#include "chatserver.h"
#include "config/serverconfig.h"
#include "defaulttrust.h"
#include "logcapture.h"
#include "pinningclient.h"
#include "protocolcheck.h"
#include "testcertificates.h"
#include "testserver.h"
#include "tls/selfsignedcertificate.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QProcess>
#include <QRegularExpression>
#include <QSslKey>
#include <QSysInfo>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace parley::test;
using parley::server::ChatServer;
using parley::server::SelfSignedCertificate;
using parley::server::ServerConfig;

Q_DECLARE_METATYPE(TestCertificates::Kind)

namespace {

constexpr QFileDevice::Permissions OwnerReadWrite =
    QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr QFileDevice::Permissions UserBits =
    QFileDevice::ReadUser | QFileDevice::WriteUser | QFileDevice::ExeUser;

void enableTls(ServerConfig &config)
{
    config.tls = true;
}

// The first certificate of a PEM file, read without Qt's TLS classes: base64 between the
// markers, then SHA-256 of those DER bytes, as `openssl x509 -fingerprint -sha256` prints it.
QString fingerprintOfPemFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray pem = file.readAll();
    const QByteArray begin = "-----BEGIN CERTIFICATE-----";
    const qsizetype start = pem.indexOf(begin);
    const qsizetype end = pem.indexOf("-----END CERTIFICATE-----", start);
    if (start < 0 || end < 0)
        return {};
    const QByteArray der =
        QByteArray::fromBase64(pem.mid(start + begin.size(), end - start - begin.size()));
    return QString::fromLatin1(
        QCryptographicHash::hash(der, QCryptographicHash::Sha256).toHex(':').toUpper());
}

QSslCertificate firstCertificateIn(const QString &path)
{
    const QList<QSslCertificate> certificates = QSslCertificate::fromPath(path);
    return certificates.isEmpty() ? QSslCertificate() : certificates.constFirst();
}

QString certificatePath(const TestServer &server)
{
    return SelfSignedCertificate::certificatePath(server.config().dataDir);
}

QString keyPath(const TestServer &server)
{
    return SelfSignedCertificate::keyPath(server.config().dataDir);
}

QFileDevice::Permissions ownerAndOthers(const QString &path)
{
    return QFile::permissions(path) & ~UserBits; // "user" repeats "owner" for our own files
}

QUrl withScheme(QUrl url, const QString &scheme)
{
    url.setScheme(scheme);
    return url;
}

} // namespace

class tst_TlsServer : public QObject
{
    Q_OBJECT

private slots:
    void wssEndToEnd();
    void selfSignedCertificateNamesThisHost();
    void fingerprintAndKeySurviveRestarts();
    void adminFiles_data();
    void adminFiles();
    void badFilesStopStart_data();
    void badFilesStopStart();
    void changedCertificateIsRefused();
    void plainConnectionsToTlsPortFailCleanly_data();
    void plainConnectionsToTlsPortFailCleanly();
    void cliPrintsFingerprint();
    void cleanup();
};

void tst_TlsServer::cleanup()
{
    QLoggingCategory::setFilterRules(QString());
}

void tst_TlsServer::wssEndToEnd()
{
    LogCapture log;
    TestServer server(enableTls);
    QVERIFY(server.start());
    QCOMPARE(server.url().scheme(), u"wss"_s);

    const QString fingerprint = server.server()->tlsFingerprint();
    QCOMPARE(fingerprint, fingerprintOfPemFile(certificatePath(server)));
    QVERIFY(fingerprint.contains(QRegularExpression(u"^([0-9A-F]{2}:){31}[0-9A-F]{2}$"_s)));
    QVERIFY2(log.contains(u"TLS certificate fingerprint (SHA-256): "_s + fingerprint),
             qPrintable(log.messages().join(u'\n')));

    const DefaultTrust trust(firstCertificateIn(certificatePath(server)));
    auto alice = server.signUp(u"Alice"_s);
    auto bob = server.signUp(u"Bob"_s);
    QVERIFY(alice);
    QVERIFY(bob);
    const QString chatId = alice->directChat(bob->userId());
    QVERIFY(!chatId.isEmpty());
    const QJsonObject sent = alice->sendMessage(chatId, u"sent over wss"_s);
    QCOMPARE(sent.value("content"_L1).toString(), u"sent over wss"_s);
    const auto received = bob->waitEvent(u"message.new"_s);
    QVERIFY(received);
    QCOMPARE(received->value("message"_L1).toObject().value("content"_L1).toString(),
             u"sent over wss"_s);

    // What a client is shown is the certificate whose fingerprint the server reports.
    PinningClient probe(fingerprint);
    QVERIFY(probe.open(server.url()));
    QCOMPARE(probe.seenFingerprint(), fingerprint);
    QVERIFY(probe.socket().sslConfiguration().sessionProtocol() == QSsl::TlsV1_2
            || probe.socket().sslConfiguration().sessionProtocol() == QSsl::TlsV1_3);
}

void tst_TlsServer::selfSignedCertificateNamesThisHost()
{
    TestServer server(enableTls);
    QVERIFY(server.start());
    const QSslCertificate certificate = firstCertificateIn(certificatePath(server));
    QVERIFY(!certificate.isNull());

    const QString host = QSysInfo::machineHostName();
    QCOMPARE(certificate.subjectInfo(QSslCertificate::CommonName), QStringList{host});
    const auto names = certificate.subjectAlternativeNames();
    QVERIFY(names.values(QSsl::DnsEntry).contains(host));
    QVERIFY(names.values(QSsl::DnsEntry).contains(u"localhost"_s));
    QVERIFY(names.values(QSsl::IpAddressEntry).contains(u"127.0.0.1"_s));
    QCOMPARE(certificate.publicKey().algorithm(), QSsl::Ec);
    QCOMPARE(certificate.publicKey().length(), 256);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QVERIFY(certificate.effectiveDate() <= now);
    QVERIFY2(certificate.expiryDate() >= now.addDays(3650),
             qPrintable(certificate.expiryDate().toString(Qt::ISODate)));
    QVERIFY(certificate.expiryDate() <= now.addDays(3660));
    QVERIFY(certificate.isSelfSigned());
}

void tst_TlsServer::fingerprintAndKeySurviveRestarts()
{
    TestServer server(enableTls);
    QVERIFY(server.start());
    const QString first = server.server()->tlsFingerprint();
    QVERIFY(!first.isEmpty());
    QCOMPARE(ownerAndOthers(keyPath(server)), OwnerReadWrite);

    QVERIFY(server.restart({}));
    QCOMPARE(server.server()->tlsFingerprint(), first);

    // A key someone made readable to others is made private again on the next start.
    QVERIFY(QFile::setPermissions(
        keyPath(server), OwnerReadWrite | QFileDevice::ReadGroup | QFileDevice::ReadOther));
    QVERIFY(server.restart({}));
    QCOMPARE(server.server()->tlsFingerprint(), first);
    QCOMPARE(ownerAndOthers(keyPath(server)), OwnerReadWrite);

    const DefaultTrust trust(firstCertificateIn(certificatePath(server)));
    QVERIFY(server.signUp(u"After restarts"_s));
}

void tst_TlsServer::adminFiles_data()
{
    QTest::addColumn<TestCertificates::Kind>("kind");
    QTest::addColumn<int>("chainLength");

    QTest::newRow("ECDSA key in PKCS#8") << TestCertificates::Kind::EcdsaPkcs8 << 1;
    QTest::newRow("ECDSA P-384 key in SEC1 after EC PARAMETERS")
        << TestCertificates::Kind::EcdsaSec1 << 1;
    QTest::newRow("RSA key in PKCS#8") << TestCertificates::Kind::RsaPkcs8 << 1;
    QTest::newRow("RSA key in PKCS#1") << TestCertificates::Kind::RsaPkcs1 << 1;
    QTest::newRow("certificate signed by a CA, chain in the file")
        << TestCertificates::Kind::SignedByCa << 2;
}

void tst_TlsServer::adminFiles()
{
    QFETCH(TestCertificates::Kind, kind);
    QFETCH(int, chainLength);

    QTemporaryDir adminDir;
    QVERIFY(adminDir.isValid());
    const CertificateFiles files = TestCertificates::make(kind, u"chat.example.test"_s);
    QString certificateFile;
    QString keyFile;
    QVERIFY(files.write(adminDir.path(), &certificateFile, &keyFile));

    TestServer server([&](ServerConfig &config) {
        config.tls = true;
        config.tlsCertificateFile = certificateFile;
        config.tlsKeyFile = keyFile;
    });
    QVERIFY(server.start());
    const QString fingerprint = fingerprintOfPemFile(certificateFile);
    QCOMPARE(server.server()->tlsFingerprint(), fingerprint);
    QVERIFY2(!QFile::exists(certificatePath(server)), "made a self-signed certificate anyway");
    QVERIFY(!QFile::exists(keyPath(server)));

    PinningClient probe(fingerprint);
    QVERIFY(probe.open(server.url()));
    QCOMPARE(probe.socket().sslConfiguration().peerCertificateChain().size(), chainLength);

    const DefaultTrust trust(files.trustAnchor);
    auto client = server.signUp(u"Admin's certificate"_s);
    QVERIFY(client);
    QCOMPARE(client->request(u"user.me"_s).value("ok"_L1).toBool(), true);
}

namespace {

enum class BadFiles {
    CertificateMissing,
    KeyMissing,
    CertificateNotPem,
    KeyNotPem,
    KeyCorrupt,
    KeyOfAnotherCertificate,
    KeyEncrypted,
    CertificateWithoutKey,
    SelfSignedKeyDeleted,
};

} // namespace

Q_DECLARE_METATYPE(BadFiles)

void tst_TlsServer::badFilesStopStart_data()
{
    QTest::addColumn<BadFiles>("problem");
    QTest::addColumn<QString>("expected"); // a fragment of the error
    QTest::addColumn<QString>("namedFile"); // "cert", "key", "both" or "none"

    QTest::newRow("certificate file missing")
        << BadFiles::CertificateMissing << u"cannot read the TLS certificate"_s << u"cert"_s;
    QTest::newRow("key file missing")
        << BadFiles::KeyMissing << u"cannot read the TLS key"_s << u"key"_s;
    QTest::newRow("certificate is not PEM")
        << BadFiles::CertificateNotPem << u"holds no PEM certificate"_s << u"cert"_s;
    QTest::newRow("key is not PEM")
        << BadFiles::KeyNotPem << u"holds no PEM private key"_s << u"key"_s;
    QTest::newRow("key is corrupt")
        << BadFiles::KeyCorrupt << u"is not a valid private key"_s << u"key"_s;
    QTest::newRow("key of another certificate")
        << BadFiles::KeyOfAnotherCertificate << u"does not belong to the certificate"_s
        << u"both"_s;
    QTest::newRow("key encrypted with a pass phrase")
        << BadFiles::KeyEncrypted << u"is encrypted"_s << u"key"_s;
    QTest::newRow("certificate given without key")
        << BadFiles::CertificateWithoutKey << u"needs its key file"_s << u"none"_s;
    QTest::newRow("self-signed key deleted, certificate kept")
        << BadFiles::SelfSignedKeyDeleted << u"but not"_s << u"both"_s;
}

void tst_TlsServer::badFilesStopStart()
{
    QFETCH(BadFiles, problem);
    QFETCH(QString, expected);
    QFETCH(QString, namedFile);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString dataDir = QDir(dir.path()).filePath(u"data"_s);
    ServerConfig config;
    config.bindAddress = QHostAddress::LocalHost;
    config.port = 0;
    config.dataDir = dataDir;
    config.tls = true;

    const CertificateFiles good =
        TestCertificates::make(TestCertificates::Kind::EcdsaPkcs8, u"chat.example.test"_s);
    QString certificateFile;
    QString keyFile;
    QVERIFY(good.write(dir.path(), &certificateFile, &keyFile));
    const auto overwrite = [](const QString &path, const QByteArray &contents) {
        QFile file(path);
        return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(contents) >= 0;
    };
    config.tlsCertificateFile = certificateFile;
    config.tlsKeyFile = keyFile;

    switch (problem) {
    case BadFiles::CertificateMissing:
        QVERIFY(QFile::remove(certificateFile));
        break;
    case BadFiles::KeyMissing:
        QVERIFY(QFile::remove(keyFile));
        break;
    case BadFiles::CertificateNotPem:
        QVERIFY(overwrite(certificateFile, "this is not a certificate\n"));
        break;
    case BadFiles::KeyNotPem:
        QVERIFY(overwrite(keyFile, good.certificatePem)); // a common mix-up
        break;
    case BadFiles::KeyCorrupt:
        QVERIFY(
            overwrite(keyFile, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"));
        break;
    case BadFiles::KeyOfAnotherCertificate:
        QVERIFY(overwrite(
            keyFile,
            TestCertificates::make(TestCertificates::Kind::EcdsaPkcs8, u"other.example.test"_s)
                .keyPem));
        break;
    case BadFiles::KeyEncrypted:
        QVERIFY(overwrite(
            keyFile,
            TestCertificates::make(TestCertificates::Kind::EncryptedPkcs8, u"chat.example.test"_s)
                .keyPem));
        break;
    case BadFiles::CertificateWithoutKey:
        config.tlsKeyFile.clear();
        break;
    case BadFiles::SelfSignedKeyDeleted: {
        config.tlsCertificateFile.clear();
        config.tlsKeyFile.clear();
        QString ignored;
        QVERIFY(SelfSignedCertificate::ensure(dataDir, u"host"_s, &ignored));
        QVERIFY(QFile::remove(SelfSignedCertificate::keyPath(dataDir)));
        certificateFile = SelfSignedCertificate::certificatePath(dataDir);
        keyFile = SelfSignedCertificate::keyPath(dataDir);
        break;
    }
    }

    ChatServer server(config);
    QString error;
    QVERIFY(!server.start(&error));
    QVERIFY2(error.contains(expected), qPrintable(error));
    if (namedFile == "cert"_L1 || namedFile == "both"_L1)
        QVERIFY2(error.contains(QDir::toNativeSeparators(certificateFile)), qPrintable(error));
    if (namedFile == "key"_L1 || namedFile == "both"_L1)
        QVERIFY2(error.contains(QDir::toNativeSeparators(keyFile)), qPrintable(error));
    QCOMPARE(server.port(), quint16(0));
    QVERIFY(server.tlsFingerprint().isEmpty());
    // Checked before anything else: no database was made.
    QVERIFY(!QFile::exists(QDir(dataDir).filePath(u"parley.db"_s)));
}

void tst_TlsServer::changedCertificateIsRefused()
{
    TestServer server(enableTls);
    QVERIFY(server.start());
    const QSslCertificate oldCertificate = firstCertificateIn(certificatePath(server));

    PinningClient firstUse; // no pin yet: trusts what it is shown and remembers it
    QVERIFY(firstUse.open(server.url()));
    const QString pinned = firstUse.seenFingerprint();
    QCOMPARE(pinned, server.server()->tlsFingerprint());

    // The admin deletes the certificate: the next start makes a new one.
    QVERIFY(server.restart([](ServerConfig &config) {
        QFile::remove(SelfSignedCertificate::certificatePath(config.dataDir));
        QFile::remove(SelfSignedCertificate::keyPath(config.dataDir));
    }));
    const QString changed = server.server()->tlsFingerprint();
    QVERIFY(!changed.isEmpty());
    QVERIFY(changed != pinned);

    PinningClient returning(pinned);
    QVERIFY(!returning.open(server.url()));
    QVERIFY(returning.refusedCertificate());
    QCOMPARE(returning.seenFingerprint(), changed);

    {
        const DefaultTrust trust(oldCertificate); // pinned as the only CA
        TestClient caPinned;
        QVERIFY(!caPinned.open(server.url()));
    }

    PinningClient accepted(changed); // once the user accepts the new one
    QVERIFY(accepted.open(server.url()));
    QTRY_COMPARE(server.server()->connectionCount(), 1);
}

namespace {

enum class PlainClient { WebSocket, HttpRequest, FakeTlsRecord };

} // namespace

Q_DECLARE_METATYPE(PlainClient)

void tst_TlsServer::plainConnectionsToTlsPortFailCleanly_data()
{
    QTest::addColumn<PlainClient>("plain");
    QTest::newRow("ws:// WebSocket client") << PlainClient::WebSocket;
    QTest::newRow("plain HTTP request") << PlainClient::HttpRequest;
    QTest::newRow("bytes that start like a TLS record") << PlainClient::FakeTlsRecord;
}

void tst_TlsServer::plainConnectionsToTlsPortFailCleanly()
{
    QFETCH(PlainClient, plain);
    QLoggingCategory::setFilterRules(u"parley.server.tls.debug=true"_s);
    LogCapture log;

    TestServer server(enableTls);
    QVERIFY(server.start());
    const DefaultTrust trust(firstCertificateIn(certificatePath(server)));
    auto alice = server.signUp(u"Alice"_s);
    auto bob = server.signUp(u"Bob"_s);
    QVERIFY(alice);
    QVERIFY(bob);
    const QString chatId = alice->directChat(bob->userId());
    QVERIFY(!chatId.isEmpty());

    if (plain == PlainClient::WebSocket) {
        TestClient client;
        QVERIFY(!client.open(withScheme(server.url(), u"ws"_s)));
    } else {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, server.server()->port());
        QVERIFY(socket.waitForConnected(5'000));
        socket.write(plain == PlainClient::HttpRequest
                         ? QByteArray("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                                      "Connection: Upgrade\r\n\r\n")
                         : QByteArray("\x16\x03\x01\x00\x05hello-not-tls", 19));
        // The server hangs up; it sends nothing a client could mistake for a WebSocket answer.
        QTRY_COMPARE(socket.state(), QAbstractSocket::UnconnectedState);
        QVERIFY(!socket.readAll().contains("HTTP/1.1 101"));
    }
    QTRY_VERIFY2(log.contains(u"closed before its TLS handshake completed"_s),
                 qPrintable(log.messages().join(u'\n')));

    // Everyone else is served as before, and new wss:// clients still get in.
    const QJsonObject sent = alice->sendMessage(chatId, u"still here"_s);
    QCOMPARE(sent.value("content"_L1).toString(), u"still here"_s);
    QVERIFY(bob->waitEvent(u"message.new"_s));
    QVERIFY(server.signUp(u"Carol"_s));
    QTRY_COMPARE(server.server()->connectionCount(), 3);
}

void tst_TlsServer::cliPrintsFingerprint()
{
    QTemporaryDir dataDir;
    QVERIFY(dataDir.isValid());
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QString::fromUtf8(PARLEY_SERVER_BINARY),
                  {u"--tls"_s, u"--data-dir"_s, dataDir.path(), u"--port"_s, u"0"_s, u"--bind"_s,
                   u"127.0.0.1"_s});
    QByteArray output;
    const QRegularExpression fingerprintLine(
        u"TLS certificate fingerprint \\(SHA-256\\): ((?:[0-9A-F]{2}:){31}[0-9A-F]{2})"_s);
    const QRegularExpression listeningLine(u"listening on (wss://\\S+)"_s);
    QTRY_VERIFY2_WITH_TIMEOUT(
        (output += process.readAll(), fingerprintLine.match(QString::fromUtf8(output)).hasMatch()),
        output.constData(), 15'000);
    const QString printed = fingerprintLine.match(QString::fromUtf8(output)).captured(1);
    const QUrl url(listeningLine.match(QString::fromUtf8(output)).captured(1));
    QVERIFY2(url.isValid() && url.port() > 0, output.constData());

    QCOMPARE(printed, fingerprintOfPemFile(QDir(dataDir.path()).filePath(u"tls-cert.pem"_s)));
    PinningClient client(printed); // what an admin reads out to the team
    QVERIFY(client.open(url));

    process.terminate();
    QVERIFY(process.waitForFinished(10'000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
}

QTEST_GUILESS_MAIN(tst_TlsServer)
#include "tst_tls_server.moc"
