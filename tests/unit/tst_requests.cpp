// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocollimits.h"
#include "requests.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace parley;

namespace {

const QString Emoji = u"\U0001F600"_s;
const QString PngAvatar = u"data:image/png;base64,"_s
    + QString::fromLatin1(QByteArray("\x89PNG\r\n\x1a\nimagebytes").toBase64());

QJsonObject json(const char *text)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text, &error);
    Q_ASSERT_X(error.error == QJsonParseError::NoError, "json", text);
    return document.object();
}

QJsonObject with(QJsonObject object, const QString &key, const QJsonValue &value)
{
    object.insert(key, value);
    return object;
}

template<typename T> std::optional<Error> errorOf(const Result<T> &result)
{
    return result.ok() ? std::nullopt : std::optional<Error>(result.error());
}

// The one fromJson per op, as the server's dispatcher calls it.
std::optional<Error> validate(const QString &op, const QJsonObject &data)
{
    if (op == u"auth.register")
        return errorOf(RegisterRequest::fromJson(data));
    if (op == u"auth.login")
        return errorOf(LoginRequest::fromJson(data));
    if (op == u"auth.token")
        return errorOf(TokenRequest::fromJson(data));
    if (op == u"auth.refresh")
        return errorOf(RefreshRequest::fromJson(data));
    if (op == u"auth.logout")
        return errorOf(LogoutRequest::fromJson(data));
    if (op == u"user.update")
        return errorOf(UserUpdateRequest::fromJson(data));
    if (op == u"avatar.get")
        return errorOf(AvatarGetRequest::fromJson(data));
    if (op == u"user.search")
        return errorOf(UserSearchRequest::fromJson(data));
    if (op == u"chat.direct")
        return errorOf(ChatDirectRequest::fromJson(data));
    if (op == u"chat.createGroup")
        return errorOf(ChatCreateGroupRequest::fromJson(data));
    if (op == u"chat.rename")
        return errorOf(ChatRenameRequest::fromJson(data));
    if (op == u"chat.addMember")
        return errorOf(ChatMemberRequest::fromJson(data));
    if (op == u"message.send")
        return errorOf(MessageSendRequest::fromJson(data));
    if (op == u"message.history")
        return errorOf(MessageHistoryRequest::fromJson(data));
    if (op == u"message.edit")
        return errorOf(MessageEditRequest::fromJson(data));
    if (op == u"message.delete")
        return errorOf(MessageDeleteRequest::fromJson(data));
    if (op == u"chat.markRead")
        return errorOf(MarkReadRequest::fromJson(data));
    if (op == u"sync")
        return errorOf(SyncRequest::fromJson(data));
    if (op == u"typing.start")
        return errorOf(TypingRequest::fromJson(data));
    qFatal("no request type for %s", qPrintable(op));
}

} // namespace

