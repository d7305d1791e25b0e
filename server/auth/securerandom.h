// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

namespace Botan {
class RandomNumberGenerator;
}

namespace parley::server {

// Cryptographically secure randomness for the auth code. Botan RNGs must not be shared between
// threads, so every thread gets its own auto-seeded generator.
class SecureRandom
{
public:
    static QByteArray bytes(qsizetype count);
    static Botan::RandomNumberGenerator &generator();
};

} // namespace parley::server
