// SPDX-License-Identifier: GPL-3.0-or-later
#include "serverdiscovery.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkDatagram>
#include <QNetworkInterface>
#include <QUdpSocket>
#include <QUrl>

Q_LOGGING_CATEGORY(lcClientDiscovery, "parley.client.discovery")

using namespace Qt::StringLiterals;

namespace parley::client {

namespace {

constexpr qsizetype MaxAnswerBytes = 1024;
constexpr int SearchMs = 1500;

// The server an answer describes, or nothing when it is not a well-formed version 1 answer.
std::optional<ServerDiscovery::Server> parseAnswer(const QNetworkDatagram &datagram)
{
    if (datagram.data().size() > MaxAnswerBytes)
        return std::nullopt;
    const QJsonObject answer = QJsonDocument::fromJson(datagram.data()).object();
    const int port = answer.value("port"_L1).toInt();
    if (answer.value("parley"_L1) != "server"_L1 || answer.value("v"_L1).toInt() != 1
        || !answer.value("name"_L1).isString() || port < 1 || port > 65535)
        return std::nullopt;
    ServerDiscovery::Server server;
    server.name = answer.value("name"_L1).toString().left(64);
    server.port = quint16(port);
    server.tls = answer.value("tls"_L1).toBool();
    server.fingerprint = answer.value("fingerprint"_L1).toString();
    bool isIPv4 = false;
    const quint32 ipv4 = datagram.senderAddress().toIPv4Address(&isIPv4);
    server.address = isIPv4 ? QHostAddress(ipv4) : datagram.senderAddress();
    return server;
}

} // namespace

QString ServerDiscovery::Server::url() const
{
    QUrl url;
    url.setScheme(tls ? u"wss"_s : u"ws"_s);
    url.setHost(address.toString());
    url.setPort(port);
    url.setPath(u"/"_s);
    return url.toString();
}

QString ServerDiscovery::Server::label() const
{
    return u"%1 — %2:%3"_s.arg(name, address.toString()).arg(port);
}

ServerDiscovery::ServerDiscovery(QObject *parent)
    : QAbstractListModel(parent)
{
    m_searching.setSingleShot(true);
    m_searching.setInterval(SearchMs);
    connect(&m_searching, &QTimer::timeout, this, &ServerDiscovery::searchingChanged);
}

ServerDiscovery::~ServerDiscovery() = default;

int ServerDiscovery::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_servers.size());
}

QVariant ServerDiscovery::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Server &server = m_servers.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case LabelRole:
        return server.label();
    case NameRole:
        return server.name;
    case AddressRole:
        return server.address.toString();
    case PortRole:
        return int(server.port);
    case UrlRole:
        return server.url();
    case FingerprintRole:
        return server.fingerprint;
    case TlsRole:
        return server.tls;
    default:
        return {};
    }
}

QHash<int, QByteArray> ServerDiscovery::roleNames() const
{
    return {{NameRole, "name"},  {AddressRole, "address"},         {PortRole, "port"},
            {UrlRole, "url"},    {FingerprintRole, "fingerprint"}, {TlsRole, "tls"},
            {LabelRole, "label"}};
}

void ServerDiscovery::setPort(int port)
{
    if (port < 1 || port > 65535 || port == m_port)
        return;
    m_port = quint16(port);
    emit portChanged();
}

void ServerDiscovery::setBroadcast(bool broadcast)
{
    if (broadcast == m_broadcast)
        return;
    m_broadcast = broadcast;
    emit broadcastChanged();
}

QVariantMap ServerDiscovery::get(int row) const
{
    QVariantMap map;
    if (row < 0 || row >= rowCount())
        return map;
    const auto names = roleNames();
    for (auto it = names.cbegin(); it != names.cend(); ++it)
        map.insert(QString::fromLatin1(it.value()), data(index(row), it.key()));
    return map;
}

void ServerDiscovery::refresh()
{
    if (!m_servers.isEmpty()) {
        beginResetModel();
        m_servers.clear();
        endResetModel();
        emit countChanged();
    }
    // A new socket each time: answers to an earlier search are not mistaken for this one's.
    m_socket = std::make_unique<QUdpSocket>();
    if (!m_socket->bind(QHostAddress::AnyIPv4, 0)) {
        qCWarning(lcClientDiscovery) << "cannot search for servers:" << m_socket->errorString();
        m_socket.reset();
        return;
    }
    connect(m_socket.get(), &QUdpSocket::readyRead, this, &ServerDiscovery::readAnswers);
    static const QByteArray query = R"({"parley":"discover","v":1})";
    askThisMachine(query);
    for (const QHostAddress &target : targets())
        m_socket->writeDatagram(query, target, m_port);
    const bool wasSearching = searching();
    m_searching.start();
    if (!wasSearching)
        emit searchingChanged();
}

void ServerDiscovery::askThisMachine(const QByteArray &query)
{
    // The group reaches every server on this machine; the unicast query (below) reaches one, and
    // is what a server that could not join the group still hears.
    const QHostAddress group = discovery::localGroup();
    for (const QNetworkInterface &interface : discovery::loopbackInterfaces()) {
        m_socket->setMulticastInterface(interface);
        if (m_socket->writeDatagram(query, group, m_port) >= 0)
            return;
        qCDebug(lcClientDiscovery)
            << "cannot ask" << group << "on" << interface.name() << ":" << m_socket->errorString();
    }
}

QList<QHostAddress> ServerDiscovery::targets() const
{
    QList<QHostAddress> targets{QHostAddress(QHostAddress::LocalHost)};
    if (!m_broadcast)
        return targets;
    const auto interfaces = QNetworkInterface::allInterfaces();
    for (const QNetworkInterface &interface : interfaces) {
        const auto flags = interface.flags();
        if (!flags.testFlag(QNetworkInterface::IsUp)
            || !flags.testFlag(QNetworkInterface::IsRunning)
            || !flags.testFlag(QNetworkInterface::CanBroadcast)
            || flags.testFlag(QNetworkInterface::IsLoopBack))
            continue;
        for (const QNetworkAddressEntry &entry : interface.addressEntries()) {
            if (entry.ip().protocol() == QAbstractSocket::IPv4Protocol
                && !entry.broadcast().isNull() && !targets.contains(entry.broadcast()))
                targets.append(entry.broadcast());
        }
    }
    return targets;
}

void ServerDiscovery::readAnswers()
{
    while (m_socket && m_socket->hasPendingDatagrams()) {
        const QNetworkDatagram datagram = m_socket->receiveDatagram(MaxAnswerBytes + 1);
        if (const auto server = parseAnswer(datagram))
            addServer(*server);
    }
}

void ServerDiscovery::addServer(const Server &server)
{
    for (const Server &known : std::as_const(m_servers)) {
        if (known.address == server.address && known.port == server.port)
            return;
    }
    const int row = int(m_servers.size());
    beginInsertRows({}, row, row);
    m_servers.append(server);
    endInsertRows();
    emit countChanged();
}

} // namespace parley::client
