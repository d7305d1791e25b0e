// SPDX-License-Identifier: GPL-3.0-or-later
// The storage and building blocks under the admin commands: account listing and disabling,
// revoked sessions, invite codes and their spending, and the JSON log line.
#include "auth/invitecodes.h"
#include "logging/logoutput.h"
#include "storage/sqlitestore.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace parley;
using namespace parley::server;

namespace {

QDateTime at(qint64 seconds)
{
    static const qint64 origin =
        QDateTime(QDate(2026, 11, 28), QTime(9, 0), Qt::UTC).toMSecsSinceEpoch();
    return QDateTime::fromMSecsSinceEpoch(origin + seconds * 1000, Qt::UTC);
}

Store::NewUser newUser(const QString &name)
{
    return {name, name.toLower() + u"@example.org"_s, "hash of " + name.toUtf8(), QString()};
}

} // namespace

class tst_AdminStore : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void accountsListEveryUserOldestFirst();
    void disabledAccountsShowInCredentials();
    void revokedSessionsAreFoundByTime();
    void inviteIsSpentWithTheAccount();
    void inviteWithATakenEmailKeepsItsUse();
    void expiredInviteAdmitsNobody();
    void newStatementsSearchInsteadOfScanning();

    void inviteCodesLookRight();
    void inviteCodesAreReadForgivingly_data();
    void inviteCodesAreReadForgivingly();

    void jsonLogLine_data();
    void jsonLogLine();

private:
    QString path() const { return m_dir->filePath(u"parley.db"_s); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SqliteStore> m_store;
};

void tst_AdminStore::init()
{
    QStandardPaths::setTestModeEnabled(true);
    m_dir = std::make_unique<QTemporaryDir>();
    m_store = std::make_unique<SqliteStore>(path());
    QString error;
    QVERIFY2(m_store->open(&error), qPrintable(error));
}

void tst_AdminStore::cleanup()
{
    m_store.reset();
    m_dir.reset();
}

void tst_AdminStore::accountsListEveryUserOldestFirst()
{
    const auto ada = m_store->createUser(newUser(u"Ada"_s), at(0));
    const auto bob = m_store->createUser(newUser(u"Bob"_s), at(5));
    QVERIFY(ada && bob);
    QVERIFY(m_store->setUserDisabled(bob->id, true));

    const QList<Store::Account> accounts = m_store->accounts();
    QCOMPARE(accounts.size(), 2);
    QCOMPARE(accounts.at(0).id, ada->id);
    QCOMPARE(accounts.at(0).name, u"Ada"_s);
    QCOMPARE(accounts.at(0).email, u"ada@example.org"_s);
    QCOMPARE(accounts.at(0).disabled, false);
    QCOMPARE(accounts.at(0).createdAt, at(0));
    QCOMPARE(accounts.at(1).id, bob->id);
    QCOMPARE(accounts.at(1).disabled, true);
    QVERIFY(!m_store->takeFailure());
}

void tst_AdminStore::disabledAccountsShowInCredentials()
{
    const auto ada = m_store->createUser(newUser(u"Ada"_s), at(0));
    QVERIFY(ada);
    QVERIFY(m_store->setUserDisabled(ada->id, true));
    QVERIFY(m_store->credentialsByEmail(u"ADA@example.org"_s)->disabled);
    QVERIFY(m_store->setUserDisabled(ada->id, false));
    QVERIFY(!m_store->credentialsById(ada->id)->disabled);
    QVERIFY(!m_store->setUserDisabled(u"999"_s, true)); // nobody
    QVERIFY(!m_store->setUserDisabled(u"not an id"_s, true));
}

