// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>
#include <span>

namespace parley {

// Every request operation of protocol v1.
enum class Op {
    ServerInfo,
    AuthRegister,
    AuthLogin,
    AuthToken,
    AuthRefresh,
    AuthLogout,
    UserMe,
    UserUpdate,
    AvatarGet,
    UserSearch,
    ChatList,
    ChatDirect,
    ChatCreateGroup,
    ChatRename,
    ChatAddMember,
    ChatRemoveMember,
    MessageSend,
    MessageHistory,
    MessageEdit,
    MessageDelete,
    ChatMarkRead,
    Sync,
    TypingStart,
    TypingStop,
};

// Every event the server pushes.
enum class Event {
    MessageNew,
    MessageUpdated,
    ChatUpdated,
    ChatRemoved,
    Typing,
    Read,
    Presence,
    UserUpdated,
    Error,
};

// One row of the operation table: the single source of names and dispatch rules.
struct OpInfo
{
    Op op;
    const char *name;
    bool allowedBeforeAuth; // accepted on a connection that has not authenticated
    bool fireAndForget; // sent without an id; the server never answers
};

struct EventInfo
{
    Event event;
    const char *name;
};

std::span<const OpInfo> operationTable();
std::span<const EventInfo> eventTable();

const OpInfo &opInfo(Op op);
QString opName(Op op);
std::optional<Op> opFromName(QStringView name);

QString eventName(Event event);
std::optional<Event> eventFromName(QStringView name);

} // namespace parley