class TestRequests : public QObject
{
    Q_OBJECT

private slots:
    // Each row: an op, its data, and the field an error must name ("" when valid).
    void validation_data()
    {
        QTest::addColumn<QString>("op");
        QTest::addColumn<QJsonObject>("data");
        QTest::addColumn<QString>("field");

        const QJsonObject reg =
            json(R"({"name":"Ann","email":"ann@example.com","password":"secret123"})");
        QTest::newRow("register") << u"auth.register"_s << reg << QString();
        QTest::newRow("register with avatar")
            << u"auth.register"_s << with(reg, u"avatar"_s, PngAvatar) << QString();
        QTest::newRow("register avatar null")
            << u"auth.register"_s << with(reg, u"avatar"_s, QJsonValue::Null) << QString();
        QTest::newRow("register no name")
            << u"auth.register"_s << json(R"({"email":"a@b.co","password":"secret123"})")
            << u"name"_s;
        QTest::newRow("register name blank")
            << u"auth.register"_s << with(reg, u"name"_s, u"   "_s) << u"name"_s;
        QTest::newRow("register name 65")
            << u"auth.register"_s << with(reg, u"name"_s, u"n"_s.repeated(65)) << u"name"_s;
        QTest::newRow("register name number")
            << u"auth.register"_s << with(reg, u"name"_s, 5) << u"name"_s;
        QTest::newRow("register email bad")
            << u"auth.register"_s << with(reg, u"email"_s, u"ann@localhost"_s) << u"email"_s;
        QTest::newRow("register email missing")
            << u"auth.register"_s << json(R"({"name":"Ann","password":"secret123"})") << u"email"_s;
        QTest::newRow("register password 7")
            << u"auth.register"_s << with(reg, u"password"_s, u"1234567"_s) << u"password"_s;
        QTest::newRow("register password 1025")
            << u"auth.register"_s << with(reg, u"password"_s, u"p"_s.repeated(1025))
            << u"password"_s;
        QTest::newRow("register password array")
            << u"auth.register"_s << with(reg, u"password"_s, QJsonArray()) << u"password"_s;
        QTest::newRow("register avatar gif")
            << u"auth.register"_s << with(reg, u"avatar"_s, u"data:image/gif;base64,R0lG"_s)
            << u"avatar"_s;
        QTest::newRow("register avatar number")
            << u"auth.register"_s << with(reg, u"avatar"_s, 1) << u"avatar"_s;
        QTest::newRow("register with invite")
            << u"auth.register"_s << with(reg, u"invite"_s, u"7KQ2-M9XA-4PZR-H3JD-W8NC"_s)
            << QString();
        QTest::newRow("register invite null")
            << u"auth.register"_s << with(reg, u"invite"_s, QJsonValue::Null) << QString();
        QTest::newRow("register invite 64")
            << u"auth.register"_s << with(reg, u"invite"_s, u"i"_s.repeated(64)) << QString();
        QTest::newRow("register invite 65")
            << u"auth.register"_s << with(reg, u"invite"_s, u"i"_s.repeated(65)) << u"invite"_s;
        QTest::newRow("register invite empty")
            << u"auth.register"_s << with(reg, u"invite"_s, u""_s) << u"invite"_s;
        QTest::newRow("register invite number")
            << u"auth.register"_s << with(reg, u"invite"_s, 42) << u"invite"_s;

        const QJsonObject login = json(R"({"email":"ann@example.com","password":"x"})");
        QTest::newRow("login short password is for the server to refuse")
            << u"auth.login"_s << login << QString();
        QTest::newRow("login with device")
            << u"auth.login"_s << with(login, u"device"_s, u"laptop"_s) << QString();
        QTest::newRow("login empty password")
            << u"auth.login"_s << with(login, u"password"_s, u""_s) << u"password"_s;
        QTest::newRow("login password 1025 bytes")
            << u"auth.login"_s << with(login, u"password"_s, u"p"_s.repeated(1025))
            << u"password"_s;
        QTest::newRow("login email missing")
            << u"auth.login"_s << json(R"({"password":"x"})") << u"email"_s;
        QTest::newRow("login email 255")
            << u"auth.login"_s << with(login, u"email"_s, u"e"_s.repeated(255)) << u"email"_s;
        QTest::newRow("login device 129")
            << u"auth.login"_s << with(login, u"device"_s, u"d"_s.repeated(129)) << u"device"_s;
        QTest::newRow("login device bool")
            << u"auth.login"_s << with(login, u"device"_s, true) << u"device"_s;

        QTest::newRow("token") << u"auth.token"_s << json(R"({"accessToken":"abc"})") << QString();
        QTest::newRow("token missing") << u"auth.token"_s << QJsonObject() << u"accessToken"_s;
        QTest::newRow("token empty")
            << u"auth.token"_s << json(R"({"accessToken":""})") << u"accessToken"_s;
        QTest::newRow("token too long")
            << u"auth.token"_s
            << QJsonObject({{u"accessToken"_s, u"t"_s.repeated(limits::TokenMaxChars + 1)}})
            << u"accessToken"_s;
        QTest::newRow("refresh") << u"auth.refresh"_s << json(R"({"refreshToken":"abc"})")
                                 << QString();
        QTest::newRow("refresh number")
            << u"auth.refresh"_s << json(R"({"refreshToken":1})") << u"refreshToken"_s;

        QTest::newRow("logout") << u"auth.logout"_s << QJsonObject() << QString();
        QTest::newRow("logout all") << u"auth.logout"_s << json(R"({"all":true})") << QString();
        QTest::newRow("logout all string")
            << u"auth.logout"_s << json(R"({"all":"yes"})") << u"all"_s;

        QTest::newRow("update nothing") << u"user.update"_s << QJsonObject() << QString();
        QTest::newRow("update name") << u"user.update"_s << json(R"({"name":"Bea"})") << QString();
        QTest::newRow("update remove avatar")
            << u"user.update"_s << json(R"({"avatar":null})") << QString();
        QTest::newRow("update password")
            << u"user.update"_s << json(R"({"password":"newsecret","currentPassword":"old"})")
            << QString();
        QTest::newRow("update password without current")
            << u"user.update"_s << json(R"({"password":"newsecret"})") << u"currentPassword"_s;
        QTest::newRow("update password short")
            << u"user.update"_s << json(R"({"password":"short","currentPassword":"oldsecret"})")
            << u"password"_s;
        QTest::newRow("update name empty")
            << u"user.update"_s << json(R"({"name":""})") << u"name"_s;
        QTest::newRow("update avatar bad")
            << u"user.update"_s << json(R"({"avatar":"data:text/plain;base64,aGk="})")
            << u"avatar"_s;

        QTest::newRow("avatar.get") << u"avatar.get"_s << json(R"({"avatarId":"a1"})") << QString();
        QTest::newRow("avatar.get empty id")
            << u"avatar.get"_s << json(R"({"avatarId":""})") << u"avatarId"_s;

        QTest::newRow("search") << u"user.search"_s << json(R"({"query":"an"})") << QString();
        QTest::newRow("search limit 1")
            << u"user.search"_s << json(R"({"query":"an","limit":1})") << QString();
        QTest::newRow("search limit 50")
            << u"user.search"_s << json(R"({"query":"an","limit":50})") << QString();
        QTest::newRow("search limit 51")
            << u"user.search"_s << json(R"({"query":"an","limit":51})") << u"limit"_s;
        QTest::newRow("search limit 0")
            << u"user.search"_s << json(R"({"query":"an","limit":0})") << u"limit"_s;
        QTest::newRow("search limit 1.5")
            << u"user.search"_s << json(R"({"query":"an","limit":1.5})") << u"limit"_s;
        QTest::newRow("search limit string")
            << u"user.search"_s << json(R"({"query":"an","limit":"5"})") << u"limit"_s;
        QTest::newRow("search query blank")
            << u"user.search"_s << json(R"({"query":"  "})") << u"query"_s;
        QTest::newRow("search query missing") << u"user.search"_s << QJsonObject() << u"query"_s;
        QTest::newRow("search query 255")
            << u"user.search"_s << QJsonObject({{u"query"_s, u"q"_s.repeated(255)}}) << u"query"_s;

        QTest::newRow("direct") << u"chat.direct"_s << json(R"({"userId":"2"})") << QString();
        QTest::newRow("direct id number")
            << u"chat.direct"_s << json(R"({"userId":2})") << u"userId"_s;
        QTest::newRow("direct id 65")
            << u"chat.direct"_s << QJsonObject({{u"userId"_s, u"9"_s.repeated(65)}}) << u"userId"_s;

        QTest::newRow("group") << u"chat.createGroup"_s
                               << json(R"({"name":"Team","userIds":["2","3"]})") << QString();
        QTest::newRow("group duplicates leave one")
            << u"chat.createGroup"_s << json(R"({"name":"Team","userIds":["2","2"]})")
            << u"userIds"_s;
        QTest::newRow("group one user")
            << u"chat.createGroup"_s << json(R"({"name":"Team","userIds":["2"]})") << u"userIds"_s;
        QTest::newRow("group ids not an array")
            << u"chat.createGroup"_s << json(R"({"name":"Team","userIds":"2,3"})") << u"userIds"_s;
        QTest::newRow("group id not a string")
            << u"chat.createGroup"_s << json(R"({"name":"Team","userIds":["2",3]})")
            << u"userIds[1]"_s;
        QTest::newRow("group id empty")
            << u"chat.createGroup"_s << json(R"({"name":"Team","userIds":["2",""]})")
            << u"userIds[1]"_s;
        QTest::newRow("group no name")
            << u"chat.createGroup"_s << json(R"({"userIds":["2","3"]})") << u"name"_s;
        QJsonArray many;
        for (int i = 0; i < 257; ++i)
            many.append(QString::number(i));
        QTest::newRow("group 257 users")
            << u"chat.createGroup"_s << QJsonObject({{u"name"_s, u"Big"_s}, {u"userIds"_s, many}})
            << u"userIds"_s;
        many.removeLast();
        QTest::newRow("group 256 users")
            << u"chat.createGroup"_s << QJsonObject({{u"name"_s, u"Big"_s}, {u"userIds"_s, many}})
            << QString();

        QTest::newRow("rename") << u"chat.rename"_s << json(R"({"chatId":"5","name":"New"})")
                                << QString();
        QTest::newRow("rename name 65")
            << u"chat.rename"_s
            << QJsonObject({{u"chatId"_s, u"5"_s}, {u"name"_s, u"n"_s.repeated(65)}}) << u"name"_s;
        QTest::newRow("rename no chat")
            << u"chat.rename"_s << json(R"({"name":"New"})") << u"chatId"_s;
        QTest::newRow("member") << u"chat.addMember"_s << json(R"({"chatId":"5","userId":"2"})")
                                << QString();
        QTest::newRow("member no user")
            << u"chat.addMember"_s << json(R"({"chatId":"5"})") << u"userId"_s;

        const QJsonObject send = json(R"({"chatId":"5","clientId":"c-1","content":"hi"})");
        QTest::newRow("send") << u"message.send"_s << send << QString();
        QTest::newRow("send 4000 emoji")
            << u"message.send"_s << with(send, u"content"_s, Emoji.repeated(4000)) << QString();
        QTest::newRow("send 4001 emoji")
            << u"message.send"_s << with(send, u"content"_s, Emoji.repeated(4001)) << u"content"_s;
        QTest::newRow("send 4000 padded")
            << u"message.send"_s
            << with(send, u"content"_s, QString(u"  "_s + u"c"_s.repeated(4000) + u"\n"_s))
            << QString();
        QTest::newRow("send blank")
            << u"message.send"_s << with(send, u"content"_s, u" \n\t "_s) << u"content"_s;
        QTest::newRow("send content null")
            << u"message.send"_s << with(send, u"content"_s, QJsonValue::Null) << u"content"_s;
        QTest::newRow("send clientId empty")
            << u"message.send"_s << with(send, u"clientId"_s, u""_s) << u"clientId"_s;
        QTest::newRow("send clientId 65")
            << u"message.send"_s << with(send, u"clientId"_s, u"c"_s.repeated(65)) << u"clientId"_s;
        QTest::newRow("send clientId 64")
            << u"message.send"_s << with(send, u"clientId"_s, u"c"_s.repeated(64)) << QString();
        QTest::newRow("send chatId object")
            << u"message.send"_s << with(send, u"chatId"_s, QJsonObject()) << u"chatId"_s;

        QTest::newRow("history") << u"message.history"_s << json(R"({"chatId":"5"})") << QString();
        QTest::newRow("history full")
            << u"message.history"_s << json(R"({"chatId":"5","beforeSeq":10,"limit":100})")
            << QString();
        QTest::newRow("history limit 101")
            << u"message.history"_s << json(R"({"chatId":"5","limit":101})") << u"limit"_s;
        QTest::newRow("history beforeSeq 0")
            << u"message.history"_s << json(R"({"chatId":"5","beforeSeq":0})") << u"beforeSeq"_s;
        QTest::newRow("history beforeSeq 2.5")
            << u"message.history"_s << json(R"({"chatId":"5","beforeSeq":2.5})") << u"beforeSeq"_s;
        QTest::newRow("history beforeSeq huge")
            << u"message.history"_s << json(R"({"chatId":"5","beforeSeq":1e300})")
            << u"beforeSeq"_s;

        QTest::newRow("edit") << u"message.edit"_s << json(R"({"messageId":"9","content":"fixed"})")
                              << QString();
        QTest::newRow("edit blank")
            << u"message.edit"_s << json(R"({"messageId":"9","content":"   "})") << u"content"_s;
        QTest::newRow("delete") << u"message.delete"_s << json(R"({"messageId":"9"})") << QString();
        QTest::newRow("delete missing") << u"message.delete"_s << QJsonObject() << u"messageId"_s;

        QTest::newRow("markRead 0")
            << u"chat.markRead"_s << json(R"({"chatId":"5","seq":0})") << QString();
        QTest::newRow("markRead negative")
            << u"chat.markRead"_s << json(R"({"chatId":"5","seq":-1})") << u"seq"_s;
        QTest::newRow("markRead missing seq")
            << u"chat.markRead"_s << json(R"({"chatId":"5"})") << u"seq"_s;
        QTest::newRow("markRead seq string")
            << u"chat.markRead"_s << json(R"({"chatId":"5","seq":"3"})") << u"seq"_s;

        QTest::newRow("sync no cursor") << u"sync"_s << QJsonObject() << QString();
        QTest::newRow("sync cursor") << u"sync"_s << json(R"({"cursor":"abc"})") << QString();
        QTest::newRow("sync cursor 128")
            << u"sync"_s << QJsonObject({{u"cursor"_s, u"c"_s.repeated(128)}}) << QString();
        QTest::newRow("sync cursor 129")
            << u"sync"_s << QJsonObject({{u"cursor"_s, u"c"_s.repeated(129)}}) << u"cursor"_s;
        QTest::newRow("sync cursor number") << u"sync"_s << json(R"({"cursor":5})") << u"cursor"_s;

        QTest::newRow("typing") << u"typing.start"_s << json(R"({"chatId":"5"})") << QString();
        QTest::newRow("typing no chat") << u"typing.start"_s << QJsonObject() << u"chatId"_s;
    }
    void validation()
    {
        QFETCH(QString, op);
        QFETCH(QJsonObject, data);
        QFETCH(QString, field);
        const std::optional<Error> error = validate(op, data);
        if (field.isEmpty()) {
            QVERIFY2(!error, qPrintable(error ? error->message : QString()));
            return;
        }
        QVERIFY(error.has_value());
        QCOMPARE(error->code, ErrorCode::BadRequest);
        QVERIFY2(error->message.startsWith(field + u' '), qPrintable(error->message));
    }

