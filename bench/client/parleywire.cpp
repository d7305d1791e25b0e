// SPDX-License-Identifier: GPL-3.0-or-later
#include "parleywire.h"

#include "json.h"

namespace parley::bench {

namespace {

std::string request(std::uint64_t id, std::string_view op, std::string_view data)
{
    std::string frame;
    frame.reserve(data.size() + op.size() + 40);
    frame += R"({"id":")";
    frame += std::to_string(id);
    frame += R"(","op":")";
    frame += op;
    frame += R"(","data":)";
    frame += data;
    frame += '}';
    return frame;
}

} // namespace

std::string ParleyWire::authenticate(std::uint64_t id, std::string_view token) const
{
    return request(id, "auth.token", R"({"accessToken":)" + json::quote(token) + '}');
}

std::string ParleyWire::registerUser(std::uint64_t id, std::string_view name,
                                     std::string_view email, std::string_view password) const
{
    return request(id, "auth.register",
                   R"({"name":)" + json::quote(name) + R"(,"email":)" + json::quote(email)
                       + R"(,"password":)" + json::quote(password) + '}');
}

std::string ParleyWire::login(std::uint64_t id, std::string_view email,
                              std::string_view password) const
{
    return request(id, "auth.login",
                   R"({"email":)" + json::quote(email) + R"(,"password":)" + json::quote(password)
                       + R"(,"device":"parley-bench"})");
}

std::string ParleyWire::directChat(std::uint64_t id, std::string_view userId) const
{
    return request(id, "chat.direct", R"({"userId":)" + json::quote(userId) + '}');
}

std::string ParleyWire::createGroup(std::uint64_t id, std::string_view name,
                                    const std::vector<std::string> &userIds) const
{
    std::string ids = "[";
    for (const auto &userId : userIds) {
        if (ids.size() > 1)
            ids += ',';
        ids += json::quote(userId);
    }
    ids += ']';
    return request(id, "chat.createGroup",
                   R"({"name":)" + json::quote(name) + R"(,"userIds":)" + ids + '}');
}

std::string ParleyWire::sendMessage(std::uint64_t id, std::string_view chatId,
                                    std::string_view clientId, std::string_view content) const
{
    return request(id, "message.send",
                   R"({"chatId":)" + json::quote(chatId) + R"(,"clientId":)" + json::quote(clientId)
                       + R"(,"content":)" + json::quote(content) + '}');
}

std::string ParleyWire::history(std::uint64_t id, std::string_view chatId, std::int64_t before,
                                int limit) const
{
    std::string data =
        R"({"chatId":)" + json::quote(chatId) + R"(,"limit":)" + std::to_string(limit);
    if (before > 0)
        data += R"(,"beforeSeq":)" + std::to_string(before);
    data += '}';
    return request(id, "message.history", data);
}

Incoming ParleyWire::decode(std::string_view frame) const
{
    Incoming in;
    if (const auto event = json::member(frame, "event"); !event.empty()) {
        if (event == R"("message.new")") {
            in.kind = Incoming::Kind::MessageNew;
            in.data = json::member(json::member(frame, "data"), "message");
        }
        return in;
    }
    const auto id = json::integer(json::member(frame, "id"));
    if (!id)
        return in;
    in.kind = Incoming::Kind::Response;
    in.requestId = std::uint64_t(*id);
    in.ok = json::isTrue(json::member(frame, "ok"));
    if (in.ok)
        in.data = json::member(frame, "data");
    else
        in.error = json::member(frame, "error");
    return in;
}

} // namespace parley::bench
