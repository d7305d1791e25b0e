// SPDX-License-Identifier: GPL-3.0-or-later
// Signing in stays, through the real OS keychain (issue 3, item 3): KeychainSecretStore talks
// QtKeychain to gnome-keyring-daemon's Secret Service. run-with-keyring.sh provides the private
// D-Bus session, the unlocked keyring and a throw-away HOME.
#include "apptestkit.h"
#include "keychainsecretstore.h"
#include "session.h"

#include <QDirIterator>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <memory>
#include <optional>

using namespace Qt::StringLiterals;
using parley::client::KeychainSecretStore;
using parley::client::SecretStore;
using parley::client::Session;
using parley::test::AppServer;
using parley::test::SlowMs;

namespace {

constexpr int KeychainTimeoutMs = 20'000;

SecretStore::ReadResult readSecret(SecretStore &store, const QString &key)
{
    // Shared: an answer after the timeout must not write to a dead stack frame.
    auto answer = std::make_shared<std::optional<SecretStore::ReadResult>>();
    store.readSecret(key, &store,
                     [answer](const SecretStore::ReadResult &result) { *answer = result; });
    if (!QTest::qWaitFor([&] { return answer->has_value(); }, KeychainTimeoutMs))
        return {false, {}, u"the keychain did not answer"_s};
    return **answer;
}

// "" on success, else the keychain's error.
QString writeSecret(SecretStore &store, const QString &key, const QString &secret)
{
    auto answer = std::make_shared<std::optional<QString>>();
    store.writeSecret(key, secret, &store,
                      [answer](bool ok, const QString &error) { *answer = ok ? u""_s : error; });
    if (!QTest::qWaitFor([&] { return answer->has_value(); }, KeychainTimeoutMs))
        return u"the keychain did not answer"_s;
    return **answer;
}

QString deleteSecret(SecretStore &store, const QString &key)
{
    auto answer = std::make_shared<std::optional<QString>>();
    store.deleteSecret(key, &store,
                       [answer](bool ok, const QString &error) { *answer = ok ? u""_s : error; });
    if (!QTest::qWaitFor([&] { return answer->has_value(); }, KeychainTimeoutMs))
        return u"the keychain did not answer"_s;
    return **answer;
}

// What another Secret Service client finds under QtKeychain's attributes: proof the secret
// is in gnome-keyring, not in a fallback file of QtKeychain's own.
QString lookedUpBySecretTool(const QString &key)
{
    QProcess tool;
    tool.start(u"secret-tool"_s,
               {u"lookup"_s, u"server"_s, KeychainSecretStore::serviceName(), u"user"_s, key});
    if (!tool.waitForFinished(KeychainTimeoutMs) || tool.exitCode() != 0)
        return {};
    return QString::fromUtf8(tool.readAllStandardOutput()).trimmed();
}

// Files under dir whose bytes contain secret; the keyring keeps it encrypted, so none.
QStringList filesContaining(const QString &dir, const QString &secret)
{
    QStringList found;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(secret.toUtf8()))
            found.append(file.fileName());
    }
    return found;
}

} // namespace

class tst_Keychain : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void storeWritesReadsAndDeletes();
    void signInStaysAcrossRestartsUntilSignOut();
};

void tst_Keychain::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    // Never the keyring of whoever runs it: the wrapper makes a throw-away one.
    QVERIFY2(qEnvironmentVariableIsSet("PARLEY_KEYRING_SESSION")
                 && qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"),
             "run this test through tests/keychain/run-with-keyring.sh, which gives it a private "
             "D-Bus session with a throw-away unlocked keyring");
}

