// SPDX-License-Identifier: GPL-3.0-or-later
// Control characters in every text input that reaches SQL. SQLite reads a LIKE pattern only up to
// its first NUL, so `user.search {"query": "\u0000zz…"}` once matched every user. Each single-line
// field must now refuse C0 (NUL included), DEL, C1, U+2028 and U+2029 with a bad_request naming
// the field; message content, which is free text, must come back exactly as sent.
#include "protocolcheck.h"
#include "testserver.h"

#include <QJsonArray>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace parley::test;

namespace {

// The characters tried in every field, each named for the test log.
const QList<std::pair<const char *, QString>> &hostileCharacters()
{
    static const QList<std::pair<const char *, QString>> all{
        {"NUL", QString(QChar(0))},
        {"U+0001", QString(QChar(0x01))},
        {"TAB", u"\t"_s},
        {"LF", u"\n"_s},
        {"ESC", QString(QChar(0x1b))},
        {"DEL", QString(QChar(0x7f))},
        {"U+0085", QString(QChar(0x85))},
        {"U+009F", QString(QChar(0x9f))},
        {"U+2028", QString(QChar(0x2028))},
        {"U+2029", QString(QChar(0x2029))},
    };
    return all;
}

// The refusal names the field in its words and in its "field", which clients mark.
bool blamesField(const QJsonObject &response, const QString &field)
{
    return errorMessage(response).startsWith(field + u' ')
        && response.value("error"_L1).toObject().value("field"_L1).toString() == field;
}

QJsonObject withField(QJsonObject data, const QString &field, const QString &value)
{
    data.insert(field, value);
    return data;
}

} // namespace

class tst_ControlCharacters : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase() { m_server.reset(); }

    void searchWithControlCharacterMatchesNobody();
    void everySingleLineFieldRefusesThem_data();
    void everySingleLineFieldRefusesThem();
    void refusedRegistrationLeavesNoAccount();
    void messageContentRoundTripsFaithfully();

private:
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<TestClient> m_alice;
    std::unique_ptr<TestClient> m_bob;
    std::unique_ptr<TestClient> m_carol;
    QString m_groupId;
};

void tst_ControlCharacters::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_server = std::make_unique<TestServer>();
    QVERIFY(m_server->start());
    m_alice = m_server->signUp(u"Alice"_s);
    m_bob = m_server->signUp(u"Bob"_s);
    m_carol = m_server->signUp(u"Carol"_s);
    QVERIFY(m_alice && m_bob && m_carol);
    m_groupId = m_alice->createGroup(u"Team"_s, {m_bob->userId(), m_carol->userId()});
    QVERIFY(!m_groupId.isEmpty());
}

void tst_ControlCharacters::searchWithControlCharacterMatchesNobody()
{
    for (const auto &[name, character] : hostileCharacters()) {
        // Inside the query: at its ends, white space among them is trimmed away.
        const QString query = QString(u"zz"_s + character + u"Bob"_s);
        const QJsonObject response = m_alice->request(u"user.search"_s, {{"query"_L1, query}});
        QVERIFY2(errorCode(response) == "bad_request"_L1 && blamesField(response, u"query"_s),
                 qPrintable(QString::fromLatin1(name) + u": "_s
                            + QString::fromUtf8(describe(response))));
    }
    // The probe's own query: a NUL first.
    const QJsonObject inside =
        m_alice->request(u"user.search"_s, {{"query"_L1, QString(QChar(0) + u"zzBob"_s)}});
    PARLEY_VERIFY_ERROR(inside, u"bad_request"_s);
    // The plain query still works and finds exactly Bob.
    const QJsonObject plain = m_alice->request(u"user.search"_s, {{"query"_L1, u"Bob"_s}});
    PARLEY_VERIFY_OK(plain);
    QCOMPARE(idsOf(dataOf(plain).value("users"_L1).toArray()), QStringList{m_bob->userId()});
}

