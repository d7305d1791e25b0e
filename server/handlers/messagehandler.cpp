// SPDX-License-Identifier: GPL-3.0-or-later
#include "messagehandler.h"

#include "chataccess.h"
#include "dispatcher.h"
#include "metrics/metrics.h"
#include "requests.h"
#include "results.h"

namespace parley::server {

using namespace chataccess;

void MessageHandler::registerOps(Dispatcher &dispatcher)
{
    dispatcher.add(Op::MessageSend, [this](const Request &r) { send(r); });
    dispatcher.add(Op::MessageHistory, [this](const Request &r) { history(r); });
    dispatcher.add(Op::MessageEdit, [this](const Request &r) { edit(r); });
    dispatcher.add(Op::MessageDelete, [this](const Request &r) { remove(r); });
}

void MessageHandler::send(const Request &request)
{
    const auto input = parse<MessageSendRequest>(request);
    if (!input)
        return;
    if (ClientConnection *connection = request.connection()) {
        if (const auto wait = connection->takeMessageAllowance()) {
            Error error =
                Error::make(ErrorCode::RateLimited, QStringLiteral("sending too fast; slow down"));
            error.retryAfterMs = *wait;
            request.fail(error);
            return;
        }
    }
    struct Sent
    {
        Message message;
        bool stored = false; // false: a resend answered with what was stored before
        QStringList members;
    };
    // Concurrent sends share one commit. A resend queued in the same batch as its original still
    // finds it: the batch's jobs run one after the other in one transaction.
    queryWrite(
        request,
        [self = request.userId(), input = *input](Store &store) -> Result<Sent> {
            const auto info = store.chatInfo(input.chatId);
            if (auto error = requireMember(info, self))
                return *error;
            const auto sent = store.sendMessage(input.chatId, self, input.clientId, input.content,
                                                Services::now());
            using Kind = Store::SendOutcome::Kind;
            if (sent.kind == Kind::ClientIdConflict)
                return Error::about(QStringLiteral("clientId"), ErrorCode::Conflict,
                                    QStringLiteral("clientId: already used in another chat"));
            return Sent{sent.message, sent.kind == Kind::Stored, info->memberIds};
        },
        [this, request](const Sent &sent) {
            // Answered only now, after the commit: an ok'd message is durable.
            request.ok(MessageResult{sent.message}.toJson());
            if (sent.stored) {
                // A resend answered with the earlier message stored nothing new.
                Metrics::instance().countMessageStored();
                s.typing.stop(sent.message.chatId, request.userId());
                s.fanout.message(Event::MessageNew, sent.message, sent.members);
            }
        });
}

void MessageHandler::history(const Request &request)
{
    const auto input = parse<MessageHistoryRequest>(request);
    if (!input)
        return;
    query(
        request,
        [self = request.userId(), input = *input](Store &store) -> Result<Store::HistoryPage> {
            if (auto error = requireMember(store.chatInfo(input.chatId), self))
                return *error;
            return store.history(input.chatId, input.beforeSeq, input.limit);
        },
        [request](const Store::HistoryPage &page) {
            request.ok(HistoryResult{page.messages, page.hasMore}.toJson());
        });
}

void MessageHandler::edit(const Request &request)
{
    const auto input = parse<MessageEditRequest>(request);
    if (input)
        changeMessage(request, input->messageId, Change::Edit, input->content);
}

void MessageHandler::remove(const Request &request)
{
    const auto input = parse<MessageDeleteRequest>(request);
    if (input)
        changeMessage(request, input->messageId, Change::Delete, {});
}

void MessageHandler::changeMessage(const Request &request, const QString &messageId, Change change,
                                   const QString &content)
{
    struct Changed
    {
        Message message;
        bool changed = false; // false: nothing to tell anyone (the same content, already deleted)
        QStringList members;
    };
    queryWrite(
        request,
        [self = request.userId(), messageId, change, content](Store &store) -> Result<Changed> {
            const auto message = store.message(messageId);
            if (!message)
                return Error::about(QStringLiteral("messageId"), ErrorCode::NotFound,
                                    QStringLiteral("messageId: no such message"));
            const auto info = store.chatInfo(message->chatId);
            if (auto error = requireMember(info, self))
                return *error;
            const bool own = message->sender.id == self;
            if (change == Change::Edit) {
                if (!own)
                    return Error::make(ErrorCode::Forbidden,
                                       QStringLiteral("only the sender may edit a message"));
                if (message->deleted)
                    return Error::about(QStringLiteral("messageId"), ErrorCode::Conflict,
                                        QStringLiteral("messageId: the message was deleted"));
                if (message->content == content)
                    return Changed{*message, false, {}};
                return Changed{store.editMessage(messageId, content, Services::now()), true,
                               info->memberIds};
            }
            const bool admin = info->isGroup && info->adminId == self;
            if (!own && !admin)
                return Error::make(
                    ErrorCode::Forbidden,
                    QStringLiteral("only the sender or the group's admin may delete a message"));
            if (message->deleted)
                return Changed{*message, false, {}};
            return Changed{store.deleteMessage(messageId, Services::now()), true, info->memberIds};
        },
        [this, request](const Changed &changed) {
            request.ok(MessageResult{changed.message}.toJson());
            if (changed.changed)
                s.fanout.message(Event::MessageUpdated, changed.message, changed.members);
        });
}

} // namespace parley::server