    void missingFieldSaysRequired()
    {
        const auto result = MessageSendRequest::fromJson(json(R"({"chatId":"5","clientId":"c"})"));
        QVERIFY(!result);
        QCOMPARE(result.error().message, u"content is required"_s);
    }

    void wrongTypeSaysWhichType()
    {
        const auto result = ChatDirectRequest::fromJson(json(R"({"userId":7})"));
        QVERIFY(!result);
        QCOMPARE(result.error().message, u"userId must be a string"_s);
    }

    void namesAndContentAreTrimmed()
    {
        const auto reg = RegisterRequest::fromJson(
            json(R"({"name":"  Ann Lee ","email":" ann@example.com ","password":"secret123"})"));
        QVERIFY(reg);
        QCOMPARE(reg->name, u"Ann Lee"_s);
        QCOMPARE(reg->email, u"ann@example.com"_s);
        QVERIFY(reg->avatar.isNull());

        const auto send = MessageSendRequest::fromJson(
            json(R"({"chatId":"5","clientId":"c","content":"\n  hello\nworld \t"})"));
        QVERIFY(send);
        QCOMPARE(send->content, u"hello\nworld"_s);
    }

    void defaults()
    {
        const auto search = UserSearchRequest::fromJson(json(R"({"query":"an"})"));
        QVERIFY(search);
        QCOMPARE(search->limit, limits::SearchDefaultLimit);
        const auto history = MessageHistoryRequest::fromJson(json(R"({"chatId":"5"})"));
        QVERIFY(history);
        QCOMPARE(history->limit, limits::HistoryDefaultLimit);
        QCOMPARE(history->beforeSeq, std::nullopt);
        const auto logout = LogoutRequest::fromJson({});
        QVERIFY(logout);
        QVERIFY(!logout->all);
        const auto sync = SyncRequest::fromJson({});
        QVERIFY(sync);
        QVERIFY(sync->cursor.isNull());
    }

