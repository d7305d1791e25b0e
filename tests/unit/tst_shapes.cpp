// SPDX-License-Identifier: GPL-3.0-or-later
#include "results.h"
#include "types.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace parley;

namespace {

QJsonObject json(const char *text)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text, &error);
    Q_ASSERT_X(error.error == QJsonParseError::NoError, "json", text);
    return document.object();
}

QDateTime utc(int hour, int minute, int second, int ms)
{
    return QDateTime(QDate(2026, 11, 28), QTime(hour, minute, second, ms), Qt::UTC);
}

User ann()
{
    return User{u"1"_s, u"Ann"_s, u"ann@example.com"_s, u"av-1"_s, true};
}

User bob()
{
    return User{u"2"_s, u"Bob"_s, u"bob@example.com"_s, QString(), false};
}

Message sampleMessage(bool edited)
{
    Message message;
    message.id = u"m9"_s;
    message.chatId = u"5"_s;
    message.seq = 3;
    message.sender = UserSummary{u"1"_s, u"Ann"_s, QString()};
    message.content = u"hello 😀"_s;
    message.clientId = u"c-17"_s;
    message.createdAt = utc(9, 41, 44, 123);
    if (edited)
        message.editedAt = utc(9, 42, 0, 0);
    return message;
}

Chat directChat()
{
    Chat chat;
    chat.id = u"5"_s;
    chat.members = {ann(), bob()};
    chat.lastActivity = utc(8, 0, 0, 1);
    return chat;
}

Chat groupChat()
{
    Chat chat;
    chat.id = u"6"_s;
    chat.isGroup = true;
    chat.name = u"Team"_s;
    chat.members = {ann(), bob()};
    chat.adminId = u"1"_s;
    chat.latestMessage = sampleMessage(true);
    chat.unreadCount = 2;
    chat.lastReadSeq = 1;
    chat.lastActivity = utc(9, 42, 0, 0);
    return chat;
}

// The JSON as it travels: through text and back, so nothing relies on QJsonObject internals.
QJsonObject overTheWire(const QJsonObject &object)
{
    return QJsonDocument::fromJson(QJsonDocument(object).toJson(QJsonDocument::Compact)).object();
}

template<typename T> void verifyRoundTrip(const T &value)
{
    const auto back = T::fromJson(overTheWire(value.toJson()));
    QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().message));
    QVERIFY(back.value() == value);
}

template<typename T> QString errorMessage(const QJsonObject &object)
{
    const auto result = T::fromJson(object);
    return result.ok() ? QString() : result.error().message;
}

} // namespace

class TestShapes : public QObject
{
    Q_OBJECT

private slots:
    void timestampFormat_data()
    {
        QTest::addColumn<QDateTime>("time");
        QTest::addColumn<QString>("text");
        QTest::newRow("milliseconds") << utc(9, 41, 44, 123) << u"2026-11-28T09:41:44.123Z"_s;
        QTest::newRow("zero milliseconds kept")
            << utc(9, 41, 44, 0) << u"2026-11-28T09:41:44.000Z"_s;
        QTest::newRow("offset converted to UTC")
            << QDateTime(QDate(2026, 11, 28), QTime(11, 41, 44, 5), Qt::OffsetFromUTC, 2 * 3600)
            << u"2026-11-28T09:41:44.005Z"_s;
        QTest::newRow("invalid is null") << QDateTime() << QString();
    }
    void timestampFormat()
    {
        QFETCH(QDateTime, time);
        QFETCH(QString, text);
        QCOMPARE(formatTimestamp(time), text);
        QCOMPARE(formatTimestamp(time).isNull(), text.isNull());
    }

