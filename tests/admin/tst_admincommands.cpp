// SPDX-License-Identifier: GPL-3.0-or-later
// parley-server's admin commands as an operator runs them: the real binary, often beside a
// running server, judged by what a WebSocket client sees and by the commands' own output.
#include "adminprocess.h"
#include "chathistory.h"
#include "protocolcheck.h"
#include "serverprocess.h"
#include "testclient.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace parley::test;

namespace {

constexpr int ClosedWithinMs = 15'000; // the server looks for revoked sessions every 2 s
constexpr int SeedMessages = 300;
constexpr qsizetype DamageBytes = qsizetype(16) * 1024; // four pages of garbage

// A command run against the data directory `dir`.
QStringList withDir(QStringList command, const QTemporaryDir &dir)
{
    return command << u"--data-dir"_s << dir.path();
}

QJsonObject registration(const QString &name, const QString &email)
{
    return {{"name"_L1, name}, {"email"_L1, email}, {"password"_L1, u"correct horse battery"_s}};
}

// The ids of the messages stored in a database file, read without Parley's code.
QSet<QString> storedMessageIds(const QString &path)
{
    QSet<QString> ids;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"backup-reader"_s);
        db.setDatabaseName(path);
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY"_s);
        if (db.open()) {
            QSqlQuery query(db);
            query.exec(u"SELECT id FROM messages"_s);
            while (query.next())
                ids.insert(query.value(0).toString());
        }
    }
    QSqlDatabase::removeDatabase(u"backup-reader"_s);
    return ids;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

} // namespace

class tst_AdminCommands : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void userAddThenSignIn_data();
    void userAddThenSignIn();
    void userAddRefusesBadInput_data();
    void userAddRefusesBadInput();
    void disableEndsSessionsAndSignIn();
    void resetPasswordReplacesTheOldOne_data();
    void resetPasswordReplacesTheOldOne();

    void backupWhileServingRestoresElsewhere();
    void restoreWaitsForTheServerToStop();
    void restoreRefusesBadCopies_data();
    void restoreRefusesBadCopies();
    void checkReportsDamage_data();
    void checkReportsDamage();

    void registrationModes_data();
    void registrationModes();
    void inviteCodesAdmitUpToTheirUses();

    void jsonLogsAreJsonWithoutSecrets();

private:
    QString m_binary = QString::fromUtf8(PARLEY_SERVER_BINARY);
    AdminProcess m_admin{m_binary};
    QTemporaryDir m_seed; // a server's data directory with two users and a chat's messages
    QString m_seedBackup; // a backup of it
};

void tst_AdminCommands::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_seed.isValid());
    ServerProcess server(m_seed.path());
    QVERIFY(server.start());
    TestClient alice;
    TestClient bob;
    QVERIFY(alice.open(server.url()) && bob.open(server.url()));
    QVERIFY(alice.registerUser(u"Alice"_s).isValid());
    QVERIFY(bob.registerUser(u"Bob"_s).isValid());
    const QString chatId = alice.directChat(bob.userId());
    QVERIFY(!chatId.isEmpty());
    for (int i = 0; i < SeedMessages; ++i) {
        alice.send(u"message.send"_s,
                   {{"chatId"_L1, chatId},
                    {"clientId"_L1, uniqueClientId()},
                    {"content"_L1, u"seed message %1"_s.arg(i)}});
    }
    QTRY_COMPARE_WITH_TIMEOUT(alice.responseCount(), 2 + SeedMessages, 60'000); // + register, chat
    QVERIFY(server.stop());

    m_seedBackup = m_seed.filePath(u"seed-backup.db"_s);
    const AdminResult backup = m_admin.run(withDir({u"backup"_s, m_seedBackup}, m_seed));
    QVERIFY2(backup.exitCode == 0, backup.describe());
}

void tst_AdminCommands::userAddThenSignIn_data()
{
    QTest::addColumn<QByteArray>("input"); // empty: let the command make a password

    QTest::newRow("random password") << QByteArray();
    QTest::newRow("password from stdin") << QByteArray("a long passphrase of mine\n");
    QTest::newRow("password from stdin without a line end")
        << QByteArray("a long passphrase of mine");
}

