// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QUrl>

namespace parley::client::serveraddress {

inline constexpr quint16 DefaultPort = 7447;

// What a user typed ("chat.example.org", "10.0.0.5:7447", "wss://host/") as the ws:// or
// wss:// URL to connect to, with the default port filled in; invalid when it names no server.
QUrl normalize(const QString &input);
// The URL as stored and shown: "ws://host:port/".
QString display(const QUrl &url);
// A short, file-name safe digest of a server address, for per-server data directories.
QString directoryKey(const QString &server);

} // namespace parley::client::serveraddress
