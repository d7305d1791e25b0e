// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QString>

#include <optional>

namespace parley::server {

struct ServerConfig;

// The certificate chain and private key a wss:// listener presents.
class TlsCredentials
{
public:
    // The admin's files when the config names them, else the self-signed pair in the data
    // directory (made on first start for `hostName`). Null on failure, with `error` naming the
    // file and what is wrong with it.
    static std::optional<TlsCredentials> fromConfig(const ServerConfig &config,
                                                    const QString &hostName, QString *error);
    // A PEM certificate file (the server's certificate first, then any intermediates) and the PEM
    // private key that belongs to it.
    static std::optional<TlsCredentials> load(const QString &certificateFile,
                                              const QString &keyFile, QString *error);

    // SHA-256 of the certificate (DER) as colon-separated upper-case hex: what users compare.
    static QString fingerprintOf(const QSslCertificate &certificate);

    QSslCertificate certificate() const { return m_chain.constFirst(); }
    QString fingerprint() const { return fingerprintOf(certificate()); }
    QSslConfiguration sslConfiguration() const; // TLS 1.2 or later, no client certificates

private:
    TlsCredentials(QList<QSslCertificate> chain, QSslKey key);

    QList<QSslCertificate> m_chain;
    QSslKey m_key;
};

} // namespace parley::server
