// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace parley::bench {

enum class ServerKind { Parley, SocketIo };

// One frame from the server, as far as the load client cares.
struct Incoming
{
    enum class Kind {
        Response, // to a request of ours: requestId, ok, data or error
        MessageNew, // a new message delivered to this connection: data is the message object
        Ping, // an application-level ping that wants a pong (socket.io)
        Ready, // the server accepted the session (socket.io namespace connect)
        Other,
    };
    Kind kind = Kind::Other;
    std::uint64_t requestId = 0;
    bool ok = false;
    std::string_view data;
    std::string_view error;
};

// How the load client talks to one kind of server: the frames of each request, and the reading
// of what comes back. Both servers get the same workload through it.
class Wire
{
public:
    static std::unique_ptr<Wire> make(ServerKind kind);
    virtual ~Wire() = default;

    virtual std::string target() const = 0; // the WebSocket handshake's path
    virtual std::string greeting() const { return {}; } // sent right after the handshake
    virtual std::string pong() const { return {}; }

    virtual std::string authenticate(std::uint64_t id, std::string_view token) const = 0;
    virtual std::string registerUser(std::uint64_t id, std::string_view name,
                                     std::string_view email, std::string_view password) const = 0;
    virtual std::string login(std::uint64_t id, std::string_view email,
                              std::string_view password) const = 0;
    virtual std::string directChat(std::uint64_t id, std::string_view userId) const = 0;
    virtual std::string createGroup(std::uint64_t id, std::string_view name,
                                    const std::vector<std::string> &userIds) const = 0;
    virtual std::string sendMessage(std::uint64_t id, std::string_view chatId,
                                    std::string_view clientId, std::string_view content) const = 0;
    // A page of `limit` messages older than `before` (0: the newest page).
    virtual std::string history(std::uint64_t id, std::string_view chatId, std::int64_t before,
                                int limit) const = 0;

    virtual Incoming decode(std::string_view frame) const = 0;

    // Whether registering or logging in also authenticates the connection; when not (the seed
    // did those over REST), the client authenticates with the token it got.
    virtual bool signInAuthenticates() const { return true; }

    // Result fields whose names differ: the id of a user or chat, and the access token.
    virtual std::string_view idKey() const = 0;
    virtual std::string_view tokenKey() const = 0;
};

} // namespace parley::bench
