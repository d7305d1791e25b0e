// SPDX-License-Identifier: GPL-3.0-or-later
#include "requests.h"

#include "jsonreader.h"
#include "protocollimits.h"
#include "validation.h"

#include <QJsonArray>
#include <QSet>

using namespace Qt::StringLiterals;

namespace parley {

namespace {

// An invite code as `parley-server invite` prints it is 24 characters; more is never a code.
constexpr qsizetype InviteMaxChars = 64;

void check(JsonReader &reader, const std::optional<Error> &error)
{
    if (error && reader.ok())
        reader.fail(*error);
}

QString readId(JsonReader &reader, QStringView key)
{
    QString id = reader.string(key);
    if (reader.ok())
        check(reader, checkId(reader.fieldName(key), id));
    return id;
}

QString readName(JsonReader &reader, QStringView key)
{
    QString name = reader.string(key).trimmed();
    if (reader.ok())
        check(reader, checkName(reader.fieldName(key), name));
    return name;
}

QString readContent(JsonReader &reader, QStringView key)
{
    QString content = trimmedContent(reader.string(key));
    if (reader.ok())
        check(reader, checkContent(reader.fieldName(key), content));
    return content;
}

// A string of 1 to maxChars code points, such as a token or a device name.
void checkBounded(JsonReader &reader, QStringView key, const QString &text, qsizetype maxChars)
{
    if (!reader.ok())
        return;
    if (text.isEmpty())
        reader.fail(key, u"must not be empty"_s);
    else if (const auto error = checkPlainText(reader.fieldName(key), text))
        reader.fail(*error);
    else if (codePointCount(text) > maxChars)
        reader.fail(key, u"must be at most "_s + QString::number(maxChars) + u" characters"_s);
}

// Login and the current password are compared, not set: only bound them, so that hashing a
// huge input never costs the server, and let a wrong one fail as a wrong password.
void checkPasswordToCompare(JsonReader &reader, QStringView key, const QString &password)
{
    if (!reader.ok())
        return;
    if (password.isEmpty())
        reader.fail(key, u"must not be empty"_s);
    else if (password.toUtf8().size() > limits::PasswordMaxBytes)
        reader.fail(
            key, u"must be at most "_s + QString::number(limits::PasswordMaxBytes) + u" bytes"_s);
}

void insertIfSet(QJsonObject &object, const QString &key, const QString &value)
{
    if (!value.isNull())
        object.insert(key, value);
}

} // namespace

QJsonObject RegisterRequest::toJson() const
{
    QJsonObject data{{u"name"_s, name}, {u"email"_s, email}, {u"password"_s, password}};
    insertIfSet(data, u"avatar"_s, avatar);
    insertIfSet(data, u"invite"_s, invite);
    return data;
}

Result<RegisterRequest> RegisterRequest::fromJson(const QJsonObject &data)
{
    JsonReader reader(data);
    RegisterRequest request;
    request.name = readName(reader, u"name");
    request.email = reader.string(u"email").trimmed();
    check(reader, checkEmail(u"email"_s, request.email));
    request.password = reader.string(u"password");
    check(reader, checkPassword(u"password"_s, request.password));
    request.avatar = reader.nullableString(u"avatar");
    if (!request.avatar.isNull())
        check(reader, checkAvatarDataUri(u"avatar"_s, request.avatar));
    request.invite = reader.nullableString(u"invite");
    if (!request.invite.isNull())
        checkBounded(reader, u"invite", request.invite, InviteMaxChars);
    return reader.finish(request);
}

QJsonObject LoginRequest::toJson() const
{
    QJsonObject data{{u"email"_s, email}, {u"password"_s, password}};
    insertIfSet(data, u"device"_s, device);
    return data;
}

Result<LoginRequest> LoginRequest::fromJson(const QJsonObject &data)
{
    JsonReader reader(data);
    LoginRequest request;
    // No format check: a malformed email is just an unknown account, answered as such.
    request.email = reader.string(u"email").trimmed();
    checkBounded(reader, u"email", request.email, limits::EmailMaxChars);
    request.password = reader.string(u"password");
    checkPasswordToCompare(reader, u"password", request.password);
    request.device = reader.nullableString(u"device");
    if (!request.device.isNull())
        checkBounded(reader, u"device", request.device, limits::DeviceMaxChars);
    return reader.finish(request);
}

QJsonObject TokenRequest::toJson() const
{
    return {{u"accessToken"_s, accessToken}};
}

Result<TokenRequest> TokenRequest::fromJson(const QJsonObject &data)
{
    JsonReader reader(data);
    TokenRequest request;
    request.accessToken = reader.string(u"accessToken");
    checkBounded(reader, u"accessToken", request.accessToken, limits::TokenMaxChars);
    return reader.finish(request);
}

QJsonObject RefreshRequest::toJson() const
{
    return {{u"refreshToken"_s, refreshToken}};
}

Result<RefreshRequest> RefreshRequest::fromJson(const QJsonObject &data)
{
    JsonReader reader(data);
    RefreshRequest request;
    request.refreshToken = reader.string(u"refreshToken");
    checkBounded(reader, u"refreshToken", request.refreshToken, limits::TokenMaxChars);
    return reader.finish(request);
}

QJsonObject LogoutRequest::toJson() const
{
    return {{u"all"_s, all}};
}

Result<LogoutRequest> LogoutRequest::fromJson(const QJsonObject &data)
{
    JsonReader reader(data);
    LogoutRequest request;
    request.all = reader.optionalBoolean(u"all").value_or(false);
    return reader.finish(request);
}

QJsonObject UserUpdateRequest::toJson() const
{
    QJsonObject data;
    if (name)
        data.insert(u"name"_s, *name);
    if (avatar)
        data.insert(u"avatar"_s, avatar->isNull() ? QJsonValue(QJsonValue::Null) : *avatar);
    if (password)
        data.insert(u"password"_s, *password);
    if (currentPassword)
        data.insert(u"currentPassword"_s, *currentPassword);
    return data;
}

Result<UserUpdateRequest> UserUpdateRequest::fromJson(const QJsonObject &data)
{
    JsonReader reader(data);
    UserUpdateRequest request;
    if (const auto name = reader.optionalString(u"name")) {
        request.name = name->trimmed();
        check(reader, checkName(u"name"_s, *request.name));
    }
    if (data.contains(u"avatar")) {
        // Present and null removes the picture.
        request.avatar = reader.nullableString(u"avatar");
        if (!request.avatar->isNull())
            check(reader, checkAvatarDataUri(u"avatar"_s, *request.avatar));
    }
    request.password = reader.optionalString(u"password");
    if (request.password)
        check(reader, checkPassword(u"password"_s, *request.password));
    request.currentPassword = reader.optionalString(u"currentPassword");
    if (request.currentPassword)
        checkPasswordToCompare(reader, u"currentPassword", *request.currentPassword);
    if (reader.ok() && request.password && !request.currentPassword)
        reader.fail(u"currentPassword", u"is required to change the password"_s);
    return reader.finish(request);
}

QJsonObject AvatarGetRequest::toJson() const
{
    return {{u"avatarId"_s, avatarId}};
}

Result<AvatarGetRequest> AvatarGetRequest::fromJson(const QJsonObject &data)
{
    JsonReader reader(data);
    AvatarGetRequest request;
    request.avatarId = readId(reader, u"avatarId");
    return reader.finish(request);
}

QJsonObject UserSearchRequest::toJson() const
{
    return {{u"query"_s, query}, {u"limit"_s, limit}};
}

Result<UserSearchRequest> UserSearchRequest::fromJson(const QJsonObject &data)
{
    JsonReader reader(data);
    UserSearchRequest request;
    request.query = reader.string(u"query").trimmed();
    if (reader.ok() && request.query.isEmpty())
        reader.fail(u"query", u"is required"_s);
    checkBounded(reader, u"query", request.query, limits::SearchQueryMaxChars);
    request.limit = static_cast<int>(reader.optionalInteger(u"limit", 1, limits::SearchMaxLimit)
                                         .value_or(limits::SearchDefaultLimit));
    return reader.finish(request);
}

QJsonObject ChatDirectRequest::toJson() const
{
    return {{u"userId"_s, userId}};
}

Result<ChatDirectRequest> ChatDirectRequest::fromJson(const QJsonObject &data)
{
    JsonReader reader(data);
    ChatDirectRequest request;
    request.userId = readId(reader, u"userId");
    return reader.finish(request);
}

QJsonObject ChatCreateGroupRequest::toJson() const
{
    return {{u"name"_s, name}, {u"userIds"_s, QJsonArray::fromStringList(userIds)}};
}

Result<ChatCreateGroupRequest> ChatCreateGroupRequest::fromJson(const QJsonObject &data)
{
    JsonReader reader(data);
    ChatCreateGroupRequest request;
    request.name = readName(reader, u"name");
    const QStringList given = reader.stringList(u"userIds");
    QSet<QString> seen;
    for (qsizetype i = 0; reader.ok() && i < given.size(); ++i) {
        check(reader, checkId(u"userIds["_s + QString::number(i) + u']', given.at(i)));
        if (!seen.contains(given.at(i))) {
            seen.insert(given.at(i));
            request.userIds.append(given.at(i));
        }
        if (reader.ok() && request.userIds.size() > limits::GroupMaxUserIds)
            reader.fail(u"userIds",
                        u"must name at most "_s + QString::number(limits::GroupMaxUserIds)
                            + u" users"_s);
    }
    if (reader.ok() && request.userIds.size() < limits::GroupMinOtherMembers)
        reader.fail(u"userIds",
                    u"must name at least "_s + QString::number(limits::GroupMinOtherMembers)
                        + u" other users"_s);
    return reader.finish(request);
}

QJsonObject ChatRenameRequest::toJson() const
{
    return {{u"chatId"_s, chatId}, {u"name"_s, name}};
}

Result<ChatRenameRequest> ChatRenameRequest::fromJson(const QJsonObject &data)
{
    JsonReader reader(data);
    ChatRenameRequest request;
    request.chatId = readId(reader, u"chatId");
    request.name = readName(reader, u"name");
    return reader.finish(request);
}

QJsonObject ChatMemberRequest::toJson() const
{
    return {{u"chatId"_s, chatId}, {u"userId"_s, userId}};
}

Result<ChatMemberRequest> ChatMemberRequest::fromJson(const QJsonObject &data)
{
    JsonReader reader(data);
    ChatMemberRequest request;
    request.chatId = readId(reader, u"chatId");
    request.userId = readId(reader, u"userId");
    return reader.finish(request);
}

QJsonObject MessageSendRequest::toJson() const
{
    return {{u"chatId"_s, chatId}, {u"clientId"_s, clientId}, {u"content"_s, content}};
}

Result<MessageSendRequest> MessageSendRequest::fromJson(const QJsonObject &data)
{
    JsonReader reader(data);
    MessageSendRequest request;
    request.chatId = readId(reader, u"chatId");
    request.clientId = reader.string(u"clientId");
    if (reader.ok())
        check(reader, checkClientId(u"clientId"_s, request.clientId));
    request.content = readContent(reader, u"content");
    return reader.finish(request);
}

QJsonObject MessageHistoryRequest::toJson() const
{
    QJsonObject data{{u"chatId"_s, chatId}, {u"limit"_s, limit}};
    if (beforeSeq)
        data.insert(u"beforeSeq"_s, *beforeSeq);
    return data;
}

Result<MessageHistoryRequest> MessageHistoryRequest::fromJson(const QJsonObject &data)
{
    JsonReader reader(data);
    MessageHistoryRequest request;
    request.chatId = readId(reader, u"chatId");
    request.beforeSeq = reader.optionalInteger(u"beforeSeq", 1);
    request.limit = static_cast<int>(reader.optionalInteger(u"limit", 1, limits::HistoryMaxLimit)
                                         .value_or(limits::HistoryDefaultLimit));
    return reader.finish(request);
}

QJsonObject MessageEditRequest::toJson() const
{
    return {{u"messageId"_s, messageId}, {u"content"_s, content}};
}

Result<MessageEditRequest> MessageEditRequest::fromJson(const QJsonObject &data)
{
    JsonReader reader(data);
    MessageEditRequest request;
    request.messageId = readId(reader, u"messageId");
    request.content = readContent(reader, u"content");
    return reader.finish(request);
}

QJsonObject MessageDeleteRequest::toJson() const
{
    return {{u"messageId"_s, messageId}};
}

Result<MessageDeleteRequest> MessageDeleteRequest::fromJson(const QJsonObject &data)
{
    JsonReader reader(data);
    MessageDeleteRequest request;
    request.messageId = readId(reader, u"messageId");
    return reader.finish(request);
}

QJsonObject MarkReadRequest::toJson() const
{
    return {{u"chatId"_s, chatId}, {u"seq"_s, seq}};
}

Result<MarkReadRequest> MarkReadRequest::fromJson(const QJsonObject &data)
{
    JsonReader reader(data);
    MarkReadRequest request;
    request.chatId = readId(reader, u"chatId");
    request.seq = reader.integer(u"seq", 0);
    return reader.finish(request);
}

QJsonObject SyncRequest::toJson() const
{
    QJsonObject data;
    insertIfSet(data, u"cursor"_s, cursor);
    return data;
}

Result<SyncRequest> SyncRequest::fromJson(const QJsonObject &data)
{
    JsonReader reader(data);
    SyncRequest request;
    request.cursor = reader.nullableString(u"cursor");
    // An empty cursor is read as no cursor: the client has none yet.
    if (request.cursor.isEmpty())
        request.cursor = QString();
    else
        checkBounded(reader, u"cursor", request.cursor, limits::SyncCursorMaxChars);
    return reader.finish(request);
}

QJsonObject TypingRequest::toJson() const
{
    return {{u"chatId"_s, chatId}};
}

Result<TypingRequest> TypingRequest::fromJson(const QJsonObject &data)
{
    JsonReader reader(data);
    TypingRequest request;
    request.chatId = readId(reader, u"chatId");
    return reader.finish(request);
}

} // namespace parley
