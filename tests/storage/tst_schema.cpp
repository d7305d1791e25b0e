// SPDX-License-Identifier: GPL-3.0-or-later
// The schema's history: migrations applied one by one end where schema.sql starts, and they keep
// the data of older databases.

#include "storage/sqlitedatabase.h"
#include "storage/sqliteschema.h"
#include "storage/sqlitestore.h"
#include "storage/sqlscript.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace parley::server;

class TestSchema : public QObject
{
    Q_OBJECT

private slots:
    void init();

    void migrationsStepByStepEqualFreshSchema();
    void everyStepSetsItsVersion_data();
    void everyStepSetsItsVersion();
    void migrationKeepsData();
    void newerDatabaseIsRefused();
    void foreignDatabaseIsRefused();
    void connectionSettings();
    void scriptSplitting_data();
    void scriptSplitting();

private:
    QString newPath() { return m_dir->filePath(u"db%1.sqlite"_s.arg(++m_files)); }

    std::unique_ptr<QTemporaryDir> m_dir;
    int m_files = 0;
};

namespace {

// A plain connection for looking at a database file from the outside.
class Connection
{
public:
    explicit Connection(const QString &path)
        : m_name(u"schema-test-%1"_s.arg(++s_count))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_name);
        db.setDatabaseName(path);
        if (!db.open())
            qFatal("cannot open %s", qPrintable(path));
    }
    ~Connection() { QSqlDatabase::removeDatabase(m_name); }

    QSqlDatabase db() const { return QSqlDatabase::database(m_name); }

    QStringList rows(const QString &sql) const
    {
        QSqlQuery query(db());
        if (!query.exec(sql))
            qFatal("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
        QStringList rows;
        while (query.next()) {
            QStringList columns;
            for (int i = 0; i < query.record().count(); ++i)
                columns.append(query.value(i).toString());
            rows.append(columns.join(u" | "));
        }
        return rows;
    }

private:
    static inline int s_count = 0;
    QString m_name;
};

// SQL text as SQLite keeps it, with the differences that do not matter smoothed out: comments,
// line breaks and spacing (ALTER TABLE ADD COLUMN splices ", column" in before the final ")").
QString normalizedSql(const QString &sql)
{
    QString text = sql;
    text.remove(QRegularExpression(u"--[^\n]*"_s));
    text = text.simplified();
    text.replace(QRegularExpression(u"\\s*([(),])\\s*"_s), u"\\1"_s);
    return text;
}

// Everything that defines the schema: sqlite_master entries, each table's columns and indexes.
QStringList schemaOf(const Connection &connection)
{
    QStringList schema;
    QSqlQuery master(connection.db());
    master.exec(u"SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"_s);
    QStringList tables;
    while (master.next()) {
        schema.append(QStringList{master.value(0).toString(), master.value(1).toString(),
                                  master.value(2).toString(),
                                  normalizedSql(master.value(3).toString())}
                          .join(u" | "));
        if (master.value(0).toString() == "table"_L1)
            tables.append(master.value(1).toString());
    }
    for (const QString &table : std::as_const(tables)) {
        // The names come from sqlite_master, not from input: PRAGMA takes no bound parameters.
        for (const QString &column : connection.rows(u"PRAGMA table_xinfo(%1)"_s.arg(table)))
            schema.append(table + u" column " + column);
        for (const QString &index : connection.rows(u"PRAGMA index_list(%1)"_s.arg(table)))
            schema.append(table + u" index " + index);
        for (const QString &key : connection.rows(u"PRAGMA foreign_key_list(%1)"_s.arg(table)))
            schema.append(table + u" foreign key " + key);
    }
    return schema;
}

} // namespace

void TestSchema::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestSchema::migrationsStepByStepEqualFreshSchema()
{
    QVERIFY2(SqliteSchema::latestVersion() >= 3, "the test needs migrations to step through");
    const QString migratedPath = newPath();
    const QString freshPath = newPath();
    {
        Connection migrated(migratedPath);
        QSqlDatabase db = migrated.db();
        QString error;
        QVERIFY2(SqliteSchema::migrate(db, SqliteSchema::latestVersion(), &error),
                 qPrintable(error));
        Connection fresh(freshPath);
        QSqlDatabase freshDb = fresh.db();
        QVERIFY2(SqliteSchema::createFresh(freshDb, &error), qPrintable(error));

        QCOMPARE(SqliteSchema::version(db), SqliteSchema::latestVersion());
        QCOMPARE(SqliteSchema::version(freshDb), SqliteSchema::latestVersion());
        const QStringList expected = schemaOf(fresh);
        QVERIFY(expected.size() > 20);
        QCOMPARE(schemaOf(migrated), expected);
        QCOMPARE(migrated.rows(u"SELECT id, value FROM revision"_s),
                 fresh.rows(u"SELECT id, value FROM revision"_s));
    }
    // And a store opens either without changing it.
    SqliteStore store(migratedPath);
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    QCOMPARE(store.schemaVersion(), SqliteSchema::latestVersion());
}

void TestSchema::everyStepSetsItsVersion_data()
{
    QTest::addColumn<int>("version");
    for (int version = 1; version <= SqliteSchema::latestVersion(); ++version)
        QTest::addRow("to version %d", version) << version;
}