void tst_AdminCommands::userAddThenSignIn()
{
    QFETCH(QByteArray, input);
    QTemporaryDir dir;
    QStringList add{u"user"_s,      u"add"_s,     u"--name"_s,
                    u"Ann Admin"_s, u"--email"_s, u"ann@example.test"_s};
    if (!input.isEmpty())
        add.append(u"--password-stdin"_s);

    // Before the first start: the command makes the database.
    const AdminResult added = m_admin.run(withDir(add, dir), input);
    QVERIFY2(added.exitCode == 0, added.describe());
    const QString password =
        input.isEmpty() ? added.line(u"password"_s) : QString::fromUtf8(input).trimmed();
    QVERIFY2(password.size() >= 8, added.describe());
    if (!input.isEmpty())
        QVERIFY2(!added.out.contains(password), "a password given on stdin is not echoed");

    const AdminResult listed = m_admin.run(withDir({u"user"_s, u"list"_s}, dir));
    QVERIFY2(listed.exitCode == 0, listed.describe());
    QVERIFY2(listed.out.contains(u"Ann Admin"_s) && listed.out.contains(u"ann@example.test"_s)
                 && listed.out.contains(u"active"_s),
             listed.describe());

    ServerProcess server(dir.path());
    QVERIFY(server.start());
    TestClient client;
    QVERIFY(client.open(server.url()));
    PARLEY_VERIFY_OK(client.login(u"ann@example.test"_s, password));
    QCOMPARE(client.account().name, u"Ann Admin"_s);
    PARLEY_VERIFY_ERROR(client.login(u"ann@example.test"_s, password + u"x"_s),
                        u"unauthenticated"_s);
}

void tst_AdminCommands::userAddRefusesBadInput_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");

    const QStringList add{u"user"_s, u"add"_s, u"--name"_s, u"Ann"_s};
    QTest::newRow("email taken, other case")
        << add + QStringList{u"--email"_s, u"TAKEN@example.test"_s} << QByteArray() << 1
        << u"already exists"_s;
    QTest::newRow("email malformed")
        << add + QStringList{u"--email"_s, u"ann@localhost"_s} << QByteArray() << 2 << u"--email"_s;
    QTest::newRow("email missing") << add << QByteArray() << 2 << u"--email is required"_s;
    QTest::newRow("name too long")
        << QStringList{u"user"_s,           u"add"_s,     u"--name"_s,
                       u"n"_s.repeated(65), u"--email"_s, u"ann@example.test"_s}
        << QByteArray() << 2 << u"--name"_s;
    QTest::newRow("password from stdin too short")
        << add + QStringList{u"--email"_s, u"ann@example.test"_s, u"--password-stdin"_s}
        << QByteArray("short\n") << 2 << u"password"_s;
    QTest::newRow("nothing on stdin")
        << add + QStringList{u"--email"_s, u"ann@example.test"_s, u"--password-stdin"_s}
        << QByteArray() << 2 << u"nothing came on stdin"_s;
    QTest::newRow("stray argument")
        << add + QStringList{u"--email"_s, u"ann@example.test"_s, u"extra"_s} << QByteArray() << 2
        << u"unexpected argument 'extra'"_s;
}

void tst_AdminCommands::userAddRefusesBadInput()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, input);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    QTemporaryDir dir;
    const AdminResult first =
        m_admin.run(withDir({u"user"_s, u"add"_s, u"--name"_s, u"Taken"_s, u"--email"_s,
                             u"taken@example.test"_s, u"--password-stdin"_s},
                            dir),
                    "first password\n");
    QVERIFY2(first.exitCode == 0, first.describe());

    const AdminResult refused = m_admin.run(withDir(arguments, dir), input);
    QVERIFY2(refused.exitCode == exitCode, refused.describe());
    QVERIFY2(refused.err.contains(message), refused.describe());

    const AdminResult listed = m_admin.run(withDir({u"user"_s, u"list"_s}, dir));
    QCOMPARE(listed.out.count(u"@example.test"_s), 1); // nothing was added
}

