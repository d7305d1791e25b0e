// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <QWebSocket>

#include <functional>
#include <optional>

namespace parley::test {

inline constexpr int ResponseTimeoutMs = 15'000; // generous: hashing shares two cores with builds
inline constexpr int EventTimeoutMs = 5'000;
inline constexpr int QuietMs = 300; // how long "nothing arrived" is watched for

// What a test knows about a registered user.
struct Account
{
    QString id;
    QString name;
    QString email;
    QString password;
    QString accessToken;
    QString refreshToken;

    bool isValid() const { return !id.isEmpty(); }
};

// One WebSocket connection speaking the Parley protocol as raw JSON, the way an independent
// client would: requests matched to responses by id, events queued until a test takes them.
class TestClient : public QObject
{
    Q_OBJECT

public:
    using Predicate = std::function<bool(const QJsonObject &data)>;

    explicit TestClient(QObject *parent = nullptr);
    ~TestClient() override;

    // Connects and waits for the handshake; false when it is refused or times out.
    [[nodiscard]] bool open(const QUrl &url, const QString &origin = {});
    void close();
    // For wss:// to a test server's self-signed certificate; certificate checks have tests of
    // their own (tests/tls).
    void acceptAnyCertificate();
    bool isConnected() const;
    [[nodiscard]] bool waitForDisconnected(int timeoutMs = EventTimeoutMs);
    QWebSocketProtocol::CloseCode closeCode() const { return m_closeCode; }

    // Sends a request and returns its id without waiting.
    QString send(const QString &op, const QJsonObject &data = {});
    // The response with this id, or {} when none came within the timeout.
    QJsonObject waitResponse(const QString &id, int timeoutMs = ResponseTimeoutMs);
    bool hasResponse(const QString &id) const { return m_responses.contains(id); }
    bool hasEvent(const QString &name) const;
    QJsonObject request(const QString &op, const QJsonObject &data = {},
                        int timeoutMs = ResponseTimeoutMs);
    void fire(const QString &op, const QJsonObject &data = {}); // no id: no response expected
    void sendRaw(const QByteArray &utf8Text);
    void sendBinary(const QByteArray &bytes);

    // Takes the first queued event with this name (and matching data) or waits for one.
    std::optional<QJsonObject> waitEvent(const QString &name, const Predicate &matches = {},
                                         int timeoutMs = EventTimeoutMs);
    // True when no such event is queued or arrives within quietMs.
    [[nodiscard]] bool expectNoEvent(const QString &name, const Predicate &matches = {},
                                     int quietMs = QuietMs);
    QList<QJsonObject> takeEvents(const QString &name); // the data of every queued one
    void clearEvents() { m_events.clear(); }
    int responseCount() const { return m_responseCount; }
    int frameCount() const { return m_frameCount; }

    // auth.register with a unique email; on success the connection is signed in as it.
    Account registerUser(const QString &name, const QJsonObject &extra = {});
    // auth.login; on success account() is the signed-in user.
    QJsonObject login(const QString &email, const QString &password, const QJsonObject &extra = {});
    // auth.token; true when the connection is now signed in as account.
    [[nodiscard]] bool authenticate(const Account &account);
    const Account &account() const { return m_account; }
    QString userId() const { return m_account.id; }

    // Shortcuts that must succeed; each returns {} and logs the response when they do not.
    QString directChat(const QString &otherUserId);
    QString createGroup(const QString &name, const QStringList &userIds);
    QJsonObject sendMessage(const QString &chatId, const QString &content,
                            const QString &clientId = {});
    QJsonObject chatFromList(const QString &chatId); // this user's view in chat.list

signals:
    // Every frame the server sent, as it arrived (after it was queued).
    void frameReceived(const QJsonObject &frame);

private:
    void onTextMessage(const QString &text);

    QWebSocket m_socket;
    QHash<QString, QJsonObject> m_responses;
    QList<QJsonObject> m_events; // whole frames: {"event", "data"}
    Account m_account;
    QWebSocketProtocol::CloseCode m_closeCode = QWebSocketProtocol::CloseCodeNormal;
    bool m_disconnected = false;
    int m_nextId = 1;
    int m_responseCount = 0;
    int m_frameCount = 0;
};

} // namespace parley::test
