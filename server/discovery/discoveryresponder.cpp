// SPDX-License-Identifier: GPL-3.0-or-later
#include "discoveryresponder.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkDatagram>
#include <QUdpSocket>

Q_LOGGING_CATEGORY(lcServerDiscovery, "parley.server.discovery")

using namespace Qt::StringLiterals;

namespace parley::server {

namespace {

constexpr qint64 WindowMs = 60'000;
// Sources remembered at once; beyond, the table is cleared rather than grown (a spoofing flood).
constexpr qsizetype MaxTrackedSources = 4096;

} // namespace

DiscoveryResponder::DiscoveryResponder(Announcement announcement, QObject *parent)
    : QObject(parent)
    , m_announcement(std::move(announcement))
{ }

DiscoveryResponder::~DiscoveryResponder() = default;

bool DiscoveryResponder::start(const QHostAddress &serverAddress, quint16 port, QString *error)
{
    m_socket = std::make_unique<QUdpSocket>();
    // A server on loopback answers this computer only (answersSender), but it still binds every
    // interface: a socket bound to 127.0.0.1 never hears the local group.
    m_serverAddress = serverAddress;
    // Two servers on one host both answer; the second must not fail to bind.
    if (!m_socket->bind(QHostAddress::AnyIPv4, port,
                        QUdpSocket::ShareAddress | QUdpSocket::ReuseAddressHint)) {
        *error = u"cannot bind UDP port %1: %2"_s.arg(port).arg(m_socket->errorString());
        m_socket.reset();
        return false;
    }
    joinLocalGroup();
    connect(m_socket.get(), &QUdpSocket::readyRead, this, &DiscoveryResponder::readPending);
    return true;
}

void DiscoveryResponder::joinLocalGroup()
{
    const QHostAddress group = discovery::localGroup();
    for (const QNetworkInterface &interface : discovery::loopbackInterfaces()) {
        if (m_socket->joinMulticastGroup(group, interface))
            return;
        // Not fatal: the unicast query to 127.0.0.1 still reaches one of this computer's servers.
        qCInfo(lcServerDiscovery) << "cannot join" << group << "on" << interface.name() << ":"
                                  << m_socket->errorString();
    }
}

quint16 DiscoveryResponder::port() const
{
    return m_socket ? m_socket->localPort() : 0;
}

bool DiscoveryResponder::isQuery(const QByteArray &datagram)
{
    if (datagram.isEmpty() || datagram.size() > MaxQueryBytes)
        return false;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(datagram, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return false;
    const QJsonObject query = document.object();
    return query.value("parley"_L1) == "discover"_L1 && query.value("v"_L1).toInt() == 1;
}

QByteArray DiscoveryResponder::answer() const
{
    // Kept small: an answer no bigger than a few queries gives a spoofer nothing to amplify.
    const QJsonObject object{
        {u"parley"_s, u"server"_s},
        {u"v"_s, 1},
        {u"name"_s, m_announcement.name.left(64)},
        {u"port"_s, int(m_announcement.port)},
        {u"tls"_s, m_announcement.tls},
        {u"fingerprint"_s,
         m_announcement.fingerprint.isEmpty() ? QJsonValue(QJsonValue::Null)
                                              : QJsonValue(m_announcement.fingerprint)},
        {u"version"_s, m_announcement.version},
    };
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

void DiscoveryResponder::readPending()
{
    while (m_socket && m_socket->hasPendingDatagrams()) {
        // Oversized datagrams are read whole (and dropped) so they do not stay queued.
        const QNetworkDatagram datagram = m_socket->receiveDatagram(MaxQueryBytes + 1);
        if (!datagram.isValid() || !isQuery(datagram.data()))
            continue;
        const QHostAddress sender = datagram.senderAddress();
        if (sender.isNull() || datagram.senderPort() <= 0
            || !answersSender(m_serverAddress, sender))
            continue;
        if (!allowAnswerTo(sender.toString())) {
            qCDebug(lcServerDiscovery) << "not answering" << sender << "(rate limit)";
            continue;
        }
        m_socket->writeDatagram(answer(), sender, quint16(datagram.senderPort()));
    }
}

bool DiscoveryResponder::answersSender(const QHostAddress &serverAddress,
                                       const QHostAddress &sender)
{
    return !serverAddress.isLoopback() || sender.isLoopback();
}

bool DiscoveryResponder::allowAnswerTo(const QString &source)
{
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    if (m_answered.size() >= MaxTrackedSources && !m_answered.contains(source))
        m_answered.clear();
    Window &window = m_answered[source];
    if (nowMs - window.startMs >= WindowMs)
        window = {nowMs, 0};
    if (window.answers >= AnswersPerMinute)
        return false;
    ++window.answers;
    return true;
}

} // namespace parley::server
