// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QSslCertificate>
#include <QString>

namespace parley::test {

// A certificate file and its key file as an admin would hand them to the server.
struct CertificateFiles
{
    QByteArray certificatePem; // the server's certificate first, then any intermediates
    QByteArray keyPem;
    QSslCertificate trustAnchor; // what a client must trust to accept the server

    // Writes both into `dir`; returns false when it cannot.
    [[nodiscard]] bool write(const QString &dir, QString *certificatePath, QString *keyPath) const;
};

// Certificates made with Botan in the key formats admins meet, all for `host`, localhost and
// 127.0.0.1 (where test servers listen).
class TestCertificates
{
public:
    enum class Kind {
        EcdsaPkcs8, // "PRIVATE KEY": openssl req, certbot, mkcert
        EcdsaSec1, // "EC PARAMETERS" + "EC PRIVATE KEY": openssl ecparam -genkey
        RsaPkcs8,
        RsaPkcs1, // "RSA PRIVATE KEY": openssl genrsa before 3.0
        EncryptedPkcs8, // "ENCRYPTED PRIVATE KEY": needs a pass phrase
        SignedByCa, // a leaf signed by a test CA; the file holds the leaf and the CA
    };

    static CertificateFiles make(Kind kind, const QString &host);
};

} // namespace parley::test
