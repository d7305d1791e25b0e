// SPDX-License-Identifier: GPL-3.0-or-later
#include "socketiowire.h"

#include "json.h"

#include <cctype>

namespace parley::bench {

namespace {

std::string emit(std::uint64_t ackId, std::string_view event, std::string_view data)
{
    std::string frame;
    frame.reserve(data.size() + event.size() + 32);
    frame += "42";
    frame += std::to_string(ackId);
    frame += "[\"";
    frame += event;
    frame += "\",";
    frame += data;
    frame += ']';
    return frame;
}

// Splits "<digits>[...]" into the acknowledgement id (0 when absent) and the array.
std::string_view ackAndArray(std::string_view packet, std::uint64_t *ackId)
{
    std::size_t i = 0;
    *ackId = 0;
    while (i < packet.size() && std::isdigit(static_cast<unsigned char>(packet[i])))
        *ackId = *ackId * 10 + std::uint64_t(packet[i++] - '0');
    return packet.substr(i);
}

} // namespace

std::string SocketIoWire::authenticate(std::uint64_t id, std::string_view token) const
{
    return emit(id, "setup", R"({"token":)" + json::quote(token) + '}');
}

std::string SocketIoWire::registerUser(std::uint64_t id, std::string_view name,
                                       std::string_view email, std::string_view password) const
{
    return emit(id, "register",
                R"({"name":)" + json::quote(name) + R"(,"email":)" + json::quote(email)
                    + R"(,"password":)" + json::quote(password) + '}');
}

std::string SocketIoWire::login(std::uint64_t id, std::string_view email,
                                std::string_view password) const
{
    return emit(id, "login",
                R"({"email":)" + json::quote(email) + R"(,"password":)" + json::quote(password)
                    + '}');
}

std::string SocketIoWire::directChat(std::uint64_t id, std::string_view userId) const
{
    return emit(id, "access chat", R"({"userId":)" + json::quote(userId) + '}');
}

std::string SocketIoWire::createGroup(std::uint64_t id, std::string_view name,
                                      const std::vector<std::string> &userIds) const
{
    std::string ids = "[";
    for (const auto &userId : userIds) {
        if (ids.size() > 1)
            ids += ',';
        ids += json::quote(userId);
    }
    ids += ']';
    return emit(id, "create group", R"({"name":)" + json::quote(name) + R"(,"users":)" + ids + '}');
}

std::string SocketIoWire::sendMessage(std::uint64_t id, std::string_view chatId,
                                      std::string_view clientId, std::string_view content) const
{
    return emit(id, "new message",
                R"({"chatId":)" + json::quote(chatId) + R"(,"clientId":)" + json::quote(clientId)
                    + R"(,"content":)" + json::quote(content) + '}');
}

std::string SocketIoWire::history(std::uint64_t id, std::string_view chatId, std::int64_t before,
                                  int limit) const
{
    std::string data =
        R"({"chatId":)" + json::quote(chatId) + R"(,"limit":)" + std::to_string(limit);
    if (before > 0)
        data += R"(,"beforeId":)" + std::to_string(before);
    data += '}';
    return emit(id, "fetch messages", data);
}

Incoming SocketIoWire::decode(std::string_view frame) const
{
    Incoming in;
    if (frame == "2") {
        in.kind = Incoming::Kind::Ping;
        return in;
    }
    if (frame.size() < 2 || frame[0] != '4')
        return in; // open, pong, noop: nothing to do
    const char type = frame[1];
    if (type == '0') {
        in.kind = Incoming::Kind::Ready;
        return in;
    }
    std::uint64_t ackId = 0;
    const std::string_view array = ackAndArray(frame.substr(2), &ackId);
    if (type == '2') {
        if (json::element(array, 0) == R"("message recieved")") { // the seed's spelling
            in.kind = Incoming::Kind::MessageNew;
            in.data = json::element(array, 1);
        }
        return in;
    }
    if (type == '3') {
        const std::string_view reply = json::element(array, 0);
        in.kind = Incoming::Kind::Response;
        in.requestId = ackId;
        in.ok = json::isTrue(json::member(reply, "ok"));
        if (in.ok)
            in.data = json::member(reply, "data");
        else
            in.error = json::member(reply, "error");
    }
    return in;
}

} // namespace parley::bench
