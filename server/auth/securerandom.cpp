// SPDX-License-Identifier: GPL-3.0-or-later
#include "securerandom.h"

#include <botan/auto_rng.h>

namespace parley::server {

QByteArray SecureRandom::bytes(qsizetype count)
{
    QByteArray out(count, Qt::Uninitialized);
    generator().randomize(reinterpret_cast<uint8_t *>(out.data()), static_cast<size_t>(count));
    return out;
}

Botan::RandomNumberGenerator &SecureRandom::generator()
{
    thread_local Botan::AutoSeeded_RNG rng;
    return rng;
}

} // namespace parley::server
