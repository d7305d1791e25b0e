// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSslCertificate>
#include <QString>
#include <QUrl>

namespace parley::client {

// Which TLS certificate the user trusts for each server address, by the SHA-256 fingerprint of
// the certificate: trust on first use for servers with a self-signed certificate. Kept in
// QSettings (a fingerprint is public, not a secret), so it outlives the app.
class CertificatePins
{
public:
    // settingsFile: an INI file; empty: the application's QSettings.
    explicit CertificatePins(QString settingsFile = {});

    // "" when the user has not trusted a certificate for this server yet.
    QString pinned(const QUrl &server) const;
    void pin(const QUrl &server, const QString &fingerprint);
    void forget(const QUrl &server);

    // SHA-256 of the certificate (DER) as colon-separated upper-case hex, as the server logs it
    // and `openssl x509 -fingerprint -sha256` prints it.
    static QString fingerprintOf(const QSslCertificate &certificate);
    // Pins are per host and port: "host:port".
    static QString serverKey(const QUrl &server);

private:
    QString m_settingsFile;
};

} // namespace parley::client
