// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

#include <optional>

namespace parley::server {

// The part of an HTTP/1.x request head the listener decides on.
struct RequestHead
{
    QByteArray method;
    QByteArray path; // without the query
    bool upgrade = false; // an Upgrade header: a WebSocket handshake, for QWebSocketServer

    // Parses the head up to (not including) the blank line. Null unless the request line is
    // exactly `METHOD SP /target SP HTTP/1.0|1.1` and every header line is `name: value`.
    static std::optional<RequestHead> parse(const QByteArray &head);
};

} // namespace parley::server
