// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QObject>
#include <QSslError>
#include <QString>
#include <QUrl>
#include <QWebSocket>

namespace parley::test {

// A wss:// client that trusts a server by the SHA-256 fingerprint of its certificate, as the app
// does: with no pin it accepts whatever certificate it is shown (first use); with a pin it
// accepts that certificate only and refuses any other.
class PinningClient : public QObject
{
    Q_OBJECT

public:
    explicit PinningClient(QString pinnedFingerprint = {}, QObject *parent = nullptr);
    ~PinningClient() override;

    // Connects and waits for the WebSocket handshake; false when it fails or is refused.
    [[nodiscard]] bool open(const QUrl &url);
    QString seenFingerprint() const { return m_seenFingerprint; } // of the last certificate shown
    bool refusedCertificate() const { return m_refused; }
    QList<QSslError> sslErrors() const { return m_sslErrors; }
    QWebSocket &socket() { return m_socket; }

private:
    void onSslErrors(const QList<QSslError> &errors);

    QWebSocket m_socket;
    QString m_pinnedFingerprint;
    QString m_seenFingerprint;
    QList<QSslError> m_sslErrors;
    bool m_refused = false;
    bool m_failed = false;
};

} // namespace parley::test
