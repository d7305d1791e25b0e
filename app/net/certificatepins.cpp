// SPDX-License-Identifier: GPL-3.0-or-later
#include "certificatepins.h"

#include <QCryptographicHash>
#include <QSettings>
#include <QVariantMap>

#include <memory>

using namespace Qt::StringLiterals;

namespace parley::client {

namespace {

// One map value rather than a key per server: host names and IPv6 addresses hold characters
// QSettings would treat as separators.
const auto KeyPins = u"tls/pinnedCertificates"_s;
constexpr int DefaultPort = 7447;

std::unique_ptr<QSettings> open(const QString &file)
{
    return file.isEmpty() ? std::make_unique<QSettings>()
                          : std::make_unique<QSettings>(file, QSettings::IniFormat);
}

} // namespace

CertificatePins::CertificatePins(QString settingsFile)
    : m_settingsFile(std::move(settingsFile))
{ }

QString CertificatePins::pinned(const QUrl &server) const
{
    return open(m_settingsFile)->value(KeyPins).toMap().value(serverKey(server)).toString();
}

void CertificatePins::pin(const QUrl &server, const QString &fingerprint)
{
    const auto settings = open(m_settingsFile);
    QVariantMap pins = settings->value(KeyPins).toMap();
    pins.insert(serverKey(server), fingerprint);
    settings->setValue(KeyPins, pins);
    settings->sync();
}

void CertificatePins::forget(const QUrl &server)
{
    const auto settings = open(m_settingsFile);
    QVariantMap pins = settings->value(KeyPins).toMap();
    if (pins.remove(serverKey(server)) == 0)
        return;
    settings->setValue(KeyPins, pins);
    settings->sync();
}

QString CertificatePins::fingerprintOf(const QSslCertificate &certificate)
{
    if (certificate.isNull())
        return {};
    return QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
}

QString CertificatePins::serverKey(const QUrl &server)
{
    return server.host().toLower() + u':' + QString::number(server.port(DefaultPort));
}

} // namespace parley::client
