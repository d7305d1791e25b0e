// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include <memory>

namespace Botan {
class Private_Key;
}

namespace parley::server {

// Reads the unencrypted private key formats admins meet: PKCS#8 ("PRIVATE KEY", what openssl,
// certbot and mkcert write) and the older PKCS#1 ("RSA PRIVATE KEY") and SEC1 ("EC PRIVATE
// KEY") ones. Other PEM blocks in the text (such as "EC PARAMETERS") are skipped.
class PemPrivateKey
{
public:
    // Null when the text holds no usable key, with `reason` saying why in words that follow
    // "the key FILE ...".
    static std::unique_ptr<Botan::Private_Key> parse(const QByteArray &pem, QString *reason);
};

} // namespace parley::server