void tst_AdminCommands::disableEndsSessionsAndSignIn()
{
    QTemporaryDir dir;
    ServerProcess server(dir.path());
    QVERIFY(server.start());
    TestClient alice;
    TestClient bystander;
    QVERIFY(alice.open(server.url()) && bystander.open(server.url()));
    const Account account = alice.registerUser(u"Alice"_s);
    QVERIFY(account.isValid());
    QVERIFY(bystander.registerUser(u"Bystander"_s).isValid());

    const AdminResult disabled =
        m_admin.run(withDir({u"user"_s, u"disable"_s, account.email}, dir));
    QVERIFY2(disabled.exitCode == 0, disabled.describe());
    QVERIFY2(disabled.out.contains(u"ended 1 session(s)"_s), disabled.describe());

    // The running server notices the revoked session and closes its connection, only that one.
    QVERIFY(alice.waitForDisconnected(ClosedWithinMs));
    QCOMPARE(alice.closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
    QVERIFY(bystander.isConnected());
    PARLEY_VERIFY_OK(bystander.request(u"server.info"_s));

    TestClient again;
    QVERIFY(again.open(server.url()));
    const QJsonObject login = again.login(account.email, account.password);
    PARLEY_VERIFY_ERROR(login, u"forbidden"_s);
    QVERIFY2(errorMessage(login).contains(u"disabled"_s), describe(login).constData());
    PARLEY_VERIFY_ERROR(again.request(u"auth.token"_s, {{"accessToken"_L1, account.accessToken}}),
                        u"unauthenticated"_s);
    PARLEY_VERIFY_ERROR(
        again.request(u"auth.refresh"_s, {{"refreshToken"_L1, account.refreshToken}}),
        u"unauthenticated"_s);
    const AdminResult listed = m_admin.run(withDir({u"user"_s, u"list"_s}, dir));
    QVERIFY2(listed.out.contains(u"disabled"_s), listed.describe());

    const AdminResult enabled = m_admin.run(withDir({u"user"_s, u"enable"_s, account.email}, dir));
    QVERIFY2(enabled.exitCode == 0, enabled.describe());
    PARLEY_VERIFY_OK(again.login(account.email, account.password));

    const AdminResult unknown =
        m_admin.run(withDir({u"user"_s, u"disable"_s, u"nobody@example.test"_s}, dir));
    QVERIFY2(unknown.exitCode == 1 && unknown.err.contains(u"no user"_s), unknown.describe());
}

void tst_AdminCommands::resetPasswordReplacesTheOldOne_data()
{
    QTest::addColumn<QByteArray>("input"); // empty: let the command make a password

    QTest::newRow("random password") << QByteArray();
    QTest::newRow("password from stdin") << QByteArray("the new passphrase\n");
}

void tst_AdminCommands::resetPasswordReplacesTheOldOne()
{
    QFETCH(QByteArray, input);
    QTemporaryDir dir;
    ServerProcess server(dir.path());
    QVERIFY(server.start());
    TestClient alice;
    QVERIFY(alice.open(server.url()));
    const Account account = alice.registerUser(u"Alice"_s);
    QVERIFY(account.isValid());

    QStringList reset{u"user"_s, u"reset-password"_s, account.email};
    if (!input.isEmpty())
        reset.append(u"--password-stdin"_s);
    const AdminResult result = m_admin.run(withDir(reset, dir), input);
    QVERIFY2(result.exitCode == 0, result.describe());
    const QString password =
        input.isEmpty() ? result.line(u"password"_s) : QString::fromUtf8(input).trimmed();
    QVERIFY2(password.size() >= 8 && password != account.password, result.describe());

    // Whoever held the old password is signed out as well.
    QVERIFY(alice.waitForDisconnected(ClosedWithinMs));
    TestClient client;
    QVERIFY(client.open(server.url()));
    PARLEY_VERIFY_ERROR(client.login(account.email, account.password), u"unauthenticated"_s);
    PARLEY_VERIFY_OK(client.login(account.email, password));
}

void tst_AdminCommands::backupWhileServingRestoresElsewhere()
{
    QTemporaryDir dir;
    QTemporaryDir elsewhere;
    ServerProcess server(dir.path());
    QVERIFY(server.start());
    TestClient alice;
    TestClient bob;
    QVERIFY(alice.open(server.url()) && bob.open(server.url()));
    const Account aliceAccount = alice.registerUser(u"Alice"_s);
    QVERIFY(aliceAccount.isValid());
    QVERIFY(bob.registerUser(u"Bob"_s).isValid());
    const QString chatId = alice.directChat(bob.userId());
    QVERIFY(!chatId.isEmpty());

    QHash<QString, QJsonObject> acknowledged; // message id -> message
    connect(&alice, &TestClient::frameReceived, this, [&](const QJsonObject &frame) {
        const QJsonObject message = dataOf(frame).value("message"_L1).toObject();
        if (frame.value("ok"_L1).toBool() && !message.isEmpty())
            acknowledged.insert(message.value("id"_L1).toString(), message);
    });
    int sent = 0;
    QTimer sender;
    sender.callOnTimeout(this, [&] {
        alice.send(u"message.send"_s,
                   {{"chatId"_L1, chatId},
                    {"clientId"_L1, uniqueClientId()},
                    {"content"_L1, u"message %1"_s.arg(++sent)}});
    });
    sender.start(5);
    QTRY_VERIFY_WITH_TIMEOUT(acknowledged.size() >= 100, 60'000);

    // The backup runs while the sender keeps going.
    const QList<QString> beforeBackup = acknowledged.keys();
    const QString file = elsewhere.filePath(u"parley-backup.db"_s);
    QProcess backup;
    m_admin.start(backup, withDir({u"backup"_s, file}, dir));
    QTRY_VERIFY_WITH_TIMEOUT(backup.state() == QProcess::NotRunning, 60'000);
    const qsizetype duringBackup = acknowledged.size() - beforeBackup.size();
    sender.stop();
    const AdminResult backedUp = AdminProcess::resultOf(backup);
    QVERIFY2(backedUp.exitCode == 0, backedUp.describe());
    qInfo("%lld messages acknowledged before the backup, %lld while it ran",
          qint64(beforeBackup.size()), qint64(duringBackup));

    const AdminResult checked = m_admin.run({u"check"_s, file});
    QVERIFY2(checked.exitCode == 0 && checked.out.startsWith(u"ok"_s), checked.describe());
    const AdminResult liveCheck = m_admin.run(withDir({u"check"_s}, dir)); // the server still runs
    QVERIFY2(liveCheck.exitCode == 0, liveCheck.describe());
    const QSet<QString> inBackup = storedMessageIds(file);
    for (const QString &id : beforeBackup)
        QVERIFY2(inBackup.contains(id), qPrintable(u"message %1 is missing"_s.arg(id)));

    // A new machine: restore into an empty data directory and serve from it.
    QTemporaryDir restoredDir;
    const AdminResult restored = m_admin.run(withDir({u"restore"_s, file}, restoredDir));
    QVERIFY2(restored.exitCode == 0, restored.describe());
    ServerProcess restoredServer(restoredDir.path());
    QVERIFY(restoredServer.start());
    TestClient reader;
    QVERIFY(reader.open(restoredServer.url()));
    PARLEY_VERIFY_OK(reader.login(aliceAccount.email, aliceAccount.password));
    const QJsonArray history = fullHistory(reader, chatId);
    QHash<QString, QJsonObject> served;
    for (const auto &message : history)
        served.insert(message.toObject().value("id"_L1).toString(), message.toObject());
    for (const QString &id : beforeBackup) {
        QVERIFY2(served.contains(id), qPrintable(u"message %1 is not served"_s.arg(id)));
        QCOMPARE(served.value(id).value("content"_L1), acknowledged.value(id).value("content"_L1));
    }
}

void tst_AdminCommands::restoreWaitsForTheServerToStop()
{
    QTemporaryDir dir;
    const QString database = dir.filePath(u"parley.db"_s);
    ServerProcess server(dir.path());
    QVERIFY(server.start());
    TestClient client;
    QVERIFY(client.open(server.url()));
    const Account later = client.registerUser(u"Later"_s); // not in the seed backup
    QVERIFY(later.isValid());

    const AdminResult refused = m_admin.run(withDir({u"restore"_s, m_seedBackup}, dir));
    QVERIFY2(refused.exitCode == 1 && refused.err.contains(u"in use"_s), refused.describe());
    QVERIFY(!QFileInfo::exists(database + u".before-restore"_s));
    PARLEY_VERIFY_OK(client.request(u"server.info"_s)); // undisturbed

    QVERIFY(server.stop());
    const AdminResult restored = m_admin.run(withDir({u"restore"_s, m_seedBackup}, dir));
    QVERIFY2(restored.exitCode == 0, restored.describe());
    QVERIFY2(restored.out.contains(u"parley.db.before-restore"_s), restored.describe());

    // The restored database serves the seed's accounts; the one made since is in the kept copy.
    QVERIFY(server.start());
    TestClient after;
    QVERIFY(after.open(server.url()));
    PARLEY_VERIFY_ERROR(after.login(later.email, later.password), u"unauthenticated"_s);
    const AdminResult listed = m_admin.run(withDir({u"user"_s, u"list"_s}, dir));
    QVERIFY2(listed.out.contains(u"Alice"_s) && listed.out.contains(u"Bob"_s), listed.describe());
    QVERIFY(server.stop());
    const AdminResult kept =
        m_admin.run({u"user"_s, u"list"_s, u"--database"_s, database + u".before-restore"_s});
    QVERIFY2(kept.exitCode == 0 && kept.out.contains(later.email), kept.describe());
}

void tst_AdminCommands::restoreRefusesBadCopies_data()
{
    QTest::addColumn<QString>("copy");
    QTest::addColumn<QString>("message");

    QTest::newRow("missing file") << u"absent.db"_s << u"does not exist"_s;
    QTest::newRow("text file") << u"notes.txt"_s << u"not a database"_s;
    QTest::newRow("another program's database") << u"other.db"_s << u"not a Parley database"_s;
    QTest::newRow("damaged copy") << u"damaged.db"_s << u"cannot be restored"_s;
}

void tst_AdminCommands::restoreRefusesBadCopies()
{
    QFETCH(QString, copy);
    QFETCH(QString, message);
    QTemporaryDir dir;
    QVERIFY(QFile::copy(m_seedBackup, dir.filePath(u"parley.db"_s)));
    QVERIFY(writeFile(dir.filePath(u"notes.txt"_s), "shopping list\n"));
    {
        QSqlDatabase other = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"other"_s);
        other.setDatabaseName(dir.filePath(u"other.db"_s));
        QVERIFY(other.open());
        QSqlQuery(other).exec(u"CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)"_s);
    }
    QSqlDatabase::removeDatabase(u"other"_s);
    QFile damaged(m_seedBackup);
    QVERIFY(damaged.open(QIODevice::ReadOnly));
    QByteArray bytes = damaged.readAll();
    bytes.replace(bytes.size() / 2, DamageBytes, QByteArray(DamageBytes, '\xA5'));
    QVERIFY(writeFile(dir.filePath(u"damaged.db"_s), bytes));

    const AdminResult refused = m_admin.run(withDir({u"restore"_s, dir.filePath(copy)}, dir));
    QVERIFY2(refused.exitCode == 1 && refused.err.contains(message), refused.describe());
    const AdminResult intact = m_admin.run(withDir({u"check"_s}, dir));
    QVERIFY2(intact.exitCode == 0, intact.describe());
    QVERIFY(!QFileInfo::exists(dir.filePath(u"parley.db.before-restore"_s)));
}

void tst_AdminCommands::checkReportsDamage_data()
{
    QTest::addColumn<QString>("damage"); // what is done to a copy of a sound database
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");

    QTest::newRow("none") << u"none"_s << 0 << QString();
    QTest::newRow("bytes overwritten in the middle") << u"overwrite"_s << 1 << u"problem"_s;
    QTest::newRow("truncated to half") << u"truncate"_s << 1 << u"problem"_s;
    QTest::newRow("not a database") << u"text"_s << 1 << u"not a database"_s;
    QTest::newRow("missing") << u"remove"_s << 1 << u"does not exist"_s;
}

void tst_AdminCommands::checkReportsDamage()
{
    QFETCH(QString, damage);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    QTemporaryDir dir;
    const QString path = dir.filePath(u"copy.db"_s);
    QVERIFY(QFile::copy(m_seedBackup, path));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadWrite));
    const qint64 size = file.size();
    if (damage == "overwrite"_L1) {
        QVERIFY(file.seek(size / 2));
        QCOMPARE(file.write(QByteArray(DamageBytes, '\xA5')), qint64(DamageBytes));
    } else if (damage == "truncate"_L1) {
        QVERIFY(file.resize(size / 2));
    } else if (damage == "text"_L1) {
        QVERIFY(file.resize(0));
        QVERIFY(file.write("this is not a database\n") > 0);
    }
    file.close();
    if (damage == "remove"_L1)
        QVERIFY(QFile::remove(path));

    const AdminResult checked = m_admin.run({u"check"_s, path});
    QVERIFY2(checked.exitCode == exitCode, checked.describe());
    if (exitCode == 0)
        QVERIFY2(checked.out.contains(u"%1 messages"_s.arg(SeedMessages)), checked.describe());
    else
        QVERIFY2(checked.err.contains(message), checked.describe());
}

