// SPDX-License-Identifier: GPL-3.0-or-later
// Schema version 5 keys accounts by their email under NFKC case folding. On a database from
// before it, the key is filled in id order; an account whose folded email an older one already
// holds keeps a NULL key and is otherwise left exactly as it was.
#include "olddatabase.h"
#include "storage/sqliteschema.h"
#include "storage/sqlitestore.h"
#include "validation.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace parley;
using namespace parley::server;
using namespace parley::server::testkit;

class tst_EmailKeyMigration : public QObject
{
    Q_OBJECT

private slots:
    void init();

    void nonCollidingDatabaseGetsItsKeysFilled();
    void collidingAccountsSurviveUnchanged();
    void collidingAccountsSignInByTheirExactEmail();
    void lookAlikeOfAMigratedAccountIsRefused();

private:
    QString path() const { return m_dir->filePath(u"parley.db"_s); }

    std::unique_ptr<QTemporaryDir> m_dir;
};

namespace {

const QList<OldAccount> Colliding = {
    {u"Alice"_s, u"alice@example.test"_s, {}},
    {u"Fullwidth Alice"_s, u"ａｌｉｃｅ@example.test"_s, {}},
    {u"Shouting Alice"_s, u"ALICE@ｅｘａｍｐｌｅ.test"_s, {}},
    {u"Bob"_s, u"Bob@Example.test"_s, {}},
};

} // namespace

void tst_EmailKeyMigration::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void tst_EmailKeyMigration::nonCollidingDatabaseGetsItsKeysFilled()
{
    const QList<OldAccount> accounts = {{u"Ada"_s, u"Ada@Example.org"_s, {}},
                                        {u"Finn"_s, u"ﬁnn@ｅｘａｍｐｌｅ.org"_s, {}},
                                        {u"Grace"_s, u"grace@example.org"_s, {}}};
    QVERIFY(writeOldDatabase(path(), 4, accounts));
    const QStringList before = rowsOf(path(), AllAccountColumns);
    {
        SqliteStore store(path());
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        QCOMPARE(store.schemaVersion(), SqliteSchema::latestVersion());
    }
    QCOMPARE(rowsOf(path(), AllAccountColumns), before);
    QCOMPARE(rowsOf(path(), u"SELECT email_fold FROM users ORDER BY id"_s),
             (QStringList{u"ada@example.org"_s, u"finn@example.org"_s, u"grace@example.org"_s}));
    QCOMPARE(normalizedEmail(u"ﬁnn@ｅｘａｍｐｌｅ.org"_s), u"finn@example.org"_s);
}

void tst_EmailKeyMigration::collidingAccountsSurviveUnchanged()
{
    QVERIFY(writeOldDatabase(path(), 4, Colliding));
    const QStringList before = rowsOf(path(), AllAccountColumns);
    QCOMPARE(before.size(), 4);
    {
        SqliteStore store(path());
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error)); // the server starts
        QCOMPARE(store.schemaVersion(), SqliteSchema::latestVersion());
        QCOMPARE(store.accounts().size(), 4);
    }
    QCOMPARE(rowsOf(path(), AllAccountColumns), before);
    // The oldest holder of a folded email gets the key; the later look-alikes are left without.
    QCOMPARE(rowsOf(path(), u"SELECT id, email_fold FROM users ORDER BY id"_s),
             (QStringList{u"1 | alice@example.test"_s, u"2 | NULL"_s, u"3 | NULL"_s,
                          u"4 | bob@example.test"_s}));
    // Opening again (a restarted server) changes nothing either.
    {
        SqliteStore store(path());
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
    }
    QCOMPARE(rowsOf(path(), AllAccountColumns), before);
}

void tst_EmailKeyMigration::collidingAccountsSignInByTheirExactEmail()
{
    QVERIFY(writeOldDatabase(path(), 4, Colliding));
    SqliteStore store(path());
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    const auto idFor = [&store](const QString &email) {
        const auto credentials = store.credentialsByEmail(email);
        return credentials ? credentials->userId : u"none"_s;
    };
    // Each account is still found by its own email, in any case.
    QCOMPARE(idFor(u"alice@example.test"_s), u"1"_s);
    QCOMPARE(idFor(u"ａｌｉｃｅ@example.test"_s), u"2"_s);
    QCOMPARE(idFor(u"ALICE@ｅｘａｍｐｌｅ.test"_s), u"3"_s);
    QCOMPARE(idFor(u"alice@ｅｘａｍｐｌｅ.test"_s), u"3"_s);
    QCOMPARE(idFor(u"bob@example.test"_s), u"4"_s);
    // Any other look-alike form finds the oldest account.
    QCOMPARE(idFor(u"aｌｉce@EXAMPLE.test"_s), u"1"_s);
    QCOMPARE(idFor(u"ｂｏｂ@example.test"_s), u"4"_s);
}

void tst_EmailKeyMigration::lookAlikeOfAMigratedAccountIsRefused()
{
    QVERIFY(writeOldDatabase(path(), 4, Colliding));
    SqliteStore store(path());
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    const auto create = [&store](const QString &email) {
        return store.createUser({u"Newcomer"_s, email, QByteArray("hash"), QString()},
                                QDateTime::currentDateTimeUtc());
    };
    QVERIFY(!create(u"Ａlice@example.test"_s));
    QVERIFY(!create(u"ｂｏｂ@ｅｘａｍｐｌｅ.test"_s));
    QCOMPARE(store.accounts().size(), 4);
    QVERIFY(create(u"carol@example.test"_s));
}

QTEST_GUILESS_MAIN(tst_EmailKeyMigration)
#include "tst_emailkeymigration.moc"