void tst_AdminStore::revokedSessionsAreFoundByTime()
{
    const auto ada = m_store->createUser(newUser(u"Ada"_s), at(0));
    QVERIFY(ada);
    const QString kept = m_store->createSession(ada->id, "r1", u"laptop"_s, at(0), at(100));
    const QString early = m_store->createSession(ada->id, "r2", u"phone"_s, at(0), at(100));
    m_store->revokeSession(early);
    // Revocations are stamped with the clock in milliseconds: let it move past this one.
    const QDateTime revokedEarly = QDateTime::currentDateTimeUtc();
    QTRY_VERIFY(QDateTime::currentDateTimeUtc() > revokedEarly);
    const QDateTime since = QDateTime::currentDateTimeUtc();
    QCOMPARE(m_store->sessionsRevokedSince(since), QStringList());

    const QStringList ended = m_store->revokeSessions(ada->id, QString());
    QCOMPARE(ended, QStringList{kept});
    QCOMPARE(m_store->sessionsRevokedSince(since), QStringList{kept});
    QCOMPARE(QSet<QString>(ended.cbegin(), ended.cend()).size(), 1);
    const QStringList everything = m_store->sessionsRevokedSince(since.addSecs(-3600));
    QCOMPARE(QSet<QString>(everything.cbegin(), everything.cend()), (QSet<QString>{kept, early}));
}

void tst_AdminStore::inviteIsSpentWithTheAccount()
{
    const QByteArray code = InviteCodes::hash(InviteCodes::generate());
    QVERIFY(m_store->createInvite(code, 2, at(3600), at(0)));
    QVERIFY(!m_store->createInvite(code, 1, at(3600), at(0))); // the same code twice: no
    QVERIFY(m_store->takeFailure()); // the unique key refused it
    QVERIFY(m_store->inviteUsable(code, at(1)));

    QVERIFY(m_store->createInvitedUser(newUser(u"Ada"_s), code, at(1)));
    QVERIFY(m_store->inviteUsable(code, at(2)));
    const auto bob = m_store->createInvitedUser(newUser(u"Bob"_s), code, at(2));
    QVERIFY(bob);
    QCOMPARE(m_store->user(bob->id)->name, u"Bob"_s);
    QVERIFY(!m_store->inviteUsable(code, at(3)));
    QVERIFY(!m_store->createInvitedUser(newUser(u"Cy"_s), code, at(3)));
    QVERIFY(!m_store->credentialsByEmail(u"cy@example.org"_s));
    QVERIFY(!m_store->createInvitedUser(newUser(u"Dee"_s),
                                        InviteCodes::hash(InviteCodes::generate()), at(3)));
    QVERIFY(!m_store->takeFailure());
}

void tst_AdminStore::inviteWithATakenEmailKeepsItsUse()
{
    const QByteArray code = InviteCodes::hash(InviteCodes::generate());
    QVERIFY(m_store->createInvite(code, 1, at(3600), at(0)));
    QVERIFY(m_store->createUser(newUser(u"Ada"_s), at(0)));
    QVERIFY(!m_store->createInvitedUser(newUser(u"Ada"_s), code, at(1)));
    QVERIFY(m_store->inviteUsable(code, at(2))); // the failed sign-up gave its use back
    QVERIFY(m_store->createInvitedUser(newUser(u"Bob"_s), code, at(2)));
}

void tst_AdminStore::expiredInviteAdmitsNobody()
{
    const QByteArray code = InviteCodes::hash(InviteCodes::generate());
    QVERIFY(m_store->createInvite(code, 5, at(60), at(0)));
    QVERIFY(m_store->inviteUsable(code, at(59)));
    QVERIFY(!m_store->inviteUsable(code, at(60)));
    QVERIFY(!m_store->createInvitedUser(newUser(u"Ada"_s), code, at(61)));
}

void tst_AdminStore::newStatementsSearchInsteadOfScanning()
{
    const auto ada = m_store->createUser(newUser(u"Ada"_s), at(0));
    QVERIFY(ada);
    const QByteArray code = InviteCodes::hash(InviteCodes::generate());
    m_store->createInvite(code, 1, at(60), at(0));
    m_store->inviteUsable(code, at(1));
    m_store->createInvitedUser(newUser(u"Bob"_s), code, at(1));
    m_store->setUserDisabled(ada->id, true);
    m_store->sessionsRevokedSince(at(0));
    m_store->accounts();

    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"plans"_s);
    db.setDatabaseName(path());
    QVERIFY(db.open());
    const QStringList ours{u"FROM invites"_s, u"UPDATE invites"_s, u"revoked_at >= ?"_s,
                           u"UPDATE users SET disabled"_s};
    int checked = 0;
    for (const QString &sql : m_store->preparedStatements()) {
        if (std::none_of(ours.cbegin(), ours.cend(),
                         [&](const QString &f) { return sql.contains(f); }))
            continue;
        QSqlQuery explain(db);
        QVERIFY(explain.prepare(u"EXPLAIN QUERY PLAN "_s + sql));
        for (qsizetype i = 0; i < sql.count(u'?'); ++i)
            explain.addBindValue(1);
        QVERIFY(explain.exec());
        while (explain.next()) {
            const QString step = explain.value(3).toString();
            QVERIFY2(!step.startsWith(u"SCAN"_s), qPrintable(sql + u": "_s + step));
        }
        ++checked;
    }
    QCOMPARE(checked, 4);
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(u"plans"_s);
}

