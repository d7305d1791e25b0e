// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHostAddress>
#include <QList>
#include <QNetworkInterface>

// Where the app asks "which Parley servers are here?" (docs/hosting.md, "Finding servers").
namespace parley::discovery {

inline constexpr quint16 DefaultPort = 7448;

// Organization-local multicast, joined on the loopback interface only: every server on this
// computer hears a query sent there, where a unicast query to 127.0.0.1 reaches just one of the
// sockets sharing the port, and a computer with no network has no broadcast address to use.
QHostAddress localGroup();

// The loopback interfaces that are up, where the local group is joined and asked.
QList<QNetworkInterface> loopbackInterfaces();

} // namespace parley::discovery