void tst_AdminCommands::registrationModes_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<bool>("registrationOpen");
    QTest::addColumn<QString>("refusal"); // null: a plain sign-up works

    QTest::newRow("open") << u"open"_s << true << QString();
    QTest::newRow("closed") << u"closed"_s << false << u"registration is closed on this server"_s;
    QTest::newRow("invite") << u"invite"_s << false << u"invite code is invalid or used up"_s;
}

void tst_AdminCommands::registrationModes()
{
    QFETCH(QString, mode);
    QFETCH(bool, registrationOpen);
    QFETCH(QString, refusal);
    QTemporaryDir dir;
    ServerProcess server(dir.path(), {u"--registration"_s, mode});
    QVERIFY(server.start());
    TestClient client;
    QVERIFY(client.open(server.url()));

    const QJsonObject info = client.request(u"server.info"_s);
    PARLEY_VERIFY_OK(info);
    QCOMPARE(dataOf(info).value("registrationOpen"_L1).toBool(), registrationOpen);
    QCOMPARE(dataOf(info).value("registration"_L1).toString(), mode);

    const QJsonObject response =
        client.request(u"auth.register"_s, registration(u"Ann"_s, u"ann@example.test"_s));
    if (refusal.isNull()) {
        PARLEY_VERIFY_OK(response);
        return;
    }
    PARLEY_VERIFY_ERROR(response, u"forbidden"_s);
    QCOMPARE(errorMessage(response), refusal);
}

