// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "discovery.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QString>

#include <memory>

class QUdpSocket;

namespace parley::server {

// Answers LAN discovery: a client broadcasts {"parley":"discover","v":1} to UDP port 7448 (and
// sends it to this computer's servers through a loopback multicast group) and every server
// there answers the sender alone with {"parley":"server","v":1,"name":...,
// "port":...,"tls":...,"fingerprint":...,"version":...}; the client takes the server's address
// from the answer's sender. Anything else is ignored, and answers per source are rate-limited so
// the responder cannot be used to flood a third party with spoofed queries.
class DiscoveryResponder : public QObject
{
    Q_OBJECT

public:
    static constexpr quint16 DefaultPort = discovery::DefaultPort;
    static constexpr qsizetype MaxQueryBytes = 512;
    static constexpr int AnswersPerMinute = 30; // per source address

    struct Announcement
    {
        QString name;
        quint16 port = 0;
        bool tls = false;
        QString fingerprint; // empty without TLS
        QString version;
    };

    explicit DiscoveryResponder(Announcement announcement, QObject *parent = nullptr);
    ~DiscoveryResponder() override;

    // Binds port on all IPv4 interfaces, shared with other servers on this host, and joins the
    // local group on loopback; a server that listens on loopback only answers queries from this
    // computer only (port 0: an ephemeral one, for tests).
    // False with *error set when the port cannot be had.
    bool start(const QHostAddress &serverAddress, quint16 port, QString *error);
    quint16 port() const;

    // True when the datagram is a well-formed discovery query, version 1.
    static bool isQuery(const QByteArray &datagram);
    // Whether a server listening on serverAddress tells sender about itself: nobody on the LAN
    // can reach a server on loopback, so it answers this computer (loopback senders) only.
    static bool answersSender(const QHostAddress &serverAddress, const QHostAddress &sender);
    QByteArray answer() const;

private:
    void joinLocalGroup();
    void readPending();
    bool allowAnswerTo(const QString &source);

    Announcement m_announcement;
    std::unique_ptr<QUdpSocket> m_socket;
    QHostAddress m_serverAddress;
    struct Window
    {
        qint64 startMs = 0;
        int answers = 0;
    };
    QHash<QString, Window> m_answered; // per source address, within the current minute
};

} // namespace parley::server