void tst_Keychain::storeWritesReadsAndDeletes()
{
    KeychainSecretStore keychain;
    const QString key = u"ws://keychain.test:7447/"_s + QUuid::createUuid().toString();

    QCOMPARE(writeSecret(keychain, key, u"first secret"_s), QString());
    SecretStore::ReadResult read = readSecret(keychain, key);
    QVERIFY2(read.found, qPrintable(read.error));
    QCOMPARE(read.secret, u"first secret"_s);
    QCOMPARE(lookedUpBySecretTool(key), u"first secret"_s);

    // Written again, replaced; and seen by another instance, as after a restart of the app.
    QCOMPARE(writeSecret(keychain, key, u"second secret ✓"_s), QString());
    KeychainSecretStore later;
    read = readSecret(later, key);
    QVERIFY2(read.found, qPrintable(read.error));
    QCOMPARE(read.secret, u"second secret ✓"_s);

    QCOMPARE(deleteSecret(keychain, key), QString());
    read = readSecret(later, key);
    QVERIFY(!read.found);
    QCOMPARE(read.error, QString()); // "not there", not "could not read"
    QCOMPARE(lookedUpBySecretTool(key), QString());
    // Deleting what is not there succeeds.
    QCOMPARE(deleteSecret(keychain, key), QString());
}

void tst_Keychain::signInStaysAcrossRestartsUntilSignOut()
{
    AppServer server;
    QVERIFY(server.start());
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Session::Options options; // secrets null: the OS keychain, as the app runs
    options.settingsFile = dir.filePath(u"settings.ini"_s);
    options.dataDir = dir.filePath(u"data"_s);

    auto app = std::make_unique<Session>(options);
    app->signUp(server.url(), u"Kim"_s, parley::test::emailFor(u"Kim"_s), parley::test::Password);
    QTRY_VERIFY_WITH_TIMEOUT(app->signedIn() && app->online(), SlowMs);
    const QString userId = app->userId();
    const QString key = SecretStore::accountKey(app->serverUrl(), userId);

    KeychainSecretStore keychain;
    SecretStore::ReadResult stored;
    QVERIFY(QTest::qWaitFor(
        [&] {
            stored = readSecret(keychain, key);
            return stored.found;
        },
        SlowMs));
    QVERIFY(!stored.secret.isEmpty());
    QCOMPARE(lookedUpBySecretTool(key), stored.secret);
    // No token in a plain file: not in the app's settings and data, not anywhere in HOME.
    QCOMPARE(filesContaining(dir.path(), stored.secret), QStringList());
    QCOMPARE(filesContaining(QDir::homePath(), stored.secret), QStringList());

    // The app quits and starts again: it signs in silently with the token from the keychain.
    app.reset();
    app = std::make_unique<Session>(options);
    QVERIFY(app->restore());
    QTRY_VERIFY_WITH_TIMEOUT(app->signedIn() && app->online(), SlowMs);
    QCOMPARE(app->userId(), userId);
    QCOMPARE(app->userName(), u"Kim"_s);
    // Refresh tokens work once: the keychain now holds the new one.
    SecretStore::ReadResult rotated;
    QVERIFY(QTest::qWaitFor(
        [&] {
            rotated = readSecret(keychain, key);
            return rotated.found && rotated.secret != stored.secret;
        },
        SlowMs));
    QCOMPARE(filesContaining(dir.path(), rotated.secret), QStringList());

    // Signing out deletes it: reading it back finds nothing, and the next start stays signed out.
    app->signOut();
    QCOMPARE(app->state(), Session::SignedOut);
    SecretStore::ReadResult afterSignOut;
    QVERIFY(QTest::qWaitFor(
        [&] {
            afterSignOut = readSecret(keychain, key);
            return !afterSignOut.found;
        },
        SlowMs));
    QCOMPARE(afterSignOut.error, QString());
    QCOMPARE(lookedUpBySecretTool(key), QString());
    app.reset();
    app = std::make_unique<Session>(options);
    QVERIFY(!app->restore());
    QCOMPARE(app->state(), Session::SignedOut);
}

QTEST_GUILESS_MAIN(tst_Keychain)
#include "tst_keychain.moc"
