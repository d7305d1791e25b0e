// SPDX-License-Identifier: GPL-3.0-or-later
#include "aliasaddressclient.h"

#include "testclient.h"

#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>
#include <QtEndian>

using namespace Qt::StringLiterals;

namespace parley::test {

namespace {

constexpr int HandshakeTimeoutMs = 10'000;
constexpr quint8 TextOpcode = 0x1;
constexpr quint8 CloseOpcode = 0x8;

} // namespace

AliasAddressClient::AliasAddressClient(QObject *parent)
    : QObject(parent)
{
    connect(&m_socket, &QTcpSocket::readyRead, this, &AliasAddressClient::readFrames);
}

bool AliasAddressClient::open(const QUrl &url, const QHostAddress &from)
{
    if (!m_socket.bind(from, 0))
        return false;
    m_socket.connectToHost(url.host(), quint16(url.port()));
    if (!m_socket.waitForConnected(HandshakeTimeoutMs))
        return false;
    QByteArray nonce(16, Qt::Uninitialized); // the handshake key: 16 random bytes, base64
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(nonce.data()), 4);
    const QByteArray key = nonce.toBase64();
    const QByteArray host = url.host().toUtf8() + ':' + QByteArray::number(url.port());
    m_socket.write("GET / HTTP/1.1\r\nHost: " + host
                   + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key
                   + "\r\nSec-WebSocket-Version: 13\r\n\r\n");
    return QTest::qWaitFor([this] { return m_upgraded || m_refused; }, HandshakeTimeoutMs)
        && m_upgraded;
}

bool AliasAddressClient::isConnected() const
{
    return m_upgraded && m_socket.state() == QAbstractSocket::ConnectedState && !m_closeCode;
}

QJsonObject AliasAddressClient::request(const QString &op, const QJsonObject &data)
{
    const QString id = u"alias"_s + QString::number(m_nextId++);
    const QJsonObject frame{{"id"_L1, id}, {"op"_L1, op}, {"data"_L1, data}};
    sendText(QJsonDocument(frame).toJson(QJsonDocument::Compact));
    if (!QTest::qWaitFor([&] { return m_responses.contains(id) || !isConnected(); },
                         ResponseTimeoutMs))
        qWarning("no response to %s within %d ms", qPrintable(id), ResponseTimeoutMs);
    return m_responses.take(id);
}

bool AliasAddressClient::waitForDisconnected(int timeoutMs)
{
    return QTest::qWaitFor([this] { return m_socket.state() == QAbstractSocket::UnconnectedState; },
                           timeoutMs);
}

void AliasAddressClient::sendText(const QByteArray &payload)
{
    // A client frame: FIN + opcode, the masked length, the mask, the masked payload.
    QByteArray frame;
    frame.append(char(0x80 | TextOpcode));
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
    char mask[4];
    qToBigEndian(QRandomGenerator::global()->generate(), mask);
    frame.append(mask, 4);
    for (qsizetype i = 0; i < payload.size(); ++i)
        frame.append(char(payload.at(i) ^ mask[i % 4]));
    m_socket.write(frame);
}

bool AliasAddressClient::readHandshake()
{
    const qsizetype end = m_buffer.indexOf("\r\n\r\n");
    if (end < 0)
        return false;
    m_upgraded = m_buffer.startsWith("HTTP/1.1 101");
    m_refused = !m_upgraded;
    m_buffer.remove(0, end + 4);
    return m_upgraded;
}

void AliasAddressClient::readFrames()
{
    m_buffer.append(m_socket.readAll());
    if (!m_upgraded && !readHandshake())
        return;
    // Server frames are unmasked and, for what these tests exchange, never fragmented.
    while (m_buffer.size() >= 2) {
        const quint8 opcode = quint8(m_buffer.at(0)) & 0x0F;
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
        if (opcode == TextOpcode) {
            const QJsonObject frame = QJsonDocument::fromJson(payload).object();
            if (frame.value("id"_L1).isString())
                m_responses.insert(frame.value("id"_L1).toString(), frame);
        } else if (opcode == CloseOpcode) {
            m_closeCode = payload.size() >= 2 ? qFromBigEndian<quint16>(payload.constData()) : 1005;
        }
    }
}

} // namespace parley::test
