// SPDX-License-Identifier: GPL-3.0-or-later
#include "websockettransport.h"

#include <QLoggingCategory>
#include <QSslConfiguration>
#include <QSslError>

#include <utility>

using namespace Qt::StringLiterals;

namespace parley::client {

namespace {

Q_LOGGING_CATEGORY(lcTransport, "parley.transport")

// What a self-signed certificate meets by nature. Anything else (a bad signature, a revoked or
// expired certificate) is not trusted on first use.
bool onlySelfSignedProblems(const QList<QSslError> &errors)
{
    for (const QSslError &error : errors) {
        switch (error.error()) {
        case QSslError::SelfSignedCertificate:
        case QSslError::SelfSignedCertificateInChain:
        case QSslError::CertificateUntrusted:
        case QSslError::UnableToGetLocalIssuerCertificate:
        case QSslError::UnableToGetIssuerCertificate:
        case QSslError::UnableToVerifyFirstCertificate:
        case QSslError::HostNameMismatch: // a LAN address the certificate does not name
            continue;
        default:
            return false;
        }
    }
    return true;
}

} // namespace

WebSocketTransport::WebSocketTransport(QObject *parent)
    : WebSocketTransport(CertificatePins(), parent)
{ }

WebSocketTransport::WebSocketTransport(CertificatePins pins, QObject *parent)
    : Transport(parent)
    , m_pins(std::move(pins))
{
    connect(&m_socket, &QWebSocket::connected, this, [this] {
        if (!m_active)
            return;
        if (!m_firstUse.isEmpty())
            m_pins.pin(m_url, std::exchange(m_firstUse, {}));
        if (m_url.scheme() == "wss"_L1)
            emit certificateTrusted(peerFingerprint());
        emit opened();
    });
    connect(&m_socket, &QWebSocket::disconnected, this, [this] {
        QString reason =
            m_socket.closeReason().isEmpty() ? m_socket.errorString() : m_socket.closeReason();
        if (!m_refusal.isEmpty())
            reason = m_refusal; // says more than the TLS error it caused
        reportClosed(reason.isEmpty() ? u"connection closed"_s : reason);
    });
    // Qt 6.4 names this signal error(); errorOccurred() came in 6.5.
    connect(&m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            [this](QAbstractSocket::SocketError) {
                // A failed connect reports the error, and only sometimes a disconnected() after it.
                if (m_socket.state() == QAbstractSocket::UnconnectedState)
                    reportClosed(m_refusal.isEmpty() ? m_socket.errorString() : m_refusal);
            });
    connect(&m_socket, &QWebSocket::sslErrors, this, &WebSocketTransport::onSslErrors);
    connect(&m_socket, &QWebSocket::textMessageReceived, this, &Transport::textReceived);
    connect(&m_socket, &QWebSocket::pong, this, [this] { emit pong(); });
}

WebSocketTransport::~WebSocketTransport()
{
    m_active = false;
    m_socket.abort();
}

void WebSocketTransport::open(const QUrl &url)
{
    m_active = true;
    m_connected = false;
    m_url = url;
    m_refusal.clear();
    m_firstUse.clear();
    m_socket.open(url);
}

void WebSocketTransport::close()
{
    if (!m_active)
        return;
    m_socket.abort();
    reportClosed(u"closed"_s);
}

void WebSocketTransport::sendText(const QString &text)
{
    m_socket.sendTextMessage(text);
}

void WebSocketTransport::ping()
{
    m_socket.ping();
}

void WebSocketTransport::trustCertificate(const QString &fingerprint)
{
    if (!m_url.isEmpty() && !fingerprint.isEmpty())
        m_pins.pin(m_url, fingerprint);
}

void WebSocketTransport::onSslErrors(const QList<QSslError> &errors)
{
    // Errors not ignored here make QSslSocket abort the handshake: that is the refusal.
    const QString presented = peerFingerprint();
    const QString pinned = m_pins.pinned(m_url);
    if (!pinned.isEmpty() && presented == pinned) {
        m_socket.ignoreSslErrors(); // the very certificate the user trusts
        return;
    }
    if (!pinned.isEmpty()) {
        qCWarning(lcTransport).noquote()
            << "refused the certificate of" << CertificatePins::serverKey(m_url) << "- pinned"
            << pinned << "but shown" << presented;
        m_refusal = u"the server's certificate has changed"_s;
        emit certificateRefused(pinned, presented);
        return;
    }
    if (presented.isEmpty() || !onlySelfSignedProblems(errors)) {
        QStringList problems;
        for (const QSslError &error : errors)
            problems.append(error.errorString());
        m_refusal = u"the server's certificate cannot be trusted: %1"_s.arg(problems.join(u"; "_s));
        return;
    }
    qCInfo(lcTransport).noquote() << "trusting the certificate of"
                                  << CertificatePins::serverKey(m_url)
                                  << "on first use:" << presented;
    m_firstUse = presented;
    m_socket.ignoreSslErrors();
}

QString WebSocketTransport::peerFingerprint() const
{
    return CertificatePins::fingerprintOf(m_socket.sslConfiguration().peerCertificate());
}

void WebSocketTransport::reportClosed(const QString &reason)
{
    if (!m_active)
        return;
    m_active = false;
    emit closed(reason);
}

} // namespace parley::client