    void groupUserIdsAreDeduplicatedInOrder()
    {
        const auto group = ChatCreateGroupRequest::fromJson(
            json(R"({"name":"Team","userIds":["3","2","3","4","2"]})"));
        QVERIFY(group);
        QCOMPARE(group->userIds, QStringList({u"3"_s, u"2"_s, u"4"_s}));
    }

    void userUpdateTellsAbsentFromNull()
    {
        const auto none = UserUpdateRequest::fromJson({});
        QVERIFY(none);
        QVERIFY(!none->avatar && !none->name && !none->password);

        const auto remove = UserUpdateRequest::fromJson(json(R"({"avatar":null})"));
        QVERIFY(remove);
        QVERIFY(remove->avatar.has_value());
        QVERIFY(remove->avatar->isNull());

        const auto set = UserUpdateRequest::fromJson(QJsonObject({{u"avatar"_s, PngAvatar}}));
        QVERIFY(set);
        QCOMPARE(set->avatar, std::optional<QString>(PngAvatar));
    }

    void toJsonReadsBack()
    {
        RegisterRequest reg{u"Ann"_s, u"ann@example.com"_s, u"secret123"_s, PngAvatar,
                            u"7KQ2-M9XA-4PZR-H3JD-W8NC"_s};
        const auto regBack = RegisterRequest::fromJson(reg.toJson());
        QVERIFY(regBack);
        QCOMPARE(regBack->avatar, PngAvatar);
        QCOMPARE(regBack->invite, reg.invite);
        QVERIFY(!RegisterRequest{}.toJson().contains(u"invite"_s));

        UserUpdateRequest update;
        update.avatar = QString();
        update.password = u"newsecret1"_s;
        update.currentPassword = u"oldsecret1"_s;
        QCOMPARE(update.toJson().value(u"avatar"_s).type(), QJsonValue::Null);
        const auto updateBack = UserUpdateRequest::fromJson(update.toJson());
        QVERIFY(updateBack);
        QVERIFY(updateBack->avatar && updateBack->avatar->isNull());
        QCOMPARE(updateBack->password, update.password);

        MessageHistoryRequest history{u"5"_s, 42, 10};
        const auto historyBack = MessageHistoryRequest::fromJson(history.toJson());
        QVERIFY(historyBack);
        QCOMPARE(historyBack->beforeSeq, std::optional<qint64>(42));
        QCOMPARE(historyBack->limit, 10);

        ChatCreateGroupRequest group{u"Team"_s, {u"2"_s, u"3"_s}};
        const auto groupBack = ChatCreateGroupRequest::fromJson(group.toJson());
        QVERIFY(groupBack);
        QCOMPARE(groupBack->userIds, group.userIds);

        MarkReadRequest read{u"5"_s, 17};
        QVERIFY(read.toJson().value(u"seq"_s).isDouble());
        QCOMPARE(MarkReadRequest::fromJson(read.toJson())->seq, 17);

        SyncRequest sync{u"cur"_s};
        QCOMPARE(SyncRequest::fromJson(sync.toJson())->cursor, u"cur"_s);
        QVERIFY(!SyncRequest{}.toJson().contains(u"cursor"_s));
    }
};

QTEST_GUILESS_MAIN(TestRequests)
#include "tst_requests.moc"
