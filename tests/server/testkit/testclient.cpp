// SPDX-License-Identifier: GPL-3.0-or-later
#include "testclient.h"

#include "protocolcheck.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkRequest>
#include <QTest>

#include <atomic>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcTestClient, "parley.test.client")

namespace parley::test {

namespace {

constexpr int HandshakeTimeoutMs = 10'000;
constexpr auto TestPassword = "correct horse battery"_L1;

// Emails must be unique within a server; one counter per test process is enough.
QString uniqueEmail(const QString &name)
{
    static std::atomic<int> counter{0};
    QString local;
    for (const QChar c : name.toLower()) {
        if ((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9'))
            local.append(c);
    }
    if (local.isEmpty())
        local = "user"_L1;
    return local + u'.' + QString::number(++counter) + "@example.test"_L1;
}

Account accountFrom(const QJsonObject &data, const QString &password)
{
    const QJsonObject user = data.value("user"_L1).toObject();
    Account account;
    account.id = user.value("id"_L1).toString();
    account.name = user.value("name"_L1).toString();
    account.email = user.value("email"_L1).toString();
    account.password = password;
    account.accessToken = data.value("accessToken"_L1).toString();
    account.refreshToken = data.value("refreshToken"_L1).toString();
    return account;
}

} // namespace

TestClient::TestClient(QObject *parent)
    : QObject(parent)
{
    connect(&m_socket, &QWebSocket::textMessageReceived, this, &TestClient::onTextMessage);
    connect(&m_socket, &QWebSocket::binaryMessageReceived, this,
            [this](const QByteArray &bytes) { onTextMessage(QString::fromUtf8(bytes)); });
    connect(&m_socket, &QWebSocket::disconnected, this, [this] {
        m_closeCode = m_socket.closeCode();
        m_disconnected = true;
    });
}

TestClient::~TestClient()
{
    m_socket.abort();
}

bool TestClient::open(const QUrl &url, const QString &origin)
{
    QNetworkRequest request(url);
    if (!origin.isEmpty())
        request.setRawHeader("Origin", origin.toUtf8());
    m_disconnected = false;
    bool failed = false;
    const auto errorConnection =
        connect(&m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
                [&failed](QAbstractSocket::SocketError) { failed = true; });
    m_socket.open(request);
    const bool opened = QTest::qWaitFor(
        [&] {
            return failed || m_disconnected || m_socket.state() == QAbstractSocket::ConnectedState;
        },
        HandshakeTimeoutMs);
    disconnect(errorConnection);
    return opened && m_socket.state() == QAbstractSocket::ConnectedState;
}

void TestClient::acceptAnyCertificate()
{
    connect(&m_socket, &QWebSocket::sslErrors, this,
            [this](const QList<QSslError> &) { m_socket.ignoreSslErrors(); });
}

void TestClient::close()
{
    m_socket.close();
    if (!QTest::qWaitFor([this] { return m_disconnected; }, EventTimeoutMs))
        m_socket.abort();
}

bool TestClient::isConnected() const
{
    return m_socket.state() == QAbstractSocket::ConnectedState && !m_disconnected;
}

bool TestClient::waitForDisconnected(int timeoutMs)
{
    return QTest::qWaitFor([this] { return m_disconnected; }, timeoutMs);
}

QString TestClient::send(const QString &op, const QJsonObject &data)
{
    QString id = u'r' + QString::number(m_nextId++);
    const QJsonObject frame{{"id"_L1, id}, {"op"_L1, op}, {"data"_L1, data}};
    m_socket.sendTextMessage(
        QString::fromUtf8(QJsonDocument(frame).toJson(QJsonDocument::Compact)));
    return id;
}

QJsonObject TestClient::waitResponse(const QString &id, int timeoutMs)
{
    if (!QTest::qWaitFor([&] { return m_responses.contains(id) || m_disconnected; }, timeoutMs))
        qCWarning(lcTestClient) << "no response to" << id << "within" << timeoutMs << "ms";
    return m_responses.take(id);
}

QJsonObject TestClient::request(const QString &op, const QJsonObject &data, int timeoutMs)
{
    return waitResponse(send(op, data), timeoutMs);
}

void TestClient::fire(const QString &op, const QJsonObject &data)
{
    const QJsonObject frame{{"op"_L1, op}, {"data"_L1, data}};
    m_socket.sendTextMessage(
        QString::fromUtf8(QJsonDocument(frame).toJson(QJsonDocument::Compact)));
}

void TestClient::sendRaw(const QByteArray &utf8Text)
{
    m_socket.sendTextMessage(QString::fromUtf8(utf8Text));
}

void TestClient::sendBinary(const QByteArray &bytes)
{
    m_socket.sendBinaryMessage(bytes);
}

std::optional<QJsonObject> TestClient::waitEvent(const QString &name, const Predicate &matches,
                                                 int timeoutMs)
{
    std::optional<QJsonObject> found;
    const auto take = [&] {
        for (qsizetype i = 0; i < m_events.size(); ++i) {
            const QJsonObject &frame = m_events.at(i);
            const QJsonObject data = frame.value("data"_L1).toObject();
            if (frame.value("event"_L1).toString() == name && (!matches || matches(data))) {
                found = data;
                m_events.removeAt(i);
                return true;
            }
        }
        return false;
    };
    if (!QTest::qWaitFor(take, timeoutMs))
        qCWarning(lcTestClient) << "no" << name << "event within" << timeoutMs << "ms";
    return found;
}

bool TestClient::expectNoEvent(const QString &name, const Predicate &matches, int quietMs)
{
    QTest::qWait(quietMs);
    for (const QJsonObject &frame : std::as_const(m_events)) {
        const QJsonObject data = frame.value("data"_L1).toObject();
        if (frame.value("event"_L1).toString() == name && (!matches || matches(data))) {
            qCWarning(lcTestClient).noquote() << "unexpected event:" << describe(frame);
            return false;
        }
    }
    return true;
}

bool TestClient::hasEvent(const QString &name) const
{
    return std::any_of(m_events.begin(), m_events.end(), [&name](const QJsonObject &frame) {
        return frame.value("event"_L1).toString() == name;
    });
}

QList<QJsonObject> TestClient::takeEvents(const QString &name)
{
    QList<QJsonObject> taken;
    for (qsizetype i = 0; i < m_events.size();) {
        if (m_events.at(i).value("event"_L1).toString() == name)
            taken.append(m_events.takeAt(i).value("data"_L1).toObject());
        else
            ++i;
    }
    return taken;
}

Account TestClient::registerUser(const QString &name, const QJsonObject &extra)
{
    QJsonObject data = extra;
    data.insert("name"_L1, name);
    if (!data.contains("email"_L1))
        data.insert("email"_L1, uniqueEmail(name));
    if (!data.contains("password"_L1))
        data.insert("password"_L1, TestPassword);
    const QJsonObject response = request(u"auth.register"_s, data);
    if (!isOk(response)) {
        qCWarning(lcTestClient).noquote() << "auth.register failed:" << describe(response);
        return {};
    }
    m_account = accountFrom(dataOf(response), data.value("password"_L1).toString());
    return m_account;
}

QJsonObject TestClient::login(const QString &email, const QString &password,
                              const QJsonObject &extra)
{
    QJsonObject data = extra;
    data.insert("email"_L1, email);
    data.insert("password"_L1, password);
    QJsonObject response = request(u"auth.login"_s, data);
    if (isOk(response))
        m_account = accountFrom(dataOf(response), password);
    return response;
}

bool TestClient::authenticate(const Account &account)
{
    const QJsonObject response =
        request(u"auth.token"_s, {{"accessToken"_L1, account.accessToken}});
    if (!isOk(response)) {
        qCWarning(lcTestClient).noquote() << "auth.token failed:" << describe(response);
        return false;
    }
    m_account = account;
    return dataOf(response).value("user"_L1).toObject().value("id"_L1).toString() == account.id;
}

QString TestClient::directChat(const QString &otherUserId)
{
    const QJsonObject response = request(u"chat.direct"_s, {{"userId"_L1, otherUserId}});
    if (!isOk(response))
        qCWarning(lcTestClient).noquote() << "chat.direct failed:" << describe(response);
    return dataOf(response).value("chat"_L1).toObject().value("id"_L1).toString();
}

QString TestClient::createGroup(const QString &name, const QStringList &userIds)
{
    const QJsonObject response =
        request(u"chat.createGroup"_s,
                {{"name"_L1, name}, {"userIds"_L1, QJsonArray::fromStringList(userIds)}});
    if (!isOk(response))
        qCWarning(lcTestClient).noquote() << "chat.createGroup failed:" << describe(response);
    return dataOf(response).value("chat"_L1).toObject().value("id"_L1).toString();
}

QJsonObject TestClient::sendMessage(const QString &chatId, const QString &content,
                                    const QString &clientId)
{
    const QJsonObject response =
        request(u"message.send"_s,
                {{"chatId"_L1, chatId},
                 {"clientId"_L1, clientId.isEmpty() ? uniqueClientId() : clientId},
                 {"content"_L1, content}});
    if (!isOk(response))
        qCWarning(lcTestClient).noquote() << "message.send failed:" << describe(response);
    return dataOf(response).value("message"_L1).toObject();
}

QJsonObject TestClient::chatFromList(const QString &chatId)
{
    const QJsonObject response = request(u"chat.list"_s);
    const QJsonArray chats = dataOf(response).value("chats"_L1).toArray();
    for (const auto &chat : chats) {
        if (chat.toObject().value("id"_L1).toString() == chatId)
            return chat.toObject();
    }
    qCWarning(lcTestClient).noquote()
        << "chat" << chatId << "not in chat.list:" << describe(response);
    return {};
}

void TestClient::onTextMessage(const QString &text)
{
    ++m_frameCount;
    const QJsonObject frame = QJsonDocument::fromJson(text.toUtf8()).object();
    if (frame.contains("event"_L1)) {
        m_events.append(frame);
    } else if (frame.contains("id"_L1)) {
        ++m_responseCount;
        // A non-string id (the server echoing a client's bad id) is filed under its JSON text.
        const QJsonValue id = frame.value("id"_L1);
        m_responses.insert(id.isString() ? id.toString()
                                         : (id.isNull() ? u"null"_s : id.toVariant().toString()),
                           frame);
    } else {
        qCWarning(lcTestClient).noquote() << "frame that is neither response nor event:" << text;
    }
    emit frameReceived(frame);
}

} // namespace parley::test
