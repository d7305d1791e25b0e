// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QJsonObject>
#include <QObject>
#include <QTcpSocket>
#include <QUrl>

#include <optional>

namespace parley::test {

// A minimal Parley client that connects from a chosen loopback address (127.0.0.2, …), so that a
// test can show that per-address limits leave other addresses alone. QWebSocket cannot pick its
// source address; every 127.x.y.z address reaches a server bound to 127.0.0.1 on Linux.
class AliasAddressClient : public QObject
{
    Q_OBJECT

public:
    explicit AliasAddressClient(QObject *parent = nullptr);

    // Binds to `from`, connects and upgrades; false when any step fails.
    [[nodiscard]] bool open(const QUrl &url, const QHostAddress &from);
    bool isConnected() const;
    QHostAddress localAddress() const { return m_socket.localAddress(); }

    // Sends a request and waits for its response; {} when none came in time.
    QJsonObject request(const QString &op, const QJsonObject &data = {});
    [[nodiscard]] bool waitForDisconnected(int timeoutMs);
    std::optional<quint16> closeCode() const { return m_closeCode; }

private:
    void sendText(const QByteArray &payload);
    void readFrames();
    bool readHandshake();

    QTcpSocket m_socket;
    QByteArray m_buffer;
    QHash<QString, QJsonObject> m_responses;
    std::optional<quint16> m_closeCode;
    bool m_upgraded = false;
    bool m_refused = false;
    int m_nextId = 1;
};

} // namespace parley::test
