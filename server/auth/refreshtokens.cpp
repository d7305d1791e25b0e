// SPDX-License-Identifier: GPL-3.0-or-later
#include "refreshtokens.h"

#include "securerandom.h"

#include <QCryptographicHash>

namespace parley::server {

namespace {
constexpr qsizetype TokenBytes = 32;
}

QString RefreshTokens::generate()
{
    return QString::fromLatin1(
        SecureRandom::bytes(TokenBytes)
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QByteArray RefreshTokens::hash(const QString &token)
{
    // No salt or slow hash needed: the token carries 256 bits of entropy.
    return QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256);
}

} // namespace parley::server
