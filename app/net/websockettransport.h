// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "certificatepins.h"
#include "transport.h"

#include <QWebSocket>

namespace parley::client {

// Transport over QWebSocket (ws:// and wss://). A wss:// server's certificate is trusted when a
// CA vouches for it, or else by its pin in `pins` (made on first use).
class WebSocketTransport : public Transport
{
    Q_OBJECT

public:
    explicit WebSocketTransport(QObject *parent = nullptr);
    explicit WebSocketTransport(CertificatePins pins, QObject *parent = nullptr);
    ~WebSocketTransport() override;

    void open(const QUrl &url) override;
    void close() override;
    void sendText(const QString &text) override;
    void ping() override;
    void trustCertificate(const QString &fingerprint) override;

private:
    void reportClosed(const QString &reason);
    void onSslErrors(const QList<QSslError> &errors);
    QString peerFingerprint() const;

    QWebSocket m_socket;
    CertificatePins m_pins;
    QUrl m_url;
    QString m_refusal; // why the current attempt's certificate was refused
    QString m_firstUse; // a certificate seen for the first time, pinned once the link is up
    bool m_active = false; // between open() and closed()
    bool m_connected = false; // the current attempt got through the handshake
};

} // namespace parley::client
