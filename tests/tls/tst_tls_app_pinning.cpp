// SPDX-License-Identifier: GPL-3.0-or-later
// The app's trust on first use of a server's self-signed certificate, driven through Session as
// a user would, against a wss:// ChatServer: the first connection pins the certificate and shows
// its fingerprint, later connections to the same certificate go through silently, and a changed
// certificate is refused with both fingerprints named (at sign-in and while signed in) until the
// user trusts it.
#include "certificatepins.h"
#include "chatserver.h"
#include "config/serverconfig.h"
#include "connection.h"
#include "memorysecretstore.h"
#include "session.h"
#include "testserver.h"
#include "tls/selfsignedcertificate.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using parley::client::CertificatePins;
using parley::client::Connection;
using parley::client::MemorySecretStore;
using parley::client::Session;
using parley::server::SelfSignedCertificate;
using parley::server::ServerConfig;
using parley::test::TestServer;

namespace {

constexpr int SlowMs = 20'000; // sign-ups hash passwords on two shared cores
const auto Password = u"correct horse battery"_s;

// One installation of the app, with its own settings file (where pins live) and keychain.
struct App
{
    explicit App(const QString &dir)
    {
        Session::Options options;
        options.secrets = &secrets;
        options.settingsFile = dir + u"/settings.ini"_s;
        options.dataDir = dir + u"/data"_s;
        settingsFile = options.settingsFile;
        session = std::make_unique<Session>(options);
    }

    CertificatePins pins() const { return CertificatePins(settingsFile); }

    MemorySecretStore secrets;
    QString settingsFile;
    std::unique_ptr<Session> session;
};

// The next start makes a new certificate, on the same port, so the app sees the same address.
TestServer::ConfigTweak newCertificateSamePort(quint16 port)
{
    return [port](ServerConfig &config) {
        config.port = port;
        QFile::remove(SelfSignedCertificate::certificatePath(config.dataDir));
        QFile::remove(SelfSignedCertificate::keyPath(config.dataDir));
    };
}

TestServer::ConfigTweak samePort(quint16 port)
{
    return [port](ServerConfig &config) { config.port = port; };
}

QString wssUrl(const TestServer &server)
{
    return u"wss://127.0.0.1:%1/"_s.arg(server.server()->port());
}

bool waitSignedInAndOnline(Session &session)
{
    return QTest::qWaitFor([&] { return session.state() != Session::SigningIn; }, SlowMs)
        && session.signedIn() && QTest::qWaitFor([&] { return session.online(); }, SlowMs);
}

} // namespace

class tst_TlsAppPinning : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void firstUsePinsAndShowsFingerprint();
    void sameCertificateReconnectsSilently();
    void changedCertificateRefusedAtSignIn();
    void changedCertificateRefusedWhileSignedIn();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

void tst_TlsAppPinning::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void tst_TlsAppPinning::firstUsePinsAndShowsFingerprint()
{
    TestServer server([](ServerConfig &config) { config.tls = true; });
    QVERIFY(server.start());
    const QString fingerprint = server.server()->tlsFingerprint();
    App app(m_dir->path());
    const QUrl url(wssUrl(server));
    QVERIFY(app.pins().pinned(url).isEmpty());

    app.session->signUp(url.toString(), u"Alice"_s, u"alice@example.org"_s, Password);
    QVERIFY2(waitSignedInAndOnline(*app.session), qPrintable(app.session->generalError()));
    QCOMPARE(app.session->connection()->serverFingerprint(), fingerprint);
    QVERIFY(app.session->connection()->certificateError().isEmpty());
    QCOMPARE(app.pins().pinned(url), fingerprint);
    // Pins are per address: another port of the same host is a server not seen yet.
    QVERIFY(app.pins().pinned(QUrl(u"wss://127.0.0.1:1/"_s)).isEmpty());
}

