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

void ChatHandler::change(const Request &request, std::function<ChatChange(Store &)> job)
{
    query(request, std::move(job), [this, request](const ChatChange &result) {
        if (result.error) {
            request.fail(*result.error);
            return;
        }
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
    struct Outcome
    {
        std::optional<Error> error;
        Chat chat;
        QHash<QString, Chat> views; // filled only when the chat was made now
    };
    query(
        request,
        [self = request.userId(), other = input->userId](Store &store) {
            if (!store.user(other))
                return Outcome{Error::about(QStringLiteral("userId"), ErrorCode::NotFound,
                                            QStringLiteral("userId: no such user")),
                               {},
                               {}};
            bool created = false;
            Chat chat = store.directChat(self, other, Services::now(), &created);
            return Outcome{std::nullopt, chat,
                           created ? viewsOf(store, chat.id) : QHash<QString, Chat>{}};
        },
        [this, request](const Outcome &outcome) {
            if (outcome.error) {
                request.fail(*outcome.error);
                return;
            }
            request.ok(ChatResult{s.fanout.withPresence(outcome.chat)}.toJson());
            s.fanout.chatUpdated(outcome.views);
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
    change(request, [self = request.userId(), name = input->name, others](Store &store) {
        for (const QString &id : others) {
            if (!store.user(id))
                return ChatChange{Error::about(QStringLiteral("userIds"), ErrorCode::NotFound,
                                               QStringLiteral("userIds: no such user: %1").arg(id)),
                                  {},
                                  {}};
        }
        const Chat chat =
            store.createGroup(self, name, QStringList{self} + others, Services::now());
        return ChatChange{std::nullopt, viewsOf(store, chat.id), {}};
    });
}

void ChatHandler::rename(const Request &request)
{
    const auto input = parse<ChatRenameRequest>(request);
    if (!input)
        return;
    change(request, [self = request.userId(), input = *input](Store &store) {
        if (auto error =
                requireGroup(store.chatInfo(input.chatId), self, true, QStringLiteral("renamed")))
            return ChatChange{error, {}, {}};
        store.renameChat(input.chatId, input.name, Services::now());
        return ChatChange{std::nullopt, viewsOf(store, input.chatId), {}};
    });
}

void ChatHandler::addMember(const Request &request)
{
    const auto input = parse<ChatMemberRequest>(request);
    if (!input)
        return;
    change(
        request,
        [self = request.userId(), input = *input,
         maxMembers = s.config.groupMaxMembers](Store &store) {
            const auto info = store.chatInfo(input.chatId);
            if (auto error = requireGroup(info, self, true, QStringLiteral("given members")))
                return ChatChange{error, {}, {}};
            if (!store.user(input.userId))
                return ChatChange{Error::about(QStringLiteral("userId"), ErrorCode::NotFound,
                                               QStringLiteral("userId: no such user")),
                                  {},
                                  {}};
            if (info->memberIds.size() >= maxMembers)
                return ChatChange{
                    Error::make(ErrorCode::Conflict,
                                QStringLiteral("the group is full (%1 members)").arg(maxMembers)),
                    {},
                    {}};
            if (info->memberIds.contains(input.userId))
                return ChatChange{Error::about(QStringLiteral("userId"), ErrorCode::Conflict,
                                               QStringLiteral("userId: already a member")),
                                  {},
                                  {}};
            store.addMember(input.chatId, input.userId, Services::now());
            return ChatChange{std::nullopt, viewsOf(store, input.chatId), {}};
        });
}

void ChatHandler::removeMember(const Request &request)
{
    const auto input = parse<ChatMemberRequest>(request);
    if (!input)
        return;
    change(request, [self = request.userId(), input = *input](Store &store) {
        const auto info = store.chatInfo(input.chatId);
        const bool leaving = input.userId == self;
        if (auto error = requireGroup(info, self, !leaving, QStringLiteral("left or changed")))
            return ChatChange{error, {}, {}};
        if (!info->memberIds.contains(input.userId))
            return ChatChange{Error::about(QStringLiteral("userId"), ErrorCode::NotFound,
                                           QStringLiteral("userId: not a member of this chat")),
                              {},
                              {}};
        store.removeMember(input.chatId, input.userId, Services::now());
        return ChatChange{std::nullopt, viewsOf(store, input.chatId), input.userId};
    });
}

void ChatHandler::markRead(const Request &request)
{
    const auto input = parse<MarkReadRequest>(request);
    if (!input)
        return;
    struct Outcome
    {
        std::optional<Error> error;
        qint64 before = 0;
        qint64 after = 0;
        QStringList members;
    };
    // Read markers move as often as messages arrive: they share commits like sends do.
    queryWrite(
        request,
        [self = request.userId(), input = *input](Store &store) {
            const auto info = store.chatInfo(input.chatId);
            if (auto error = requireMember(info, self))
                return Outcome{error, 0, 0, {}};
            const auto chat = store.chat(input.chatId, self);
            const qint64 before = chat ? chat->lastReadSeq : 0;
            return Outcome{std::nullopt, before, store.markRead(input.chatId, self, input.seq),
                           info->memberIds};
        },
        [this, request, chatId = input->chatId](const Outcome &outcome) {
            if (outcome.error) {
                request.fail(*outcome.error);
                return;
            }
            request.ok(MarkReadResult{chatId, outcome.after}.toJson());
            if (outcome.after > outcome.before)
                s.fanout.read(chatId, request.userId(), outcome.after, outcome.members);
        });
}

} // namespace parley::server
