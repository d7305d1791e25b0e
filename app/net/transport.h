// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QUrl>

namespace parley::client {

// The byte pipe under Connection: a WebSocket in the app, a fake in model tests.
class Transport : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    // Starts opening; ends with opened() or closed().
    virtual void open(const QUrl &url) = 0;
    // Closes an open or opening transport; closed() follows unless it was already closed.
    virtual void close() = 0;
    virtual void sendText(const QString &text) = 0;
    // Asks the peer for a pong(); used to notice a dead link that never reported a close.
    virtual void ping() = 0;
    // The user accepted the certificate that certificateRefused() reported: trust it for the
    // server of the last open() from now on. Transports without TLS ignore it.
    virtual void trustCertificate(const QString &fingerprint) { Q_UNUSED(fingerprint); }

signals:
    void opened();
    // After a failed open or a lost connection; reason is readable, never holds a secret.
    void closed(const QString &reason);
    void textReceived(const QString &text);
    void pong();
    // TLS: the server's certificate (SHA-256 fingerprint) was accepted, by its pin, on first use,
    // or because a CA vouches for it. Comes before opened().
    void certificateTrusted(const QString &fingerprint);
    // TLS: the server showed another certificate than the one pinned for it; closed() follows.
    void certificateRefused(const QString &pinned, const QString &presented);
};

} // namespace parley::client