void tst_AdminCommands::inviteCodesAdmitUpToTheirUses()
{
    QTemporaryDir dir;
    ServerProcess server(dir.path(), {u"--registration"_s, u"invite"_s});
    QVERIFY(server.start());
    const AdminResult invited = m_admin.run(withDir({u"invite"_s, u"--uses"_s, u"2"_s}, dir));
    QVERIFY2(invited.exitCode == 0, invited.describe());
    const QString code = invited.out.section(u'\n', 0, 0).trimmed();
    QVERIFY2(QRegularExpression(u"^([0-9A-Z]{4}-){4}[0-9A-Z]{4}$"_s).match(code).hasMatch(),
             invited.describe());

    TestClient client;
    QVERIFY(client.open(server.url()));
    const auto signUp = [&](const QString &email, const QJsonValue &invite) {
        QJsonObject data = registration(u"Ann"_s, email);
        if (!invite.isUndefined())
            data.insert("invite"_L1, invite);
        return client.request(u"auth.register"_s, data);
    };
    PARLEY_VERIFY_ERROR(signUp(u"a@example.test"_s, QJsonValue::Undefined), u"forbidden"_s);
    PARLEY_VERIFY_ERROR(signUp(u"a@example.test"_s, u"0000-0000-0000-0000-0000"_s), u"forbidden"_s);
    PARLEY_VERIFY_ERROR(signUp(u"a@example.test"_s, u"not a code"_s), u"forbidden"_s);

    PARLEY_VERIFY_OK(signUp(u"first@example.test"_s, code));
    // As someone might type it: lower case, no dashes.
    PARLEY_VERIFY_OK(signUp(u"second@example.test"_s, code.toLower().remove(u'-')));
    const QJsonObject third = signUp(u"third@example.test"_s, code);
    PARLEY_VERIFY_ERROR(third, u"forbidden"_s);
    QCOMPARE(errorMessage(third), u"invite code is invalid or used up"_s);

    const AdminResult listed = m_admin.run(withDir({u"user"_s, u"list"_s}, dir));
    QVERIFY2(listed.out.contains(u"second@example.test"_s)
                 && !listed.out.contains(u"third@example.test"_s),
             listed.describe());
    const AdminResult badUses = m_admin.run(withDir({u"invite"_s, u"--uses"_s, u"none"_s}, dir));
    QVERIFY2(badUses.exitCode == 2 && badUses.err.contains(u"--uses"_s), badUses.describe());
}

