// SPDX-License-Identifier: GPL-3.0-or-later
#include "tlscredentials.h"

#include "config/serverconfig.h"
#include "pemprivatekey.h"
#include "selfsignedcertificate.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QSslSocket>

#include <botan/pkcs8.h>
#include <botan/x509_key.h>
#include <botan/x509cert.h>

using namespace Qt::StringLiterals;

namespace parley::server {

namespace {

Q_LOGGING_CATEGORY(lcTls, "parley.server.tls")

QString native(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

std::optional<QByteArray> readFile(const QString &path, const QString &what, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"cannot read the TLS %1 %2: %3"_s.arg(what, native(path), file.errorString());
        return std::nullopt;
    }
    return file.readAll();
}

std::optional<QSsl::KeyAlgorithm> qtAlgorithm(const Botan::Private_Key &key)
{
    const std::string name = key.algo_name();
    if (name == "RSA")
        return QSsl::Rsa;
    if (name == "ECDSA")
        return QSsl::Ec;
    if (name == "DSA")
        return QSsl::Dsa;
    return std::nullopt;
}

bool keyMatches(const Botan::Private_Key &key, const QSslCertificate &certificate)
{
    const QByteArray der = certificate.toDer();
    const Botan::X509_Certificate parsed(reinterpret_cast<const uint8_t *>(der.constData()),
                                         size_t(der.size()));
    const std::unique_ptr<Botan::Public_Key> certified(parsed.load_subject_public_key());
    return Botan::X509::BER_encode(*certified) == Botan::X509::BER_encode(key);
}

void warnAboutValidity(const QSslCertificate &certificate, const QString &path)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (certificate.expiryDate() < now) {
        qCWarning(lcTls).noquote() << "the TLS certificate" << native(path) << "expired on"
                                   << certificate.expiryDate().toString(Qt::ISODate)
                                   << "; clients that do not pin it will refuse it";
    } else if (certificate.effectiveDate() > now) {
        qCWarning(lcTls).noquote() << "the TLS certificate" << native(path) << "is not valid before"
                                   << certificate.effectiveDate().toString(Qt::ISODate);
    }
}

} // namespace

TlsCredentials::TlsCredentials(QList<QSslCertificate> chain, QSslKey key)
    : m_chain(std::move(chain))
    , m_key(std::move(key))
{ }

std::optional<TlsCredentials> TlsCredentials::fromConfig(const ServerConfig &config,
                                                         const QString &hostName, QString *error)
{
    if (!config.tlsCertificateFile.isEmpty() || !config.tlsKeyFile.isEmpty()) {
        if (config.tlsCertificateFile.isEmpty() || config.tlsKeyFile.isEmpty()) {
            *error = u"a TLS certificate needs its key file and a key its certificate file"_s;
            return std::nullopt;
        }
        return load(config.tlsCertificateFile, config.tlsKeyFile, error);
    }
    if (!SelfSignedCertificate::ensure(config.dataDir, hostName, error))
        return std::nullopt;
    return load(SelfSignedCertificate::certificatePath(config.dataDir),
                SelfSignedCertificate::keyPath(config.dataDir), error);
}

std::optional<TlsCredentials> TlsCredentials::load(const QString &certificateFile,
                                                   const QString &keyFile, QString *error)
{
    const auto certificatePem = readFile(certificateFile, u"certificate"_s, error);
    if (!certificatePem)
        return std::nullopt;
    QList<QSslCertificate> chain = QSslCertificate::fromData(*certificatePem, QSsl::Pem);
    if (chain.isEmpty() || chain.constFirst().isNull()) {
        *error = u"the TLS certificate %1 holds no PEM certificate"_s.arg(native(certificateFile));
        return std::nullopt;
    }

    const auto keyPem = readFile(keyFile, u"key"_s, error);
    if (!keyPem)
        return std::nullopt;
    QString reason;
    const std::unique_ptr<Botan::Private_Key> key = PemPrivateKey::parse(*keyPem, &reason);
    if (!key) {
        *error = u"the TLS key %1 %2"_s.arg(native(keyFile), reason);
        return std::nullopt;
    }
    const std::optional<QSsl::KeyAlgorithm> algorithm = qtAlgorithm(*key);
    if (!algorithm) {
        *error = u"the TLS key %1 is a key of type %2, which the server cannot use; use an RSA or "
                 "ECDSA key"_s.arg(native(keyFile), QString::fromStdString(key->algo_name()));
        return std::nullopt;
    }
    try {
        if (!keyMatches(*key, chain.constFirst())) {
            *error = u"the TLS key %1 does not belong to the certificate %2"_s.arg(
                native(keyFile), native(certificateFile));
            return std::nullopt;
        }
    } catch (const std::exception &e) {
        *error = u"the TLS certificate %1 cannot be read: %2"_s.arg(native(certificateFile),
                                                                    QString::fromUtf8(e.what()));
        return std::nullopt;
    }

    // Qt gets the key as PKCS#8, whatever form the file had.
    const QSslKey sslKey(QByteArray::fromStdString(Botan::PKCS8::PEM_encode(*key)), *algorithm,
                         QSsl::Pem, QSsl::PrivateKey);
    if (sslKey.isNull()) {
        *error = u"the TLS key %1 is not usable by the TLS backend (%2)"_s.arg(
            native(keyFile), QSslSocket::activeBackend());
        return std::nullopt;
    }
    warnAboutValidity(chain.constFirst(), certificateFile);
    return TlsCredentials(std::move(chain), sslKey);
}

QString TlsCredentials::fingerprintOf(const QSslCertificate &certificate)
{
    return QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
}

QSslConfiguration TlsCredentials::sslConfiguration() const
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificateChain(m_chain);
    configuration.setPrivateKey(m_key);
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone); // clients sign in with passwords
    return configuration;
}

} // namespace parley::server
