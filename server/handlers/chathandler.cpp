// SPDX-License-Identifier: GPL-3.0-or-later
#include "chathandler.h"

#include "dispatcher.h"
#include "requests.h"
#include "results.h"

namespace parley::server {

using namespace chataccess;

void ChatHandler::registerOps(Dispatcher &dispatcher)
{
    dispatcher.add(Op::ChatList, [this](const Request &r) { list(r); });
    dispatcher.add(Op::ChatDirect, [this](const Request &r) { direct(r); });
    dispatcher.add(Op::ChatCreateGroup, [this](const Request &r) { createGroup(r); });
    dispatcher.add(Op::ChatRename, [this](const Request &r) { rename(r); });
    dispatcher.add(Op::ChatAddMember, [this](const Request &r) { addMember(r); });
    dispatcher.add(Op::ChatRemoveMember, [this](const Request &r) { removeMember(r); });
    dispatcher.add(Op::ChatMarkRead, [this](const Request &r) { markRead(r); });
}

void ChatHandler::list(const Request &request)
{
    query(
        request, [id = request.userId()](Store &store) { return store.chatsOf(id); },
        [this, request](const QList<Chat> &chats) {
            request.ok(ChatList{s.fanout.withPresence(chats)}.toJson());
        });
}

void ChatHandler::change(const Request &request, std::function<Result<ChatChange>(Store &)> job)
{
    query(request, std::move(job), [this, request](const ChatChange &result) {
        Chat own = result.chatFor(request.userId());
        if (own.id.isEmpty() && !result.views.isEmpty()) {
            // The caller has just left: it sees the chat as it now is, with nothing unread.
            own = result.views.cbegin().value();
            own.unreadCount = 0;
            own.lastReadSeq = 0;
        }
        request.ok(ChatResult{s.fanout.withPresence(own)}.toJson());
        s.fanout.chatUpdated(result.views);
        if (!result.removedUserId.isEmpty()) {
            s.fanout.chatRemoved(result.removedUserId, own.id);
            s.typing.memberRemoved(own.id, result.removedUserId);
        }
    });
}

void ChatHandler::direct(const Request &request)
{
    const auto input = parse<ChatDirectRequest>(request);
    if (!input)
        return;
    if (input->userId == request.userId()) {
        request.fail(Error::about(QStringLiteral("userId"), ErrorCode::BadRequest,
                                  QStringLiteral("userId: a direct chat needs another user")));
        return;
    }
    struct Direct
    {
        Chat chat;
        QHash<QString, Chat> views; // filled only when the chat was made now
    };
    query(
        request,
        [self = request.userId(), other = input->userId](Store &store) -> Result<Direct> {
            if (!store.user(other))
                return Error::about(QStringLiteral("userId"), ErrorCode::NotFound,
                                    QStringLiteral("userId: no such user"));
            bool created = false;
            Chat chat = store.directChat(self, other, Services::now(), &created);
            return Direct{chat, created ? viewsOf(store, chat.id) : QHash<QString, Chat>{}};
        },
        [this, request](const Direct &direct) {
            request.ok(ChatResult{s.fanout.withPresence(direct.chat)}.toJson());
            s.fanout.chatUpdated(direct.views);
        });
}

void ChatHandler::createGroup(const Request &request)
{
    auto input = parse<ChatCreateGroupRequest>(request);
    if (!input)
        return;
    QStringList others = input->userIds;
    others.removeAll(request.userId());
    if (others.size() < limits::GroupMinOtherMembers) {
        request.fail(Error::about(QStringLiteral("userIds"), ErrorCode::BadRequest,
                                  QStringLiteral("userIds: a group needs at least %1 other members")
                                      .arg(limits::GroupMinOtherMembers)));
        return;
    }
    if (others.size() + 1 > s.config.groupMaxMembers) {
        request.fail(Error::about(QStringLiteral("userIds"), ErrorCode::BadRequest,
                                  QStringLiteral("userIds: a group has at most %1 members")
                                      .arg(s.config.groupMaxMembers)));
        return;
    }
    change(
        request,
        [self = request.userId(), name = input->name, others](Store &store) -> Result<ChatChange> {
            for (const QString &id : others) {
                if (!store.user(id))
                    return Error::about(QStringLiteral("userIds"), ErrorCode::NotFound,
                                        QStringLiteral("userIds: no such user: %1").arg(id));
            }
            const Chat chat =
                store.createGroup(self, name, QStringList{self} + others, Services::now());
            return ChatChange{viewsOf(store, chat.id), {}};
        });
}

void ChatHandler::rename(const Request &request)
{
    const auto input = parse<ChatRenameRequest>(request);
    if (!input)
        return;
    change(request, [self = request.userId(), input = *input](Store &store) -> Result<ChatChange> {
        if (auto error =
                requireGroup(store.chatInfo(input.chatId), self, true, QStringLiteral("renamed")))
            return *error;
        store.renameChat(input.chatId, input.name, Services::now());
        return ChatChange{viewsOf(store, input.chatId), {}};
    });
}

void ChatHandler::addMember(const Request &request)
{
    const auto input = parse<ChatMemberRequest>(request);
    if (!input)
        return;
    change(request,
           [self = request.userId(), input = *input,
            maxMembers = s.config.groupMaxMembers](Store &store) -> Result<ChatChange> {
               const auto info = store.chatInfo(input.chatId);
               if (auto error = requireGroup(info, self, true, QStringLiteral("given members")))
                   return *error;
               if (!store.user(input.userId))
                   return Error::about(QStringLiteral("userId"), ErrorCode::NotFound,
                                       QStringLiteral("userId: no such user"));
               if (info->memberIds.size() >= maxMembers)
                   return Error::make(
                       ErrorCode::Conflict,
                       QStringLiteral("the group is full (%1 members)").arg(maxMembers));
               if (info->memberIds.contains(input.userId))
                   return Error::about(QStringLiteral("userId"), ErrorCode::Conflict,
                                       QStringLiteral("userId: already a member"));
               store.addMember(input.chatId, input.userId, Services::now());
               return ChatChange{viewsOf(store, input.chatId), {}};
           });
}

void ChatHandler::removeMember(const Request &request)
{
    const auto input = parse<ChatMemberRequest>(request);
    if (!input)
        return;
    change(request, [self = request.userId(), input = *input](Store &store) -> Result<ChatChange> {
        const auto info = store.chatInfo(input.chatId);
        const bool leaving = input.userId == self;
        if (auto error = requireGroup(info, self, !leaving, QStringLiteral("left or changed")))
            return *error;
        if (!info->memberIds.contains(input.userId))
            return Error::about(QStringLiteral("userId"), ErrorCode::NotFound,
                                QStringLiteral("userId: not a member of this chat"));
        store.removeMember(input.chatId, input.userId, Services::now());
        return ChatChange{viewsOf(store, input.chatId), input.userId};
    });
}

void ChatHandler::markRead(const Request &request)
{
    const auto input = parse<MarkReadRequest>(request);
    if (!input)
        return;
    struct Moved
    {
        qint64 before = 0;
        qint64 after = 0;
        QStringList members;
    };
    // Read markers move as often as messages arrive: they share commits like sends do.
    queryWrite(
        request,
        [self = request.userId(), input = *input](Store &store) -> Result<Moved> {
            const auto info = store.chatInfo(input.chatId);
            if (auto error = requireMember(info, self))
                return *error;
            const auto chat = store.chat(input.chatId, self);
            const qint64 before = chat ? chat->lastReadSeq : 0;
            return Moved{before, store.markRead(input.chatId, self, input.seq), info->memberIds};
        },
        [this, request, chatId = input->chatId](const Moved &moved) {
            request.ok(MarkReadResult{chatId, moved.after}.toJson());
            if (moved.after > moved.before)
                s.fanout.read(chatId, request.userId(), moved.after, moved.members);
        });
}

} // namespace parley::server
