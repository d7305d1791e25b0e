// SPDX-License-Identifier: GPL-3.0-or-later
#include "wire.h"

#include "parleywire.h"
#include "socketiowire.h"

namespace parley::bench {

std::unique_ptr<Wire> Wire::make(ServerKind kind)
{
    if (kind == ServerKind::SocketIo)
        return std::make_unique<SocketIoWire>();
    return std::make_unique<ParleyWire>();
}

} // namespace parley::bench
