// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "wire.h"

namespace parley::bench {

// Parley's protocol (docs/protocol.md): {"id","op","data"} requests, {"id","ok","data"|"error"}
// responses and {"event","data"} events.
class ParleyWire : public Wire
{
public:
    std::string target() const override { return "/"; }
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
    std::string_view idKey() const override { return "id"; }
    std::string_view tokenKey() const override { return "accessToken"; }
};

} // namespace parley::bench