    void timestampParse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QDateTime>("time");
        QTest::newRow("Z with ms") << u"2026-11-28T09:41:44.123Z"_s << utc(9, 41, 44, 123);
        QTest::newRow("Z without ms") << u"2026-11-28T09:41:44Z"_s << utc(9, 41, 44, 0);
        QTest::newRow("offset") << u"2026-11-28T10:41:44.123+01:00"_s << utc(9, 41, 44, 123);
        QTest::newRow("no zone names no instant") << u"2026-11-28T09:41:44.123"_s << QDateTime();
        QTest::newRow("garbage") << u"yesterday"_s << QDateTime();
        QTest::newRow("empty") << QString() << QDateTime();
    }
    void timestampParse()
    {
        QFETCH(QString, text);
        QFETCH(QDateTime, time);
        const QDateTime parsed = parseTimestamp(text);
        QCOMPARE(parsed.isValid(), time.isValid());
        if (time.isValid()) {
            QCOMPARE(parsed, time);
            QCOMPARE(parsed.timeSpec(), Qt::UTC);
        }
    }

    void userJson()
    {
        QCOMPARE(bob().toJson(), json(R"({"id":"2","name":"Bob","email":"bob@example.com",
                                          "avatar":null,"online":false})"));
        QCOMPARE(ann().toJson().value(u"avatar"_s).toString(), u"av-1"_s);
    }

    void messageJson()
    {
        const QJsonObject expected = json(R"({"id":"m9","chatId":"5","seq":3,
            "sender":{"id":"1","name":"Ann","avatar":null},"content":"hello 😀","clientId":"c-17",
            "createdAt":"2026-11-28T09:41:44.123Z","editedAt":null,"deleted":false})");
        QCOMPARE(sampleMessage(false).toJson(), expected);
        const QJsonObject edited = sampleMessage(true).toJson();
        QCOMPARE(edited.value(u"editedAt"_s).toString(), u"2026-11-28T09:42:00.000Z"_s);
        QVERIFY(edited.value(u"seq"_s).isDouble());
    }

    void directChatJson()
    {
        const QJsonObject chat = directChat().toJson();
        QCOMPARE(chat.value(u"isGroup"_s), QJsonValue(false));
        QVERIFY(chat.value(u"name"_s).isNull());
        QVERIFY(chat.value(u"adminId"_s).isNull());
        QVERIFY(chat.value(u"latestMessage"_s).isNull());
        QCOMPARE(chat.value(u"members"_s).toArray().size(), 2);
        QVERIFY(chat.value(u"unreadCount"_s).isDouble());
        QVERIFY(chat.value(u"lastReadSeq"_s).isDouble());
        QCOMPARE(chat.value(u"lastActivity"_s).toString(), u"2026-11-28T08:00:00.001Z"_s);
        const QStringList keys{u"adminId"_s,      u"id"_s,          u"isGroup"_s,
                               u"lastActivity"_s, u"lastReadSeq"_s, u"latestMessage"_s,
                               u"members"_s,      u"name"_s,        u"unreadCount"_s};
        QCOMPARE(chat.keys(), keys);
    }

    void groupChatJson()
    {
        const QJsonObject chat = groupChat().toJson();
        QCOMPARE(chat.value(u"name"_s).toString(), u"Team"_s);
        QCOMPARE(chat.value(u"adminId"_s).toString(), u"1"_s);
        QCOMPARE(chat.value(u"latestMessage"_s).toObject(), sampleMessage(true).toJson());
        QCOMPARE(chat.value(u"unreadCount"_s).toInteger(), 2);
    }

    void roundTrips()
    {
        verifyRoundTrip(ann());
        verifyRoundTrip(bob());
        verifyRoundTrip(UserSummary{u"1"_s, u"Ann"_s, u"av-1"_s});
        verifyRoundTrip(UserSummary{u"1"_s, u"Ann"_s, QString()});
        verifyRoundTrip(sampleMessage(false));
        verifyRoundTrip(sampleMessage(true));
        Message deleted = sampleMessage(true);
        deleted.content.clear();
        deleted.deleted = true;
        verifyRoundTrip(deleted);
        verifyRoundTrip(directChat());
        verifyRoundTrip(groupChat());

        verifyRoundTrip(ServerInfo{u"Parley"_s, u"0.1.0"_s, 1, false});
        verifyRoundTrip(AuthResult{ann(), u"acc"_s, u"ref"_s});
        verifyRoundTrip(TokenPair{u"acc"_s, u"ref"_s});
        verifyRoundTrip(UserResult{bob()});
        verifyRoundTrip(AvatarResult{u"av-1"_s, u"data:image/png;base64,iVBORw0KGgo="_s});
        verifyRoundTrip(UserList{{ann(), bob()}});
        verifyRoundTrip(UserList{});
        verifyRoundTrip(ChatList{{groupChat(), directChat()}});
        verifyRoundTrip(ChatResult{groupChat()});
        verifyRoundTrip(MessageResult{sampleMessage(false)});
        verifyRoundTrip(HistoryResult{{sampleMessage(false), sampleMessage(true)}, true});
        verifyRoundTrip(MarkReadResult{u"5"_s, 12});
        verifyRoundTrip(
            SyncResult{u"cur-2"_s, {sampleMessage(true)}, {directChat()}, {u"7"_s, u"8"_s}, true});
        verifyRoundTrip(SyncResult{u"cur-0"_s, {}, {}, {}, false});
        verifyRoundTrip(ChatRemovedEvent{u"5"_s});
        verifyRoundTrip(TypingEvent{u"5"_s, u"1"_s, u"Ann"_s, true});
        verifyRoundTrip(ReadEvent{u"5"_s, u"2"_s, 40});
        verifyRoundTrip(PresenceEvent{u"2"_s, true});
    }

    void resultJson()
    {
        QCOMPARE(
            ServerInfo({u"Parley"_s, u"0.1.0"_s, 1, true}).toJson(),
            json(R"({"name":"Parley","version":"0.1.0","protocol":1,"registrationOpen":true})"));
        QCOMPARE(MarkReadResult({u"5"_s, 12}).toJson(), json(R"({"chatId":"5","lastReadSeq":12})"));
        QCOMPARE(TypingEvent({u"5"_s, u"1"_s, u"Ann"_s, false}).toJson(),
                 json(R"({"chatId":"5","userId":"1","name":"Ann","typing":false})"));
        QCOMPARE(ReadEvent({u"5"_s, u"2"_s, 40}).toJson(),
                 json(R"({"chatId":"5","userId":"2","lastReadSeq":40})"));
        QCOMPARE(PresenceEvent({u"2"_s, true}).toJson(), json(R"({"userId":"2","online":true})"));
        QCOMPARE(SyncResult({u"c"_s, {}, {}, {u"7"_s}, false}).toJson(),
                 json(R"({"cursor":"c","messages":[],"chats":[],"removedChatIds":["7"],
                          "hasMore":false})"));
        QCOMPARE(AvatarResult({u"a"_s, u"data:x"_s}).toJson(),
                 json(R"({"avatarId":"a","dataUri":"data:x"})"));
    }

    // A client reading a server's JSON learns which field is wrong, by its full path.
    void invalidMessage_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("message");
        QTest::newRow("seq as string")
            << u"seq"_s << QJsonValue(u"3"_s) << u"message.seq must be a number"_s;
        QTest::newRow("seq fraction")
            << u"seq"_s << QJsonValue(2.5) << u"message.seq must be a whole number"_s;
        QTest::newRow("seq negative")
            << u"seq"_s << QJsonValue(-1) << u"message.seq must be at least 0"_s;
        QTest::newRow("id missing")
            << u"id"_s << QJsonValue(QJsonValue::Undefined) << u"message.id is required"_s;
        QTest::newRow("content null")
            << u"content"_s << QJsonValue(QJsonValue::Null) << u"message.content is required"_s;
        QTest::newRow("deleted string")
            << u"deleted"_s << QJsonValue(u"no"_s) << u"message.deleted must be a boolean"_s;
        QTest::newRow("createdAt no zone")
            << u"createdAt"_s << QJsonValue(u"2026-11-28T09:41:44.123"_s)
            << u"message.createdAt must be an ISO 8601 UTC timestamp"_s;
        QTest::newRow("sender not object")
            << u"sender"_s << QJsonValue(u"1"_s) << u"message.sender must be an object"_s;
        QTest::newRow("sender without name")
            << u"sender"_s << QJsonValue(QJsonObject({{u"id"_s, u"1"_s}}))
            << u"message.sender.name is required"_s;
    }
    void invalidMessage()
    {
        QFETCH(QString, key);
        QFETCH(QJsonValue, value);
        QFETCH(QString, message);
        QJsonObject object = sampleMessage(false).toJson();
        if (value.isUndefined())
            object.remove(key);
        else
            object.insert(key, value);
        QCOMPARE(errorMessage<Message>(object), message);
        QCOMPARE(Message::fromJson(object).error().code, ErrorCode::BadRequest);
    }

    void nestedErrorsNameTheirPath()
    {
        QJsonObject chat = groupChat().toJson();
        QJsonArray members = chat.value(u"members"_s).toArray();
        QJsonObject second = members.at(1).toObject();
        second.remove(u"email"_s);
        members.replace(1, second);
        chat.insert(u"members"_s, members);
        QCOMPARE(errorMessage<Chat>(chat), u"chat.members[1].email is required"_s);

        QJsonObject latest = groupChat().toJson();
        QJsonObject message = latest.value(u"latestMessage"_s).toObject();
        message.insert(u"seq"_s, u"x"_s);
        latest.insert(u"latestMessage"_s, message);
        QCOMPARE(errorMessage<Chat>(latest), u"chat.latestMessage.seq must be a number"_s);

        QJsonObject list = ChatList{{directChat(), groupChat()}}.toJson();
        QJsonArray chats = list.value(u"chats"_s).toArray();
        QJsonObject group = chats.at(1).toObject();
        group.insert(u"isGroup"_s, 1);
        chats.replace(1, group);
        list.insert(u"chats"_s, chats);
        QCOMPARE(errorMessage<ChatList>(list), u"chats[1].isGroup must be a boolean"_s);

        QCOMPARE(errorMessage<UserList>(json(R"({"users":[5]})")), u"users[0] must be an object"_s);
        QCOMPARE(errorMessage<SyncResult>(
                     json(R"({"cursor":"c","messages":[],"chats":[],"removedChatIds":[1],
                              "hasMore":false})")),
                 u"removedChatIds[0] must be a string"_s);
        QCOMPARE(errorMessage<AuthResult>(json(R"({"user":{"id":"1"},"accessToken":"a",
                                                   "refreshToken":"r"})")),
                 u"user.name is required"_s);
        QCOMPARE(errorMessage<TokenPair>(json(R"({"accessToken":"a"})")),
                 u"refreshToken is required"_s);
    }

    void nullableFieldsMayBeAbsent()
    {
        // Older or leaner servers may leave out null fields: read them as null.
        QJsonObject chat = directChat().toJson();
        chat.remove(u"name"_s);
        chat.remove(u"adminId"_s);
        chat.remove(u"latestMessage"_s);
        const auto back = Chat::fromJson(chat);
        QVERIFY(back);
        QVERIFY(back->name.isNull());
        QVERIFY(back->adminId.isNull());
        QVERIFY(!back->latestMessage);
    }
};

QTEST_GUILESS_MAIN(TestShapes)
#include "tst_shapes.moc"
