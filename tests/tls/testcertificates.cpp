// SPDX-License-Identifier: GPL-3.0-or-later
#include "testcertificates.h"

#include <QDir>
#include <QFile>

#include <botan/auto_rng.h>
#include <botan/der_enc.h>
#include <botan/ec_group.h>
#include <botan/ecdsa.h>
#include <botan/pem.h>
#include <botan/pkcs10.h>
#include <botan/pkcs8.h>
#include <botan/rsa.h>
#include <botan/x509_ca.h>
#include <botan/x509self.h>

#include <chrono>
#include <memory>

using namespace Qt::StringLiterals;

namespace parley::test {

namespace {

using Clock = std::chrono::system_clock;

Botan::X509_Cert_Options optionsFor(const QString &host)
{
    Botan::X509_Cert_Options options;
    options.common_name = host.toStdString();
    options.dns = host.toStdString();
    options.more_dns = {"localhost"};
    options.ip = "127.0.0.1";
    options.start = Botan::X509_Time(Clock::now() - std::chrono::hours(1));
    options.end = Botan::X509_Time(Clock::now() + std::chrono::hours(24 * 30));
    return options;
}

QByteArray bytes(const std::string &text)
{
    return QByteArray::fromStdString(text);
}

QSslCertificate toQt(const Botan::X509_Certificate &certificate)
{
    return QSslCertificate(bytes(certificate.PEM_encode()), QSsl::Pem);
}

// SEC1 as openssl writes it: the curve named inside the key ([0]) and the public point ([1]).
QByteArray sec1Pem(const Botan::ECDSA_PrivateKey &key)
{
    const Botan::OID curve = key.domain().get_curve_oid();
    std::vector<uint8_t> der;
    Botan::DER_Encoder(der)
        .start_cons(Botan::SEQUENCE)
        .encode(size_t(1))
        .encode(Botan::BigInt::encode_1363(key.private_value(), key.domain().get_order_bytes()),
                Botan::OCTET_STRING)
        .start_cons(Botan::ASN1_Tag(0), Botan::CONTEXT_SPECIFIC)
        .encode(curve)
        .end_cons()
        .start_cons(Botan::ASN1_Tag(1), Botan::CONTEXT_SPECIFIC)
        .encode(key.public_point().encode(Botan::PointGFp::UNCOMPRESSED), Botan::BIT_STRING)
        .end_cons()
        .end_cons();
    return bytes(Botan::PEM_Code::encode(curve.BER_encode(), "EC PARAMETERS")
                 + Botan::PEM_Code::encode(der, "EC PRIVATE KEY"));
}

CertificateFiles selfSigned(const Botan::Private_Key &key, const QString &host,
                            Botan::RandomNumberGenerator &rng)
{
    const Botan::X509_Certificate certificate =
        Botan::X509::create_self_signed_cert(optionsFor(host), key, "SHA-256", rng);
    return {bytes(certificate.PEM_encode()), bytes(Botan::PKCS8::PEM_encode(key)),
            toQt(certificate)};
}

CertificateFiles signedByCa(const QString &host, Botan::RandomNumberGenerator &rng)
{
    const Botan::ECDSA_PrivateKey caKey(rng, Botan::EC_Group("secp256r1"));
    Botan::X509_Cert_Options caOptions = optionsFor(u"Parley Test CA"_s);
    caOptions.dns.clear();
    caOptions.more_dns.clear();
    caOptions.ip.clear();
    caOptions.CA_key();
    const Botan::X509_Certificate caCertificate =
        Botan::X509::create_self_signed_cert(caOptions, caKey, "SHA-256", rng);

    const Botan::ECDSA_PrivateKey key(rng, Botan::EC_Group("secp256r1"));
    const Botan::PKCS10_Request request =
        Botan::X509::create_cert_req(optionsFor(host), key, "SHA-256", rng);
    const Botan::X509_CA ca(caCertificate, caKey, "SHA-256", rng);
    const Botan::X509_Certificate leaf =
        ca.sign_request(request, rng, Botan::X509_Time(Clock::now() - std::chrono::hours(1)),
                        Botan::X509_Time(Clock::now() + std::chrono::hours(24 * 30)));
    return {bytes(leaf.PEM_encode() + caCertificate.PEM_encode()),
            bytes(Botan::PKCS8::PEM_encode(key)), toQt(caCertificate)};
}

} // namespace

bool CertificateFiles::write(const QString &dir, QString *certificatePath, QString *keyPath) const
{
    *certificatePath = QDir(dir).filePath(u"admin-cert.pem"_s);
    *keyPath = QDir(dir).filePath(u"admin-key.pem"_s);
    QFile certificate(*certificatePath);
    QFile key(*keyPath);
    return certificate.open(QIODevice::WriteOnly) && certificate.write(certificatePem) >= 0
        && key.open(QIODevice::WriteOnly) && key.write(keyPem) >= 0;
}

CertificateFiles TestCertificates::make(Kind kind, const QString &host)
{
    Botan::AutoSeeded_RNG rng;
    switch (kind) {
    case Kind::EcdsaPkcs8:
        return selfSigned(Botan::ECDSA_PrivateKey(rng, Botan::EC_Group("secp256r1")), host, rng);
    case Kind::EcdsaSec1: {
        const Botan::ECDSA_PrivateKey key(rng, Botan::EC_Group("secp384r1"));
        CertificateFiles files = selfSigned(key, host, rng);
        files.keyPem = sec1Pem(key);
        return files;
    }
    case Kind::RsaPkcs8:
        return selfSigned(Botan::RSA_PrivateKey(rng, 2048), host, rng);
    case Kind::RsaPkcs1: {
        const Botan::RSA_PrivateKey key(rng, 2048);
        CertificateFiles files = selfSigned(key, host, rng);
        files.keyPem = bytes(Botan::PEM_Code::encode(key.private_key_bits(), "RSA PRIVATE KEY"));
        return files;
    }
    case Kind::EncryptedPkcs8: {
        const Botan::ECDSA_PrivateKey key(rng, Botan::EC_Group("secp256r1"));
        CertificateFiles files = selfSigned(key, host, rng);
        files.keyPem =
            bytes(Botan::PKCS8::PEM_encode(key, rng, "pass phrase", std::chrono::milliseconds(10)));
        return files;
    }
    case Kind::SignedByCa:
        return signedByCa(host, rng);
    }
    Q_UNREACHABLE();
}

} // namespace parley::test
