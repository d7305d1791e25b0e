// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "discovery.h"

#include <QAbstractListModel>
#include <QHostAddress>
#include <QList>
#include <QTimer>

#include <memory>

class QUdpSocket;

namespace parley::client {

// The Parley servers on this machine and its LANs: refresh() sends {"parley":"discover","v":1}
// to UDP port 7448 at 127.0.0.1, at the local multicast group on loopback (every server on this
// machine hears that one) and at the broadcast address of every network that is up, and lists
// each server that answers, with the address the answer came from.
class ServerDiscovery : public QAbstractListModel
{
    Q_OBJECT

    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
    Q_PROPERTY(bool searching READ searching NOTIFY searchingChanged)
    // The UDP port servers answer on (7448; tests use their own).
    Q_PROPERTY(int port READ port WRITE setPort NOTIFY portChanged)
    // Ask the LANs as well as this machine (default); tests keep to this machine.
    Q_PROPERTY(bool broadcast READ broadcast WRITE setBroadcast NOTIFY broadcastChanged)

public:
    static constexpr quint16 DefaultPort = discovery::DefaultPort;

    enum Role {
        NameRole = Qt::UserRole + 1,
        AddressRole,
        PortRole,
        UrlRole,
        FingerprintRole,
        TlsRole,
        LabelRole,
    };
    Q_ENUM(Role)

    struct Server
    {
        QString name;
        QHostAddress address;
        quint16 port = 0;
        bool tls = false;
        QString fingerprint;
        QString url() const;
        QString label() const; // "Office chat — 192.168.1.10:7447"
    };

    explicit ServerDiscovery(QObject *parent = nullptr);
    ~ServerDiscovery() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    bool searching() const { return m_searching.isActive(); }
    int port() const { return m_port; }
    void setPort(int port);
    bool broadcast() const { return m_broadcast; }
    void setBroadcast(bool broadcast);
    const QList<Server> &servers() const { return m_servers; }

    // Forgets what was found and asks again; answers arrive over the next second or so.
    Q_INVOKABLE void refresh();
    // The row as an object with the role names as keys (for QML code outside a delegate).
    Q_INVOKABLE QVariantMap get(int row) const;

signals:
    void countChanged();
    void searchingChanged();
    void portChanged();
    void broadcastChanged();

private:
    void readAnswers();
    void addServer(const Server &server);
    QList<QHostAddress> targets() const;
    void askThisMachine(const QByteArray &query);

    std::unique_ptr<QUdpSocket> m_socket;
    QList<Server> m_servers;
    QTimer m_searching;
    quint16 m_port = DefaultPort;
    // Test runs set PARLEY_DISCOVERY_LOOPBACK_ONLY so that nothing leaves this machine.
    bool m_broadcast = !qEnvironmentVariableIsSet("PARLEY_DISCOVERY_LOOPBACK_ONLY");
};

} // namespace parley::client
