// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHostAddress>
#include <QJsonObject>
#include <QList>
#include <QUdpSocket>

namespace parley::test {

// A UDP port nobody uses right now, for a server's discovery responder in a test.
quint16 freeUdpPort();
// An IPv4 address of this machine that is not loopback (traffic to it stays on this machine),
// or a null address when it has none.
QHostAddress ownNonLoopbackAddress();

// A client's UDP socket on loopback that sends discovery queries and collects what comes back.
class DiscoveryProbe
{
public:
    explicit DiscoveryProbe(const QHostAddress &from = QHostAddress(QHostAddress::LocalHost));

    bool isBound() const { return m_socket.state() == QAbstractSocket::BoundState; }
    void send(const QByteArray &datagram, quint16 port,
              const QHostAddress &to = QHostAddress(QHostAddress::LocalHost));
    void sendQuery(quint16 port, const QHostAddress &to = QHostAddress(QHostAddress::LocalHost))
    {
        send(R"({"parley":"discover","v":1})", port, to);
    }
    // Reads what has arrived; the datagrams received so far, oldest first.
    const QList<QByteArray> &received();
    QJsonObject answer(qsizetype i) { return parse(received().at(i)); }
    static QJsonObject parse(const QByteArray &datagram);

private:
    QUdpSocket m_socket;
    QList<QByteArray> m_received;
};

} // namespace parley::test
