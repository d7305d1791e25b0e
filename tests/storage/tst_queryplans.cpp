// SPDX-License-Identifier: GPL-3.0-or-later
// Every statement the store prepares is served by an index: after exercising every Store method,
// each statement's EXPLAIN QUERY PLAN is checked for full table scans, and the statements that
// lists and sync depend on for the index they need.

#include "storetestkit.h"

#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace parley;
using namespace parley::server;
using testkit::at;

class TestQueryPlans : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void keyStatementsUseTheirIndex_data();
    void keyStatementsUseTheirIndex();
    void noFullScans_data();
    void noFullScans();

private:
    void exerciseEveryMethod(SqliteStore &store);
    QStringList plan(const QString &sql);

    testkit::StoreFixture m_fixture;
    QStringList m_statements;
    QString m_connection = u"query-plans"_s;
};

void TestQueryPlans::initTestCase()
{
    SqliteStore &store = m_fixture.open();
    exerciseEveryMethod(store);
    m_statements = store.preparedStatements();

    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connection);
    db.setDatabaseName(m_fixture.path());
    QVERIFY(db.open());
}

void TestQueryPlans::cleanupTestCase()
{
    QSqlDatabase::database(m_connection).close();
    QSqlDatabase::removeDatabase(m_connection);
}

void TestQueryPlans::exerciseEveryMethod(SqliteStore &store)
{
    const User ada = m_fixture.addUser(u"Ada"_s);
    const User bob = m_fixture.addUser(u"Bob"_s);
    const User cy = m_fixture.addUser(u"Cy"_s);
    const User dee = m_fixture.addUser(u"Dee"_s);
    store.credentialsByEmail(ada.email);
    store.credentialsByEmail(u"ＡＤＡ@example.org"_s); // a look-alike: found by email_fold
    store.credentialsById(ada.id);
    store.user(ada.id);
    store.updateUser(ada.id, {u"Ada L"_s, u"data:image/png;base64,AA=="_s, QByteArray("h2")});
    store.searchUsers(u"a"_s, bob.id, 20);
    store.avatarDataUri(store.user(ada.id)->avatar);

    const QString session = store.createSession(ada.id, "r1", u"laptop"_s, at(0), at(100));
    store.rotateRefreshToken("r1", "r2", at(1), at(100));
    store.rotateRefreshToken("r1", "r3", at(2), at(100));
    store.sessionActive(session, ada.id);
    store.revokeSession(session);
    store.revokeSessions(ada.id, QString());

    const Chat direct = store.directChat(ada.id, bob.id, at(0), nullptr);
    store.directChat(bob.id, ada.id, at(0), nullptr);
    const Chat team = store.createGroup(ada.id, u"Team"_s, {bob.id, cy.id}, at(0));
    store.renameChat(team.id, u"Team 2"_s, at(1));
    store.addMember(team.id, dee.id, at(1));
    const qint64 cursor = store.currentRevision();
    const auto sent = store.sendMessage(team.id, bob.id, u"c1"_s, u"hi"_s, at(2));
    store.sendMessage(team.id, bob.id, u"c1"_s, u"hi"_s, at(2));
    store.sendMessage(direct.id, ada.id, u"c2"_s, u"hello"_s, at(3));
    store.editMessage(sent.message.id, u"hi!"_s, at(4));
    store.deleteMessage(sent.message.id, at(5));
    store.message(sent.message.id);
    store.history(team.id, std::nullopt, 50);
    store.history(team.id, 2, 50);
    store.markRead(team.id, cy.id, 1);
    store.removeMember(team.id, ada.id, at(6));
    store.chat(team.id, cy.id);
    store.chatsOf(cy.id);
    store.chatInfo(team.id);
    store.contactsOf(cy.id);
    store.changesSince(ada.id, cursor, 500);
    store.changesSince(cy.id, cursor, 1);
}

QStringList TestQueryPlans::plan(const QString &sql)
{
    QSqlQuery query(QSqlDatabase::database(m_connection));
    if (!query.prepare(u"EXPLAIN QUERY PLAN "_s + sql))
        return {u"cannot explain: "_s + query.lastError().text()};
    // The plan depends on the statement, not on the values: bind a dummy for each parameter.
    for (qsizetype i = 0; i < sql.count(u'?'); ++i)
        query.addBindValue(1);
    if (!query.exec())
        return {u"cannot explain: "_s + query.lastError().text()};
    QStringList details;
    while (query.next())
        details.append(query.value(3).toString());
    return details;
}

