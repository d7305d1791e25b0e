// SPDX-License-Identifier: GPL-3.0-or-later
#include "rawwebsocket.h"

#include <QRandomGenerator>
#include <QTest>
#include <QtEndian>

namespace parley::test {

namespace {

constexpr int HandshakeTimeoutMs = 10'000;

} // namespace

RawWebSocket::RawWebSocket(QObject *parent)
    : QObject(parent)
{
    connect(&m_socket, &QTcpSocket::readyRead, this, &RawWebSocket::readFrames);
}

bool RawWebSocket::open(const QUrl &url)
{
    m_socket.connectToHost(url.host(), quint16(url.port()));
    if (!m_socket.waitForConnected(HandshakeTimeoutMs))
        return false;
    const QByteArray host = url.host().toUtf8() + ':' + QByteArray::number(url.port());
    m_socket.write("GET / HTTP/1.1\r\nHost: " + host
                   + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                     "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                     "Sec-WebSocket-Version: 13\r\n\r\n");
    return QTest::qWaitFor([this] { return m_upgraded; }, HandshakeTimeoutMs);
}

void RawWebSocket::sendFrame(Opcode opcode, const QByteArray &payload)
{
    QByteArray frame;
    frame.append(char(0x80 | opcode));
    const auto size = quint64(payload.size());
    if (size < 126) {
        frame.append(char(0x80 | size));
    } else if (size <= 0xFFFF) {
        frame.append(char(0x80 | 126));
        frame.append(char(size >> 8)).append(char(size & 0xFF));
    } else {
        frame.append(char(0x80 | 127));
        for (int shift = 56; shift >= 0; shift -= 8)
            frame.append(char((size >> shift) & 0xFF));
    }
    const quint32 mask = QRandomGenerator::global()->generate();
    char maskBytes[4];
    qToBigEndian(mask, maskBytes);
    frame.append(maskBytes, 4);
    for (qsizetype i = 0; i < payload.size(); ++i)
        frame.append(char(payload.at(i) ^ maskBytes[i % 4]));
    m_socket.write(frame);
}

bool RawWebSocket::waitForText(int timeoutMs)
{
    return QTest::qWaitFor([this] { return !m_texts.isEmpty(); }, timeoutMs);
}

QByteArray RawWebSocket::takeText()
{
    return m_texts.isEmpty() ? QByteArray() : m_texts.takeFirst();
}

bool RawWebSocket::waitForDisconnected(int timeoutMs)
{
    return QTest::qWaitFor([this] { return m_socket.state() == QAbstractSocket::UnconnectedState; },
                           timeoutMs);
}

void RawWebSocket::readFrames()
{
    m_buffer.append(m_socket.readAll());
    if (!m_upgraded) {
        const qsizetype end = m_buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        m_upgraded = m_buffer.startsWith("HTTP/1.1 101");
        m_buffer.remove(0, end + 4);
        if (!m_upgraded) {
            m_socket.abort();
            return;
        }
    }
    // Server frames are unmasked: 2 header bytes, an optional extended length, the payload.
    while (m_buffer.size() >= 2) {
        const auto opcode = quint8(m_buffer.at(0)) & 0x0F;
        quint64 size = quint8(m_buffer.at(1)) & 0x7F;
        qsizetype header = 2;
        if (size == 126) {
            if (m_buffer.size() < 4)
                return;
            size = qFromBigEndian<quint16>(m_buffer.constData() + 2);
            header = 4;
        } else if (size == 127) {
            if (m_buffer.size() < 10)
                return;
            size = qFromBigEndian<quint64>(m_buffer.constData() + 2);
            header = 10;
        }
        if (quint64(m_buffer.size() - header) < size)
            return;
        const QByteArray payload = m_buffer.mid(header, qsizetype(size));
        m_buffer.remove(0, header + qsizetype(size));
        if (opcode == Text)
            m_texts.append(payload);
        else if (opcode == Ping)
            m_sawPing = true;
        else if (opcode == Close && payload.size() >= 2)
            m_closeCode = qFromBigEndian<quint16>(payload.constData());
    }
}

} // namespace parley::test
