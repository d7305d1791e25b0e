// SPDX-License-Identifier: GPL-3.0-or-later
#include "pinningclient.h"

#include "tls/tlscredentials.h"

#include <QSslConfiguration>
#include <QTest>

namespace parley::test {

namespace {

constexpr int HandshakeTimeoutMs = 10'000;

} // namespace

PinningClient::PinningClient(QString pinnedFingerprint, QObject *parent)
    : QObject(parent)
    , m_pinnedFingerprint(std::move(pinnedFingerprint))
{
    // No CA is trusted, so every certificate is judged by its fingerprint alone.
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setCaCertificates({});
    m_socket.setSslConfiguration(configuration);
    connect(&m_socket, &QWebSocket::sslErrors, this, &PinningClient::onSslErrors);
    connect(&m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            [this](QAbstractSocket::SocketError) { m_failed = true; });
    connect(&m_socket, &QWebSocket::disconnected, this, [this] { m_failed = true; });
}

PinningClient::~PinningClient()
{
    m_socket.abort();
}

bool PinningClient::open(const QUrl &url)
{
    m_failed = false;
    m_refused = false;
    m_sslErrors.clear();
    m_socket.open(url);
    const bool settled = QTest::qWaitFor(
        [this] { return m_failed || m_socket.state() == QAbstractSocket::ConnectedState; },
        HandshakeTimeoutMs);
    return settled && !m_failed && m_socket.state() == QAbstractSocket::ConnectedState;
}

void PinningClient::onSslErrors(const QList<QSslError> &errors)
{
    m_sslErrors = errors;
    const QSslCertificate shown = m_socket.sslConfiguration().peerCertificate();
    m_seenFingerprint = server::TlsCredentials::fingerprintOf(shown);
    if (m_pinnedFingerprint.isEmpty() || m_seenFingerprint == m_pinnedFingerprint)
        m_socket.ignoreSslErrors(); // the certificate itself is what is trusted
    else
        m_refused = true; // not ignoring them makes the socket abort the handshake
}

} // namespace parley::test
