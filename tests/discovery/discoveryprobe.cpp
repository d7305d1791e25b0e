// SPDX-License-Identifier: GPL-3.0-or-later
#include "discoveryprobe.h"

#include <QJsonDocument>
#include <QNetworkDatagram>
#include <QNetworkInterface>

namespace parley::test {

quint16 freeUdpPort()
{
    QUdpSocket socket;
    if (!socket.bind(QHostAddress::LocalHost, 0))
        return 0;
    return socket.localPort();
}

DiscoveryProbe::DiscoveryProbe(const QHostAddress &from)
{
    m_socket.bind(from, 0);
}

QHostAddress ownNonLoopbackAddress()
{
    const auto addresses = QNetworkInterface::allAddresses();
    for (const QHostAddress &address : addresses) {
        if (address.protocol() == QAbstractSocket::IPv4Protocol && !address.isLoopback())
            return address;
    }
    return {};
}

void DiscoveryProbe::send(const QByteArray &datagram, quint16 port, const QHostAddress &to)
{
    m_socket.writeDatagram(datagram, to, port);
}

const QList<QByteArray> &DiscoveryProbe::received()
{
    while (m_socket.hasPendingDatagrams())
        m_received.append(m_socket.receiveDatagram().data());
    return m_received;
}

QJsonObject DiscoveryProbe::parse(const QByteArray &datagram)
{
    return QJsonDocument::fromJson(datagram).object();
}

} // namespace parley::test
