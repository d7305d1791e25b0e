// SPDX-License-Identifier: GPL-3.0-or-later
#include "selfsignedcertificate.h"

#include "files/ownerfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>

#include <botan/auto_rng.h>
#include <botan/ec_group.h>
#include <botan/ecdsa.h>
#include <botan/pkcs8.h>
#include <botan/x509self.h>

#include <chrono>

using namespace Qt::StringLiterals;

namespace parley::server {

namespace {

Q_LOGGING_CATEGORY(lcSelfSigned, "parley.server.tls")

constexpr auto Validity = std::chrono::hours(24 * 3653); // ten years, leap days included
// Started a day early so a client whose clock lags the server's still accepts it at once.
constexpr auto Backdate = std::chrono::hours(24);

QString native(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

// Through a temporary file, so a crash never leaves half a key.
bool writeFile(const QString &path, const QByteArray &contents, ownerfile::Access access,
               QString *error)
{
    if (const auto reason = ownerfile::write(path, contents, access)) {
        *error = u"cannot write %1: %2"_s.arg(native(path), *reason);
        return false;
    }
    return true;
}

struct Pem
{
    QByteArray certificate;
    QByteArray key;
};

Pem makeCertificate(const QString &hostName)
{
    Botan::AutoSeeded_RNG rng;
    const Botan::ECDSA_PrivateKey key(rng, Botan::EC_Group("secp256r1"));

    const std::string host = hostName.isEmpty() ? "localhost" : hostName.toStdString();
    Botan::X509_Cert_Options options;
    options.common_name = host;
    // What clients on this machine or the LAN type: the host name, localhost or 127.0.0.1.
    options.dns = host;
    if (host != "localhost")
        options.more_dns.push_back("localhost");
    options.ip = "127.0.0.1";
    options.add_ex_constraint("PKIX.ServerAuth");
    const auto now = std::chrono::system_clock::now();
    options.start = Botan::X509_Time(now - Backdate);
    options.end = Botan::X509_Time(now + Validity);

    const Botan::X509_Certificate certificate =
        Botan::X509::create_self_signed_cert(options, key, "SHA-256", rng);
    return {QByteArray::fromStdString(certificate.PEM_encode()),
            QByteArray::fromStdString(Botan::PKCS8::PEM_encode(key))};
}

} // namespace

QString SelfSignedCertificate::certificatePath(const QString &dataDir)
{
    return QDir(dataDir).filePath(u"tls-cert.pem"_s);
}

QString SelfSignedCertificate::keyPath(const QString &dataDir)
{
    return QDir(dataDir).filePath(u"tls-key.pem"_s);
}

bool SelfSignedCertificate::ensure(const QString &dataDir, const QString &hostName, QString *error)
{
    const QString certificate = certificatePath(dataDir);
    const QString key = keyPath(dataDir);
    const bool hasCertificate = QFileInfo::exists(certificate);
    const bool hasKey = QFileInfo::exists(key);
    if (!hasCertificate && !hasKey)
        return create(dataDir, hostName, error);
    if (hasCertificate != hasKey) {
        const QString present = native(hasCertificate ? certificate : key);
        const QString missing = native(hasCertificate ? key : certificate);
        *error = u"found %1 but not %2: restore it from a backup, or delete %1 to make a new "
                 "certificate (clients that pinned the old one will refuse the new one until "
                 "their users accept it)"_s.arg(present, missing);
        return false;
    }
    if (ownerfile::othersMayAccess(key)) {
        qCWarning(lcSelfSigned).noquote()
            << "the TLS key" << native(key)
            << "was readable by other users; restricting it to its owner";
        if (!ownerfile::restrictToOwner(key))
            qCWarning(lcSelfSigned).noquote() << "cannot change the permissions of" << native(key);
    }
    return true;
}

bool SelfSignedCertificate::create(const QString &dataDir, const QString &hostName, QString *error)
{
    if (!QDir().mkpath(dataDir)) {
        *error = u"cannot create the data directory %1"_s.arg(native(dataDir));
        return false;
    }
    Pem pem;
    try {
        pem = makeCertificate(hostName);
    } catch (const std::exception &e) {
        *error =
            u"cannot make a self-signed TLS certificate: %1"_s.arg(QString::fromUtf8(e.what()));
        return false;
    }
    // Both files or neither: one alone would stop the next start.
    if (!writeFile(keyPath(dataDir), pem.key, ownerfile::Access::OwnerOnly, error))
        return false;
    if (!writeFile(certificatePath(dataDir), pem.certificate, ownerfile::Access::Shared, error)) {
        QFile::remove(keyPath(dataDir));
        return false;
    }
    qCInfo(lcSelfSigned).noquote() << "made a self-signed TLS certificate for" << hostName << "in"
                                   << native(certificatePath(dataDir));
    return true;
}

} // namespace parley::server