void tst_AdminStore::inviteCodesLookRight()
{
    const QString code = InviteCodes::generate();
    QVERIFY2(QRegularExpression(u"^([0-9A-HJKMNP-TV-Z]{4}-){4}[0-9A-HJKMNP-TV-Z]{4}$"_s)
                 .match(code)
                 .hasMatch(),
             qPrintable(code));
    QVERIFY(InviteCodes::generate() != code);
    QCOMPARE(InviteCodes::hash(code).size(), 32);
}

void tst_AdminStore::inviteCodesAreReadForgivingly_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("canonical"); // empty: not a code

    const QString code = u"7KQ2-M9XA-4PZR-H3JD-W8NC"_s;
    const QString canonical = u"7KQ2M9XA4PZRH3JDW8NC"_s;
    QTest::newRow("as printed") << code << canonical;
    QTest::newRow("lower case") << code.toLower() << canonical;
    QTest::newRow("without dashes") << canonical << canonical;
    QTest::newRow("spaces around and between") << u" 7KQ2 M9XA 4PZR H3JD W8NC "_s << canonical;
    QTest::newRow("O read as zero, I and L as one")
        << u"OOOO-IIII-LLLL-0000-1111"_s << u"00001111111100001111"_s;
    QTest::newRow("too short") << u"7KQ2-M9XA-4PZR-H3JD"_s << QString();
    QTest::newRow("too long") << code + u"-A"_s << QString();
    QTest::newRow("letter U is not in the alphabet") << u"UUUU-M9XA-4PZR-H3JD-W8NC"_s << QString();
    QTest::newRow("empty") << QString() << QString();
}

void tst_AdminStore::inviteCodesAreReadForgivingly()
{
    QFETCH(QString, typed);
    QFETCH(QString, canonical);
    QCOMPARE(InviteCodes::normalized(typed), canonical);
    QCOMPARE(InviteCodes::hash(typed).isEmpty(), canonical.isEmpty());
    if (!canonical.isEmpty())
        QCOMPARE(InviteCodes::hash(typed), InviteCodes::hash(canonical));
}

void tst_AdminStore::jsonLogLine_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<QString>("level");

    QTest::newRow("debug") << int(QtDebugMsg) << u"debug"_s;
    QTest::newRow("info") << int(QtInfoMsg) << u"info"_s;
    QTest::newRow("warning") << int(QtWarningMsg) << u"warning"_s;
    QTest::newRow("critical") << int(QtCriticalMsg) << u"error"_s;
}

void tst_AdminStore::jsonLogLine()
{
    QFETCH(int, type);
    QFETCH(QString, level);
    const QString message = u"two\nlines with \"quotes\" and ü"_s;
    const QByteArray line =
        LogOutput::jsonLine(QtMsgType(type), "parley.test", message, at(0).addMSecs(7));
    QVERIFY2(!line.contains('\n'), line.constData()); // one record, one line
    const QJsonObject object = QJsonDocument::fromJson(line).object();
    QCOMPARE(object.value("level"_L1).toString(), level);
    QCOMPARE(object.value("category"_L1).toString(), u"parley.test"_s);
    QCOMPARE(object.value("message"_L1).toString(), message);
    QCOMPARE(object.value("time"_L1).toString(), u"2026-11-28T09:00:00.007Z"_s);
    QCOMPARE(object.size(), 4);
}

QTEST_GUILESS_MAIN(tst_AdminStore)
#include "tst_adminstore.moc"
