// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocollimits.h"

#include <QHostAddress>
#include <QString>
#include <QStringList>

#include <chrono>

namespace parley::server {

// Everything a server instance is told at start; filled by the CLI, by tests, or by the app's host
// mode.
struct ServerConfig
{
    QHostAddress bindAddress = QHostAddress::Any;
    quint16 port = 7447; // 0: an ephemeral port (tests)
    QString dataDir; // holds the database (SQLite) and the token secret
    QString database; // empty: SQLite in dataDir; or a file path / sqlite:// URL
    QString name; // server.info name; empty: the host name
    QStringList allowedOrigins; // handshakes with another Origin are refused
    bool registrationOpen = true; // anyone may sign up (server.info's registrationOpen)
    // With registrationOpen false: auth.register needs an invite code made by
    // `parley-server invite` (--registration invite) instead of being refused.
    bool registrationByInvite = false;
    // Answer LAN discovery queries on UDP port discoveryPort (DiscoveryResponder).
    bool discovery = true;
    quint16 discoveryPort = 7448; // 0: an ephemeral one (tests)

    // wss:// with the admin's certificate and key (PEM), or with a self-signed certificate made
    // on first start in dataDir when none are given.
    bool tls = false;
    QString tlsCertificateFile;
    QString tlsKeyFile;

    std::chrono::seconds accessTokenLifetime{15 * 60};
    std::chrono::seconds refreshTokenLifetime{30 * 24 * 3600};

    std::chrono::milliseconds authTimeout{30'000}; // close unauthenticated connections (1008)
    std::chrono::milliseconds pingInterval{30'000};
    std::chrono::milliseconds idleTimeout{90'000}; // nothing received for this long: close
    std::chrono::milliseconds typingExpiry{6'000};

    qsizetype frameLimit = limits::FrameBytes; // larger frames: too_large
    int jsonDepth = limits::JsonDepth; // deeper nesting: bad_request
    int badFramesPerMinute = 10; // more: close 1008

    // Login attempts: failures per account, all attempts per address, within one window.
    int loginFailuresPerAccount = 5;
    int loginAttemptsPerAddress = 20;
    std::chrono::milliseconds loginWindow{5 * 60'000};

    // Abuse limits; a normal person never meets them.
    int registrationsPerAddress = 20; // accounts made from one address per window
    std::chrono::milliseconds registrationWindow{60 * 60'000};
    int messageBurst = 60; // message.send per connection: a burst, then
    double messagesPerSecond = 10; // a steady rate; beyond: rate_limited
    int typingPerSecond = 5; // typing.* per connection; beyond: dropped
    int connectionsPerAddress = 256; // open connections from one address
    int groupMaxMembers = 256;
    // Unsent bytes after which a connection is behind: its requests wait until it reads. It is
    // dropped when it reads nothing for stalledReaderTimeout, or at once past 8 times the bound.
    qint64 maxQueuedBytes = 4 * 1024 * 1024;
    std::chrono::milliseconds stalledReaderTimeout{10'000};

    int hashThreads = 0; // password hashing pool size; 0: one fewer than the cores (at least 1)
};

} // namespace parley::server
