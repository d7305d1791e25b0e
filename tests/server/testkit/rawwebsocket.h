// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QObject>
#include <QTcpSocket>
#include <QUrl>

#include <optional>

namespace parley::test {

// A hand-rolled WebSocket client for what QWebSocket refuses to do: send a text frame that is not
// valid UTF-8, or stay silent (never answer a ping). It reads frames only far enough to find the
// server's text frames and close code.
class RawWebSocket : public QObject
{
    Q_OBJECT

public:
    enum Opcode : quint8 { Text = 0x1, Binary = 0x2, Close = 0x8, Ping = 0x9, Pong = 0xA };

    explicit RawWebSocket(QObject *parent = nullptr);

    [[nodiscard]] bool open(const QUrl &url); // TCP connect and the HTTP upgrade
    void sendFrame(Opcode opcode, const QByteArray &payload); // masked, as a client must
    bool waitForText(int timeoutMs); // a text frame arrived (taken by takeText)
    QByteArray takeText();
    [[nodiscard]] bool waitForDisconnected(int timeoutMs);
    std::optional<quint16> closeCode() const { return m_closeCode; } // from the server's Close
    bool sawPing() const { return m_sawPing; }

private:
    void readFrames();

    QTcpSocket m_socket;
    QByteArray m_buffer;
    QList<QByteArray> m_texts;
    std::optional<quint16> m_closeCode;
    bool m_upgraded = false;
    bool m_sawPing = false;
};

} // namespace parley::test