void TestSchema::everyStepSetsItsVersion()
{
    QFETCH(int, version);
    Connection connection(newPath());
    QSqlDatabase db = connection.db();
    QString error;
    QVERIFY2(SqliteSchema::migrate(db, version, &error), qPrintable(error));
    QCOMPARE(SqliteSchema::version(db), version);
    // Going on from there reaches the same end.
    QVERIFY2(SqliteSchema::migrate(db, SqliteSchema::latestVersion(), &error), qPrintable(error));
    QCOMPARE(SqliteSchema::version(db), SqliteSchema::latestVersion());
}

void TestSchema::migrationKeepsData()
{
    const QString path = newPath();
    {
        Connection old(path);
        QSqlDatabase db = old.db();
        QString error;
        QVERIFY2(SqliteSchema::migrate(db, 1, &error), qPrintable(error));
        // A user as version 1 wrote it, before accounts could be disabled.
        QSqlQuery insert(db);
        QVERIFY(insert.prepare(u"INSERT INTO users (name, name_key, email, email_key, "
                               u"password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)"_s));
        for (const QVariant &value :
             {QVariant(u"Ada"_s), QVariant(u"ada"_s), QVariant(u"Ada@Example.org"_s),
              QVariant(u"ada@example.org"_s), QVariant(QByteArray("old-hash")),
              QVariant(qint64(1'700'000'000'000))})
            insert.addBindValue(value);
        QVERIFY2(insert.exec(), qPrintable(insert.lastError().text()));
    }
    SqliteStore store(path);
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    QCOMPARE(store.schemaVersion(), SqliteSchema::latestVersion());
    const auto credentials = store.credentialsByEmail(u"ADA@example.org"_s);
    QVERIFY(credentials);
    QCOMPARE(credentials->passwordHash, QByteArray("old-hash"));
    QCOMPARE(credentials->disabled, false);
    QCOMPARE(store.user(credentials->userId)->name, u"Ada"_s);

    // The upgrade left a copy of the version-1 database beside the file, with Ada in it.
    const QString copy = path + u".before-schema-1"_s;
    QVERIFY2(QFileInfo::exists(copy), qPrintable(copy));
    Connection before(copy);
    QCOMPARE(before.rows(u"PRAGMA user_version"_s), QStringList{u"1"_s});
    QCOMPARE(before.rows(u"SELECT name FROM users"_s), QStringList{u"Ada"_s});
}

void TestSchema::newerDatabaseIsRefused()
{
    const QString path = newPath();
    {
        Connection connection(path);
        connection.rows(u"PRAGMA user_version = %1"_s.arg(SqliteSchema::latestVersion() + 1));
    }
    SqliteStore store(path);
    QString error;
    QVERIFY(!store.open(&error));
    QVERIFY2(error.contains(u"newer"_s), qPrintable(error));
}

void TestSchema::foreignDatabaseIsRefused()
{
    const QString path = newPath();
    {
        Connection connection(path);
        connection.rows(u"CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)"_s);
    }
    SqliteStore store(path);
    QString error;
    QVERIFY(!store.open(&error));
    QVERIFY(!error.isEmpty());
    Connection after(path);
    QCOMPARE(after.rows(u"SELECT name FROM sqlite_master"_s), QStringList{u"notes"_s});
}

void TestSchema::connectionSettings()
{
    const QString path = m_dir->filePath(u"sub/dir/parley.db"_s); // directories are made
    SqliteDatabase db;
    QString error;
    QVERIFY2(db.open(path, &error), qPrintable(error));
    QSqlQuery query(db.connection());
    const auto pragma = [&query](const QString &name) {
        if (!query.exec(u"PRAGMA "_s + name) || !query.next())
            return QString();
        return query.value(0).toString();
    };
    QCOMPARE(pragma(u"journal_mode"_s), u"wal"_s);
    QCOMPARE(pragma(u"synchronous"_s), u"2"_s); // FULL: a commit survives a killed process
    QCOMPARE(pragma(u"foreign_keys"_s), u"1"_s);
    QVERIFY(pragma(u"busy_timeout"_s).toInt() >= 1000);
}

void TestSchema::scriptSplitting_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<QStringList>("statements");
    QTest::newRow("two statements")
        << u"CREATE TABLE a (x);\nCREATE TABLE b (y);"_s
        << QStringList{u"CREATE TABLE a (x)"_s, u"CREATE TABLE b (y)"_s};
    QTest::newRow("comments dropped")
        << u"-- header; with a semicolon\nSELECT 1; -- trailing\n-- end"_s
        << QStringList{u"SELECT 1"_s};
    QTest::newRow("semicolon and dashes in quotes")
        << u"INSERT INTO t VALUES ('a;b', 'it''s -- fine');"_s
        << QStringList{u"INSERT INTO t VALUES ('a;b', 'it''s -- fine')"_s};
    QTest::newRow("no final semicolon") << u"SELECT 1"_s << QStringList{u"SELECT 1"_s};
    QTest::newRow("empty") << u"  \n-- nothing\n;;"_s << QStringList{};
}

void TestSchema::scriptSplitting()
{
    QFETCH(QString, script);
    QFETCH(QStringList, statements);
    QCOMPARE(sqlStatements(script), statements);
}

QTEST_GUILESS_MAIN(TestSchema)
#include "tst_schema.moc"
