// SPDX-License-Identifier: GPL-3.0-or-later
// A database from before emails were compared under NFKC case folding may hold accounts whose
// emails only look different. The real parley-server still starts on it and changes none of them,
// each signs in with its own email, and `parley-server check` names them as a problem.
#include "../storage/olddatabase.h"
#include "adminprocess.h"
#include "auth/passwordhasher.h"
#include "protocolcheck.h"
#include "serverprocess.h"
#include "testclient.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace parley::test;
using parley::server::PasswordHasher;
using parley::server::testkit::AllAccountColumns;
using parley::server::testkit::OldAccount;
using parley::server::testkit::rowsOf;
using parley::server::testkit::writeOldDatabase;

namespace {

constexpr auto Password = "correct horse battery"_L1;
constexpr int VersionBefore = 4; // the last schema without the folded email key

QStringList withDir(QStringList command, const QTemporaryDir &dir)
{
    return command << u"--data-dir"_s << dir.path();
}

} // namespace

class tst_CheckEmailCollisions : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void collidingAccountsAreKeptAndReported();
    void databaseWithoutCollisionsChecksOk();

private:
    QString m_binary = QString::fromUtf8(PARLEY_SERVER_BINARY);
    AdminProcess m_admin{m_binary};
    QByteArray m_hash;
};

void tst_CheckEmailCollisions::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_hash = PasswordHasher::hashBlocking(Password);
    QVERIFY(!m_hash.isEmpty());
}

void tst_CheckEmailCollisions::collidingAccountsAreKeptAndReported()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"parley.db"_s);
    QVERIFY(writeOldDatabase(path, VersionBefore,
                             {{u"Alice"_s, u"alice@example.test"_s, m_hash},
                              {u"Fullwidth Alice"_s, u"ａｌｉｃｅ@example.test"_s, m_hash},
                              {u"Bob"_s, u"bob@example.test"_s, m_hash},
                              {u"Shouting Alice"_s, u"ALICE@ｅｘａｍｐｌｅ.test"_s, m_hash}}));
    const QStringList before = rowsOf(path, AllAccountColumns);

    {
        ServerProcess server(dir.path());
        QVERIFY2(server.start(), server.log().constData());
        const auto signedInAs = [&server](const QString &email) {
            TestClient client;
            if (!client.open(server.url()))
                return u"no connection"_s;
            const QJsonObject response = client.login(email, Password);
            return isOk(response)
                ? dataOf(response).value("user"_L1).toObject().value("id"_L1).toString()
                : QString::fromUtf8(describe(response));
        };
        QCOMPARE(signedInAs(u"alice@example.test"_s), u"1"_s);
        QCOMPARE(signedInAs(u"ａｌｉｃｅ@example.test"_s), u"2"_s); // by its exact email
        QCOMPARE(signedInAs(u"ALICE@ｅｘａｍｐｌｅ.test"_s), u"4"_s);
        QCOMPARE(signedInAs(u"aｌｉce@EXAMPLE.TEST"_s), u"1"_s); // a new form: the oldest
        QVERIFY(server.stop());
    }
    QCOMPARE(rowsOf(path, AllAccountColumns), before);

    const AdminResult checked = m_admin.run(withDir({u"check"_s}, dir));
    QCOMPARE(checked.exitCode, 1);
    QVERIFY2(checked.err.contains(u"problem"_s), checked.describe());
    for (const QString &account : {u"1 <alice@example.test>"_s, u"2 <ａｌｉｃｅ@example.test>"_s,
                                   u"4 <ALICE@ｅｘａｍｐｌｅ.test>"_s})
        QVERIFY2(checked.err.contains(account), checked.describe());
    QVERIFY2(!checked.err.contains(u"bob@example.test"_s), checked.describe());
    // Checking a copy of the file by name says the same.
    const AdminResult byName = m_admin.run({u"check"_s, path});
    QCOMPARE(byName.exitCode, 1);
    QVERIFY2(byName.err.contains(u"2 <ａｌｉｃｅ@example.test>"_s), byName.describe());
}

void tst_CheckEmailCollisions::databaseWithoutCollisionsChecksOk()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"parley.db"_s);
    QVERIFY(writeOldDatabase(path, VersionBefore,
                             {{u"Alice"_s, u"alice@example.test"_s, m_hash},
                              {u"Finn"_s, u"ﬁnn@ｅｘａｍｐｌｅ.test"_s, m_hash}}));
    {
        ServerProcess server(dir.path());
        QVERIFY2(server.start(), server.log().constData());
        TestClient client;
        QVERIFY(client.open(server.url()));
        PARLEY_VERIFY_OK(client.login(u"finn@example.test"_s, Password));
        QVERIFY(server.stop());
    }
    const AdminResult checked = m_admin.run(withDir({u"check"_s}, dir));
    QVERIFY2(checked.exitCode == 0 && checked.out.startsWith(u"ok"_s), checked.describe());
}

QTEST_GUILESS_MAIN(tst_CheckEmailCollisions)
#include "tst_checkemailcollisions.moc"