void TestQueryPlans::keyStatementsUseTheirIndex_data()
{
    QTest::addColumn<QString>("statement"); // a fragment that singles the statement out
    QTest::addColumn<QString>("step"); // a step its plan must contain
    QTest::newRow("history page")
        << u"m.seq < ? ORDER BY m.seq DESC"_s
        << u"SEARCH m USING INDEX sqlite_autoindex_messages_1 (chat_id=? AND seq<?)"_s;
    QTest::newRow("sync: the user's chats")
        << u"m.rev > ? AND m.rev <= ?"_s << u"SEARCH cm USING COVERING INDEX chat_members_user"_s;
    QTest::newRow("sync: changed messages of a chat")
        << u"m.rev > ? AND m.rev <= ?"_s
        << u"SEARCH m USING INDEX messages_chat_rev (chat_id=? AND rev>? AND rev<?)"_s;
    QTest::newRow("sync: chat changes")
        << u"FROM chat_changes x"_s
        << u"SEARCH x USING INDEX chat_changes_user_rev (user_id=? AND rev>? AND rev<?)"_s;
    QTest::newRow("chat list: the user's chats")
        << u"WHERE v.user_id IS NOT NULL ORDER BY"_s
        << u"SEARCH v USING INDEX chat_members_user (user_id=?)"_s;
    QTest::newRow("chat list: latest message")
        << u"WHERE v.user_id IS NOT NULL ORDER BY"_s
        << u"SEARCH m USING INDEX sqlite_autoindex_messages_1 (chat_id=? AND seq=?)"_s;
    QTest::newRow("chat list: unread count")
        << u"WHERE v.user_id IS NOT NULL ORDER BY"_s
        << u"SEARCH n USING INDEX sqlite_autoindex_messages_1 (chat_id=? AND seq>?)"_s;
    QTest::newRow("members in join order")
        << u"ORDER BY m.chat_id, m.join_order"_s
        << u"SEARCH m USING COVERING INDEX chat_members_join_order (chat_id=?)"_s;
    QTest::newRow("refresh token by hash")
        << u"WHERE t.hash = ?"_s
        << u"SEARCH t USING INDEX sqlite_autoindex_refresh_tokens_1 (hash=?)"_s;
    QTest::newRow("login by email") << u"disabled FROM users WHERE email_key = ?"_s
                                    << u"sqlite_autoindex_users_1 (email_key=?)"_s;
    QTest::newRow("sessions of a user") << u"SELECT id FROM sessions WHERE user_id = ?"_s
                                        << u"USING INDEX sessions_user (user_id=?)"_s;
    QTest::newRow("contacts")
        << u"FROM chat_members mine"_s
        << u"SEARCH mine USING COVERING INDEX chat_members_user (user_id=?)"_s;
}

void TestQueryPlans::keyStatementsUseTheirIndex()
{
    QFETCH(QString, statement);
    QFETCH(QString, step);
    const auto found = std::find_if(m_statements.cbegin(), m_statements.cend(),
                                    [&](const QString &sql) { return sql.contains(statement); });
    QVERIFY2(found != m_statements.cend(), "the store never prepared this statement");
    const QStringList details = plan(*found);
    const bool uses = std::any_of(details.cbegin(), details.cend(),
                                  [&](const QString &detail) { return detail.contains(step); });
    QVERIFY2(uses, qPrintable(u"plan: "_s + details.join(u"; ")));
}

void TestQueryPlans::noFullScans_data()
{
    QTest::addColumn<QString>("sql");
    QVERIFY(m_statements.size() > 30);
    for (const QString &sql : std::as_const(m_statements)) {
        if (sql.startsWith(u"BEGIN"_s) || sql == "COMMIT"_L1 || sql == "ROLLBACK"_L1)
            continue;
        QTest::newRow(qPrintable(sql.simplified().left(90))) << sql;
    }
}

void TestQueryPlans::noFullScans()
{
    QFETCH(QString, sql);
    // A substring LIKE cannot use an index: the user search walks users in name order (through
    // users_name_key) and stops at its limit. Every other statement must search.
    const bool userSearch = sql.contains(u" LIKE "_s);
    static const QRegularExpression fullScan(u"^SCAN (\\w+)"_s);
    const QStringList details = plan(sql);
    for (const QString &detail : details) {
        QVERIFY2(!detail.startsWith(u"cannot explain"_s), qPrintable(detail));
        const auto scan = fullScan.match(detail);
        if (!scan.hasMatch())
            continue;
        const QString what = scan.captured(1);
        if (what == "json_each"_L1 || what == "CONSTANT"_L1)
            continue; // the list of ids handed in, or a single row
        if (userSearch && detail == "SCAN u USING INDEX users_name_key"_L1)
            continue;
        QFAIL(qPrintable(u"full scan: %1\n  plan: %2"_s.arg(detail, details.join(u"; "))));
    }
}

QTEST_GUILESS_MAIN(TestQueryPlans)
#include "tst_queryplans.moc"
