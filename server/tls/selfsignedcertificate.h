// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace parley::server {

// The certificate a server presents when the admin gave none: made on first start with Botan
// (ECDSA P-256, SHA-256, valid for ten years) and kept in the data directory, so its fingerprint,
// which clients pin, stays the same across restarts.
class SelfSignedCertificate
{
public:
    static QString certificatePath(const QString &dataDir); // DATA-DIR/tls-cert.pem
    static QString keyPath(const QString &dataDir); // DATA-DIR/tls-key.pem, mode 0600

    // Makes the pair for `hostName` unless both files are there already. False with `error`
    // naming the file and the reason when it cannot, or when only one of the two exists.
    static bool ensure(const QString &dataDir, const QString &hostName, QString *error);

private:
    static bool create(const QString &dataDir, const QString &hostName, QString *error);
};

} // namespace parley::server
