// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "wire.h"

namespace parley::bench {

// The socket.io peer (bench/peers/socketio) over a plain WebSocket: Engine.IO v4 packets ("0"
// open, "2" ping, "3" pong, "4" message) carrying Socket.IO packets ("40" connect,
// "42<ack>[event, data]" an event, "43<ack>[reply]" an acknowledgement).
class SocketIoWire : public Wire
{
public:
    std::string target() const override { return "/socket.io/?EIO=4&transport=websocket"; }
    std::string greeting() const override { return "40"; }
    std::string pong() const override { return "3"; }
    std::string authenticate(std::uint64_t id, std::string_view token) const override;
    std::string registerUser(std::uint64_t id, std::string_view name, std::string_view email,
                             std::string_view password) const override;
    std::string login(std::uint64_t id, std::string_view email,
                      std::string_view password) const override;
    std::string directChat(std::uint64_t id, std::string_view userId) const override;
    std::string createGroup(std::uint64_t id, std::string_view name,
                            const std::vector<std::string> &userIds) const override;
    std::string sendMessage(std::uint64_t id, std::string_view chatId, std::string_view clientId,
                            std::string_view content) const override;
    std::string history(std::uint64_t id, std::string_view chatId, std::int64_t before,
                        int limit) const override;
    Incoming decode(std::string_view frame) const override;
    std::string_view idKey() const override { return "_id"; }
    std::string_view tokenKey() const override { return "token"; }
    bool signInAuthenticates() const override { return false; }
};

} // namespace parley::bench