void tst_TlsAppPinning::sameCertificateReconnectsSilently()
{
    TestServer server([](ServerConfig &config) { config.tls = true; });
    QVERIFY(server.start());
    const quint16 port = server.server()->port();
    const QString fingerprint = server.server()->tlsFingerprint();
    App app(m_dir->path());
    app.session->signUp(wssUrl(server), u"Alice"_s, u"alice@example.org"_s, Password);
    QVERIFY(waitSignedInAndOnline(*app.session));

    QVERIFY(server.restart(samePort(port)));
    QCOMPARE(server.server()->tlsFingerprint(), fingerprint);
    QTRY_VERIFY_WITH_TIMEOUT(!app.session->online(), SlowMs);
    QTRY_VERIFY_WITH_TIMEOUT(app.session->online(), SlowMs);
    QVERIFY(app.session->connection()->certificateError().isEmpty());
    QCOMPARE(app.session->connection()->serverFingerprint(), fingerprint);
    QCOMPARE(app.pins().pinned(QUrl(wssUrl(server))), fingerprint);
}

void tst_TlsAppPinning::changedCertificateRefusedAtSignIn()
{
    TestServer server([](ServerConfig &config) { config.tls = true; });
    QVERIFY(server.start());
    const quint16 port = server.server()->port();
    const QString pinned = server.server()->tlsFingerprint();
    App app(m_dir->path());
    app.session->signUp(wssUrl(server), u"Alice"_s, u"alice@example.org"_s, Password);
    QVERIFY(waitSignedInAndOnline(*app.session));
    app.session->signOut();
    QTRY_VERIFY(!app.session->signedIn());

    QVERIFY(server.restart(newCertificateSamePort(port)));
    const QString changed = server.server()->tlsFingerprint();
    QVERIFY(changed != pinned);

    app.session->signIn(wssUrl(server), u"alice@example.org"_s, Password);
    QTRY_VERIFY_WITH_TIMEOUT(!app.session->busy(), SlowMs);
    QCOMPARE(app.session->state(), Session::SignedOut);
    const QString error = app.session->generalError();
    QVERIFY2(error.contains(pinned) && error.contains(changed), qPrintable(error));
    QVERIFY2(error.contains(u"changed"_s), qPrintable(error));
    QCOMPARE(app.session->connection()->certificateError(), error);
    QCOMPARE(app.pins().pinned(QUrl(wssUrl(server))), pinned); // a refusal changes no pin
    QTRY_COMPARE(server.server()->connectionCount(), 0); // nothing got through

    // After checking the new fingerprint with the admin, the user trusts it.
    app.session->connection()->trustChangedCertificate();
    QCOMPARE(app.pins().pinned(QUrl(wssUrl(server))), changed);
    app.session->signIn(wssUrl(server), u"alice@example.org"_s, Password);
    QVERIFY2(waitSignedInAndOnline(*app.session), qPrintable(app.session->generalError()));
    QCOMPARE(app.session->connection()->serverFingerprint(), changed);
    QVERIFY(app.session->connection()->certificateError().isEmpty());
}

void tst_TlsAppPinning::changedCertificateRefusedWhileSignedIn()
{
    TestServer server([](ServerConfig &config) { config.tls = true; });
    QVERIFY(server.start());
    const quint16 port = server.server()->port();
    const QString pinned = server.server()->tlsFingerprint();
    App app(m_dir->path());
    app.session->signUp(wssUrl(server), u"Alice"_s, u"alice@example.org"_s, Password);
    QVERIFY(waitSignedInAndOnline(*app.session));
    QVERIFY(app.session->connectionBanner().isEmpty());

    QVERIFY(server.restart(newCertificateSamePort(port)));
    const QString changed = server.server()->tlsFingerprint();
    QVERIFY(changed != pinned);

    // The app keeps the user signed in, but tells them why it cannot reconnect.
    QTRY_VERIFY_WITH_TIMEOUT(app.session->connectionBanner().contains(changed), SlowMs);
    const QString banner = app.session->connectionBanner();
    QVERIFY2(banner.contains(pinned), qPrintable(banner));
    QVERIFY(app.session->signedIn());
    QVERIFY(!app.session->online());
    QCOMPARE(server.server()->connectionCount(), 0);

    app.session->connection()->trustChangedCertificate();
    QTRY_VERIFY_WITH_TIMEOUT(app.session->online(), SlowMs);
    QVERIFY(app.session->connectionBanner().isEmpty());
    QCOMPARE(app.session->connection()->serverFingerprint(), changed);
}

QTEST_GUILESS_MAIN(tst_TlsAppPinning)
#include "tst_tls_app_pinning.moc"
