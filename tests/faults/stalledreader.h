// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace parley::test {

// A client that signs in and then never reads, as a hung or malicious one would. A plain
// blocking socket with a tiny receive buffer, so nothing (not even Qt's own buffering) drains
// what the server sends: the server's queue for it is all that grows.
class StalledReader
{
public:
    StalledReader() = default;
    ~StalledReader();
    StalledReader(const StalledReader &) = delete;
    StalledReader &operator=(const StalledReader &) = delete;

    // TCP connect, the WebSocket upgrade and an auth.token request; false with a reason.
    [[nodiscard]] bool open(const QUrl &url, const QString &accessToken, QString *error);

    struct Drained
    {
        qint64 bytes = 0; // what had been waiting for it
        bool closedByServer = false; // EOF or reset; false: still open after quietMs of silence
        QString how; // "end of stream", "reset by peer", "still open", or the socket error
    };
    // Now it reads: everything that waited, until the stream ends or stays silent for quietMs.
    Drained drain(int quietMs);

private:
    bool sendAll(const QByteArray &bytes);
    void setReceiveTimeout(int ms);

    int m_fd = -1;
};

} // namespace parley::test
