// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QString>
#include <QUrl>

#include <functional>
#include <memory>

class QWebSocket;

namespace parley::test {

// One connection of the dispatch fuzzer. It keeps only the responses someone waits for, so a long
// fuzzing run holds nothing per input, and it reconnects and signs in again when an input made the
// server close it.
class FuzzClient : public QObject
{
public:
    explicit FuzzClient(QUrl url, QObject *parent = nullptr);
    ~FuzzClient() override;

    // Called after every frame received and when the connection ends, so a waiter can re-check.
    void setActivityHandler(std::function<void()> handler) { m_onActivity = std::move(handler); }

    bool isConnected() const;
    // Opens a new connection when there is none; false when the handshake fails.
    bool ensureConnected(int timeoutMs);

    // Sends a request and remembers its id so its response is kept.
    QString request(const QString &op, const QJsonObject &data = {});
    bool hasAnswer(const QString &id) const { return m_answers.contains(id); }
    QJsonObject takeAnswer(const QString &id);
    // The bytes as one frame: text when they are valid UTF-8, binary (which the server reads the
    // same way) when they are not, since QWebSocket cannot send invalid UTF-8 as text.
    void sendFrame(QByteArrayView bytes);

private:
    void onText(const QString &text);

    QUrl m_url;
    QWebSocket *m_socket = nullptr;
    QSet<QString> m_awaited;
    QHash<QString, QJsonObject> m_answers;
    std::function<void()> m_onActivity;
    quint64 m_nextId = 1;
};

// Runs the event loop until `done` holds or `timeoutMs` pass; re-checks on every activity of the
// given clients. True when `done` holds.
bool waitUntil(const std::function<bool()> &done, int timeoutMs,
               std::initializer_list<FuzzClient *> clients);

} // namespace parley::test