void tst_AdminCommands::jsonLogsAreJsonWithoutSecrets()
{
    QTemporaryDir dir;
    ServerProcess server(dir.path(), {u"--log-format"_s, u"json"_s});
    QVERIFY(server.start());
    TestClient alice;
    TestClient bob;
    QVERIFY(alice.open(server.url()) && bob.open(server.url()));
    const Account account = alice.registerUser(u"Alice"_s);
    QVERIFY(account.isValid());
    QVERIFY(bob.registerUser(u"Bob"_s).isValid());
    const QString chatId = alice.directChat(bob.userId());
    const QString content = u"the launch code is hunter2"_s;
    QVERIFY(!alice.sendMessage(chatId, content).isEmpty());
    const QJsonObject refreshed =
        alice.request(u"auth.refresh"_s, {{"refreshToken"_L1, account.refreshToken}});
    PARLEY_VERIFY_OK(refreshed);
    // A reused refresh token is logged as a warning: the line must still not carry the token.
    PARLEY_VERIFY_ERROR(bob.request(u"auth.refresh"_s, {{"refreshToken"_L1, account.refreshToken}}),
                        u"unauthenticated"_s);
    const QString wrongPassword = u"wrong password 12345"_s;
    PARLEY_VERIFY_ERROR(bob.login(account.email, wrongPassword), u"unauthenticated"_s);
    const AdminResult disabled =
        m_admin.run(withDir({u"user"_s, u"disable"_s, account.email}, dir));
    QVERIFY2(disabled.exitCode == 0, disabled.describe());
    QVERIFY(server.stop());

    const QList<QByteArray> lines = server.standardError().split('\n');
    int parsed = 0;
    bool sawListening = false;
    for (const QByteArray &line : lines) {
        if (line.isEmpty())
            continue;
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(line, &error);
        QVERIFY2(error.error == QJsonParseError::NoError && document.isObject(), line.constData());
        const QJsonObject object = document.object();
        QStringList keys = object.keys();
        keys.sort();
        QCOMPARE(keys, (QStringList{u"category"_s, u"level"_s, u"message"_s, u"time"_s}));
        for (const QString &key : keys)
            QVERIFY2(object.value(key).isString(), line.constData());
        QVERIFY2(
            QDateTime::fromString(object.value("time"_L1).toString(), Qt::ISODateWithMs).isValid(),
            line.constData());
        sawListening |= object.value("message"_L1).toString().startsWith(u"listening on"_s);
        ++parsed;
    }
    QVERIFY(sawListening);
    QVERIFY(parsed >= 3);

    const QString log = QString::fromUtf8(server.standardError());
    const QStringList secrets{account.password,
                              wrongPassword,
                              content,
                              account.accessToken,
                              account.refreshToken,
                              dataOf(refreshed).value("accessToken"_L1).toString(),
                              dataOf(refreshed).value("refreshToken"_L1).toString()};
    for (const QString &secret : secrets) {
        QVERIFY(!secret.isEmpty());
        QVERIFY2(!log.contains(secret), qPrintable(u"the log shows '%1'"_s.arg(secret)));
    }
}

QTEST_GUILESS_MAIN(tst_AdminCommands)
#include "tst_admincommands.moc"
