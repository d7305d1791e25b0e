#include "discoveryprobe.h"

#include <QJsonDocument>
#include <QNetworkDatagram>

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

void DiscoveryProbe::send(const QByteArray &datagram, quint16 port)
{
    m_socket.writeDatagram(datagram, QHostAddress::LocalHost, port);
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