void tst_ControlCharacters::everySingleLineFieldRefusesThem_data()
{
    QTest::addColumn<QString>("op");
    QTest::addColumn<QJsonObject>("data");
    QTest::addColumn<QString>("field");
    QTest::addColumn<bool>("signedIn");

    const QJsonObject account{{"name"_L1, u"Dora"_s},
                              {"email"_L1, u"dora@example.test"_s},
                              {"password"_L1, u"correct horse battery"_s}};
    const QJsonObject login{{"email"_L1, u"dora@example.test"_s},
                            {"password"_L1, u"correct horse battery"_s}};
    QTest::newRow("register name") << u"auth.register"_s << account << u"name"_s << false;
    QTest::newRow("register email") << u"auth.register"_s << account << u"email"_s << false;
    QTest::newRow("register invite")
        << u"auth.register"_s << withField(account, u"invite"_s, u"code"_s) << u"invite"_s << false;
    QTest::newRow("login email") << u"auth.login"_s << login << u"email"_s << false;
    QTest::newRow("login device") << u"auth.login"_s << withField(login, u"device"_s, u"laptop"_s)
                                  << u"device"_s << false;
    QTest::newRow("token") << u"auth.token"_s << QJsonObject{{"accessToken"_L1, u"a.b.c"_s}}
                           << u"accessToken"_s << false;
    QTest::newRow("refresh") << u"auth.refresh"_s << QJsonObject{{"refreshToken"_L1, u"abc"_s}}
                             << u"refreshToken"_s << false;
    QTest::newRow("update name") << u"user.update"_s << QJsonObject{{"name"_L1, u"Al"_s}}
                                 << u"name"_s << true;
    QTest::newRow("avatar id") << u"avatar.get"_s << QJsonObject{{"avatarId"_L1, u"abc"_s}}
                               << u"avatarId"_s << true;
    QTest::newRow("direct userId")
        << u"chat.direct"_s << QJsonObject{{"userId"_L1, u"2"_s}} << u"userId"_s << true;
    QTest::newRow("group name") << u"chat.createGroup"_s
                                << QJsonObject{{"name"_L1, u"Crew"_s},
                                               {"userIds"_L1, QJsonArray{u"2"_s, u"3"_s}}}
                                << u"name"_s << true;
    QTest::newRow("rename name") << u"chat.rename"_s
                                 << QJsonObject{{"chatId"_L1, u"1"_s}, {"name"_L1, u"Crew"_s}}
                                 << u"name"_s << true;
    QTest::newRow("rename chatId")
        << u"chat.rename"_s << QJsonObject{{"chatId"_L1, u"1"_s}, {"name"_L1, u"Crew"_s}}
        << u"chatId"_s << true;
    QTest::newRow("addMember userId")
        << u"chat.addMember"_s << QJsonObject{{"chatId"_L1, u"1"_s}, {"userId"_L1, u"2"_s}}
        << u"userId"_s << true;
    QTest::newRow("send clientId")
        << u"message.send"_s
        << QJsonObject{{"chatId"_L1, u"1"_s}, {"clientId"_L1, u"c1"_s}, {"content"_L1, u"hi"_s}}
        << u"clientId"_s << true;
    QTest::newRow("history chatId")
        << u"message.history"_s << QJsonObject{{"chatId"_L1, u"1"_s}} << u"chatId"_s << true;
    QTest::newRow("edit messageId")
        << u"message.edit"_s << QJsonObject{{"messageId"_L1, u"1"_s}, {"content"_L1, u"x"_s}}
        << u"messageId"_s << true;
    QTest::newRow("markRead chatId")
        << u"chat.markRead"_s << QJsonObject{{"chatId"_L1, u"1"_s}, {"seq"_L1, 1}} << u"chatId"_s
        << true;
    QTest::newRow("sync cursor") << u"sync"_s << QJsonObject{{"cursor"_L1, u"cjE6NDI"_s}}
                                 << u"cursor"_s << true;
    QTest::newRow("search query") << u"user.search"_s << QJsonObject{{"query"_L1, u"Bob"_s}}
                                  << u"query"_s << true;
}

void tst_ControlCharacters::everySingleLineFieldRefusesThem()
{
    QFETCH(QString, op);
    QFETCH(QJsonObject, data);
    QFETCH(QString, field);
    QFETCH(bool, signedIn);

    std::unique_ptr<TestClient> anonymous;
    TestClient *client = m_alice.get();
    if (!signedIn) {
        anonymous = m_server->connect();
        QVERIFY(anonymous);
        client = anonymous.get();
    }
    for (const auto &[name, character] : hostileCharacters()) {
        const QString value = data.value(field).toString();
        // Inside the value: leading and trailing characters may be trimmed as white space.
        const QString hostile = QString(value.left(1) + character + value.mid(1));
        const QJsonObject response = client->request(op, withField(data, field, hostile));
        QVERIFY2(errorCode(response) == "bad_request"_L1 && blamesField(response, field),
                 qPrintable(QString::fromLatin1(name) + u": "_s
                            + QString::fromUtf8(describe(response))));
    }
}

void tst_ControlCharacters::refusedRegistrationLeavesNoAccount()
{
    auto client = m_server->connect();
    QVERIFY(client);
    const QString truncated = u"erin@example.test"_s;
    const QJsonObject response =
        client->request(u"auth.register"_s,
                        {{"name"_L1, u"Erin"_s},
                         {"email"_L1, QString(truncated + QChar(0) + u"evil"_s)},
                         {"password"_L1, u"correct horse battery"_s}});
    PARLEY_VERIFY_ERROR(response, u"bad_request"_s);
    // Nothing was stored under the part before the NUL.
    const QJsonObject found = m_alice->request(u"user.search"_s, {{"query"_L1, u"erin"_s}});
    PARLEY_VERIFY_OK(found);
    QVERIFY(dataOf(found).value("users"_L1).toArray().isEmpty());
}

void tst_ControlCharacters::messageContentRoundTripsFaithfully()
{
    // Content is free text: every character comes back as sent, nothing cut at a NUL.
    QString content = u"before"_s;
    for (const auto &[name, character] : hostileCharacters())
        content += QString(character + QString::fromLatin1(name));
    content += u"after"_s;
    const QJsonObject sent = m_alice->sendMessage(m_groupId, content);
    QCOMPARE(sent.value("content"_L1).toString(), content);
    const QJsonObject history =
        m_bob->request(u"message.history"_s, {{"chatId"_L1, m_groupId}, {"limit"_L1, 1}});
    PARLEY_VERIFY_OK(history);
    const QJsonArray messages = dataOf(history).value("messages"_L1).toArray();
    QCOMPARE(messages.size(), 1);
    QCOMPARE(messages.first().toObject().value("content"_L1).toString(), content);

    const QString edited = QString(u"x"_s + QChar(0) + u"y"_s);
    const QString messageId = sent.value("id"_L1).toString();
    const QJsonObject edit =
        m_alice->request(u"message.edit"_s, {{"messageId"_L1, messageId}, {"content"_L1, edited}});
    PARLEY_VERIFY_OK(edit);
    QCOMPARE(dataOf(edit).value("message"_L1).toObject().value("content"_L1).toString(), edited);
}

QTEST_MAIN(tst_ControlCharacters)
#include "tst_control_characters.moc"
