// SPDX-License-Identifier: GPL-3.0-or-later
#include "operations.h"

#include <array>

namespace parley {

namespace {

// The order follows the enum so that opInfo() can index directly.
constexpr std::array<OpInfo, 24> ops{{
    {Op::ServerInfo, "server.info", true, false},
    {Op::AuthRegister, "auth.register", true, false},
    {Op::AuthLogin, "auth.login", true, false},
    {Op::AuthToken, "auth.token", true, false},
    {Op::AuthRefresh, "auth.refresh", true, false},
    {Op::AuthLogout, "auth.logout", false, false},
    {Op::UserMe, "user.me", false, false},
    {Op::UserUpdate, "user.update", false, false},
    {Op::AvatarGet, "avatar.get", false, false},
    {Op::UserSearch, "user.search", false, false},
    {Op::ChatList, "chat.list", false, false},
    {Op::ChatDirect, "chat.direct", false, false},
    {Op::ChatCreateGroup, "chat.createGroup", false, false},
    {Op::ChatRename, "chat.rename", false, false},
    {Op::ChatAddMember, "chat.addMember", false, false},
    {Op::ChatRemoveMember, "chat.removeMember", false, false},
    {Op::MessageSend, "message.send", false, false},
    {Op::MessageHistory, "message.history", false, false},
    {Op::MessageEdit, "message.edit", false, false},
    {Op::MessageDelete, "message.delete", false, false},
    {Op::ChatMarkRead, "chat.markRead", false, false},
    {Op::Sync, "sync", false, false},
    {Op::TypingStart, "typing.start", false, true},
    {Op::TypingStop, "typing.stop", false, true},
}};

constexpr std::array<EventInfo, 9> events{{
    {Event::MessageNew, "message.new"},
    {Event::MessageUpdated, "message.updated"},
    {Event::ChatUpdated, "chat.updated"},
    {Event::ChatRemoved, "chat.removed"},
    {Event::Typing, "typing"},
    {Event::Read, "read"},
    {Event::Presence, "presence"},
    {Event::UserUpdated, "user.updated"},
    {Event::Error, "error"},
}};

constexpr bool tableFollowsEnum()
{
    for (std::size_t i = 0; i < ops.size(); ++i) {
        if (static_cast<std::size_t>(ops[i].op) != i)
            return false;
    }
    for (std::size_t i = 0; i < events.size(); ++i) {
        if (static_cast<std::size_t>(events[i].event) != i)
            return false;
    }
    return true;
}
static_assert(tableFollowsEnum(), "operation and event tables must follow their enums' order");

} // namespace

std::span<const OpInfo> operationTable()
{
    return ops;
}

std::span<const EventInfo> eventTable()
{
    return events;
}

const OpInfo &opInfo(Op op)
{
    return ops[static_cast<std::size_t>(op)];
}

QString opName(Op op)
{
    return QString::fromLatin1(opInfo(op).name);
}

std::optional<Op> opFromName(QStringView name)
{
    for (const OpInfo &info : ops) {
        if (name == QLatin1StringView(info.name))
            return info.op;
    }
    return std::nullopt;
}

QString eventName(Event event)
{
    return QString::fromLatin1(events[static_cast<std::size_t>(event)].name);
}

std::optional<Event> eventFromName(QStringView name)
{
    for (const EventInfo &info : events) {
        if (name == QLatin1StringView(info.name))
            return info.event;
    }
    return std::nullopt;
}

} // namespace parley
