// SPDX-License-Identifier: GPL-3.0-or-later
#include "accesstokens.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QStringList>

#include <botan/mac.h>
#include <botan/mem_ops.h>

#include <algorithm>
#include <cmath>
#include <utility>

using namespace Qt::StringLiterals;

namespace parley::server {

namespace {

constexpr auto Base64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;
constexpr qsizetype SignatureBytes = 32;
// Larger "exp" values do not fit a double exactly and are nonsense anyway.
constexpr double MaxExpiry = 1e15;

QByteArray encode(const QByteArray &bytes)
{
    return bytes.toBase64(Base64Url);
}

QByteArray encode(const QJsonObject &object)
{
    return encode(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

// Only the one canonical spelling is accepted: no padding, no '+' or '/', no stray bits.
std::optional<QByteArray> decode(const QByteArray &text)
{
    auto result = QByteArray::fromBase64Encoding(
        text, QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!result || encode(result.decoded) != text)
        return std::nullopt;
    return std::move(result.decoded);
}

std::optional<QJsonObject> decodeObject(const QByteArray &text)
{
    const auto json = decode(text);
    if (!json)
        return std::nullopt;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(*json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}

// Empty when the claim is missing or not a string.
QString stringClaim(const QJsonObject &object, QLatin1StringView key)
{
    const QJsonValue value = object.value(key);
    return value.isString() ? value.toString() : QString();
}

// Whole seconds since the epoch, or nothing when "exp" is missing, fractional or absurd.
std::optional<qint64> expiryClaim(const QJsonObject &object)
{
    const QJsonValue value = object.value("exp"_L1);
    if (!value.isDouble())
        return std::nullopt;
    const double seconds = value.toDouble();
    if (!(seconds > 0 && seconds <= MaxExpiry) || std::trunc(seconds) != seconds)
        return std::nullopt;
    return qint64(seconds);
}

// The base64url alphabet and the dots between the parts; nothing else can be in a token.
bool isTokenText(QStringView token)
{
    return std::all_of(token.begin(), token.end(), [](QChar c) {
        const char16_t u = c.unicode();
        return (u >= u'A' && u <= u'Z') || (u >= u'a' && u <= u'z') || (u >= u'0' && u <= u'9')
            || u == u'-' || u == u'_' || u == u'.';
    });
}

} // namespace

AccessTokens::AccessTokens(QByteArray secret, std::chrono::seconds lifetime)
    : m_secret(std::move(secret))
    , m_lifetime(lifetime)
{
    Q_ASSERT(!m_secret.isEmpty());
}

QString AccessTokens::issue(const QString &userId, const QString &sessionId,
                            const QDateTime &now) const
{
    const qint64 issuedAt = now.toSecsSinceEpoch();
    const QJsonObject header{{"alg"_L1, "HS256"_L1}, {"typ"_L1, "JWT"_L1}};
    const QJsonObject payload{{"sub"_L1, userId},
                              {"sid"_L1, sessionId},
                              {"iat"_L1, issuedAt},
                              {"exp"_L1, issuedAt + qint64(m_lifetime.count())}};
    const QByteArray signingInput = encode(header) + '.' + encode(payload);
    return QString::fromLatin1(signingInput + '.' + encode(sign(signingInput)));
}

std::optional<AccessTokens::Claims> AccessTokens::verify(const QString &token,
                                                         const QDateTime &now) const
{
    if (token.size() > MaxTokenLength || !isTokenText(token))
        return std::nullopt;
    const QStringList parts = token.split(u'.');
    if (parts.size() != 3)
        return std::nullopt;

    // Nothing is trusted before the signature checks out.
    const QByteArray header = parts[0].toLatin1();
    const QByteArray payload = parts[1].toLatin1();
    const auto signature = decode(parts[2].toLatin1());
    if (!signature || signature->size() != SignatureBytes)
        return std::nullopt;
    const QByteArray expected = sign(header + '.' + payload);
    if (!Botan::constant_time_compare(reinterpret_cast<const uint8_t *>(expected.constData()),
                                      reinterpret_cast<const uint8_t *>(signature->constData()),
                                      size_t(SignatureBytes))) {
        return std::nullopt;
    }

    // A token we signed names HS256; insisting on it keeps "alg" from ever choosing the check.
    const auto headerObject = decodeObject(header);
    const QJsonValue alg = headerObject ? headerObject->value("alg"_L1) : QJsonValue();
    if (!alg.isString() || alg.toString() != "HS256"_L1)
        return std::nullopt;

    const auto claims = decodeObject(payload);
    if (!claims)
        return std::nullopt;
    const auto expiry = expiryClaim(*claims);
    Claims result{stringClaim(*claims, "sub"_L1), stringClaim(*claims, "sid"_L1), {}};
    if (result.userId.isEmpty() || result.sessionId.isEmpty() || !expiry)
        return std::nullopt;
    result.expiresAt = QDateTime::fromSecsSinceEpoch(*expiry, Qt::UTC);
    if (result.expiresAt <= now)
        return std::nullopt;
    return result;
}

QByteArray AccessTokens::sign(const QByteArray &signingInput) const
{
    // A fresh MAC object per call: Botan objects must not be shared between threads.
    const auto mac = Botan::MessageAuthenticationCode::create_or_throw("HMAC(SHA-256)");
    mac->set_key(reinterpret_cast<const uint8_t *>(m_secret.constData()), size_t(m_secret.size()));
    mac->update(reinterpret_cast<const uint8_t *>(signingInput.constData()),
                size_t(signingInput.size()));
    const auto tag = mac->final();
    return QByteArray(reinterpret_cast<const char *>(tag.data()), qsizetype(tag.size()));
}

} // namespace parley::server
