// SPDX-License-Identifier: GPL-3.0-or-later
#include "pemprivatekey.h"

#include <botan/asn1_oid.h>
#include <botan/ber_dec.h>
#include <botan/bigint.h>
#include <botan/data_src.h>
#include <botan/ecdsa.h>
#include <botan/pem.h>
#include <botan/pkcs8.h>
#include <botan/rsa.h>

#include <optional>
#include <string_view>

using namespace Qt::StringLiterals;

namespace parley::server {

namespace {

struct PemBlock
{
    std::string label;
    Botan::secure_vector<uint8_t> der;
};

// The first block whose label names a private key; none when the text has no such block.
std::optional<PemBlock> findKeyBlock(const QByteArray &pem)
{
    Botan::DataSource_Memory source(reinterpret_cast<const uint8_t *>(pem.constData()),
                                    size_t(pem.size()));
    while (!source.end_of_data()) {
        PemBlock block;
        try {
            block.der = Botan::PEM_Code::decode(source, block.label);
        } catch (const std::exception &) {
            return std::nullopt; // no further PEM block
        }
        if (std::string_view(block.label).ends_with("PRIVATE KEY"))
            return block;
    }
    return std::nullopt;
}

// SEC1 keeps the curve inside the key; Botan wants it beside, as PKCS#8 has it.
std::unique_ptr<Botan::Private_Key> fromSec1(const Botan::secure_vector<uint8_t> &der)
{
    Botan::BigInt secret;
    Botan::OID curve;
    Botan::BER_Decoder(der)
        .start_cons(Botan::SEQUENCE)
        .decode_and_check<size_t>(1, "unknown SEC1 version")
        .decode_octet_string_bigint(secret)
        .decode_optional(curve, Botan::ASN1_Tag(0), Botan::PRIVATE)
        .discard_remaining()
        .end_cons();
    if (curve.empty())
        throw Botan::Decoding_Error("the key does not name its curve");
    const Botan::AlgorithmIdentifier algorithm(Botan::OID::from_string("ECDSA"),
                                               curve.BER_encode());
    return std::make_unique<Botan::ECDSA_PrivateKey>(algorithm, der);
}

std::unique_ptr<Botan::Private_Key> fromBlock(const PemBlock &block)
{
    if (block.label == "PRIVATE KEY") {
        Botan::DataSource_Memory source(block.der);
        return Botan::PKCS8::load_key(source);
    }
    if (block.label == "RSA PRIVATE KEY") {
        const Botan::AlgorithmIdentifier algorithm("RSA",
                                                   Botan::AlgorithmIdentifier::USE_NULL_PARAM);
        return std::make_unique<Botan::RSA_PrivateKey>(algorithm, block.der);
    }
    if (block.label == "EC PRIVATE KEY")
        return fromSec1(block.der);
    return nullptr;
}

} // namespace

std::unique_ptr<Botan::Private_Key> PemPrivateKey::parse(const QByteArray &pem, QString *reason)
{
    const std::optional<PemBlock> block = findKeyBlock(pem);
    if (!block) {
        *reason = u"holds no PEM private key"_s;
        return nullptr;
    }
    if (block->label == "ENCRYPTED PRIVATE KEY") {
        *reason = u"is encrypted, and the server has no pass phrase for it: store it decrypted "
                  "(openssl pkey -in KEY -out PLAIN-KEY), readable only by the server's user"_s;
        return nullptr;
    }
    try {
        if (auto key = fromBlock(*block))
            return key;
        *reason = u"holds a \"%1\", which is not a key format the server reads (use PKCS#8, "
                  "\"PRIVATE KEY\")"_s.arg(QString::fromStdString(block->label));
    } catch (const std::exception &e) {
        *reason = u"is not a valid private key (%1)"_s.arg(QString::fromUtf8(e.what()));
    }
    return nullptr;
}

} // namespace parley::server
