// SPDX-License-Identifier: GPL-3.0-or-later
#include "typinghandler.h"

#include "chataccess.h"
#include "dispatcher.h"
#include "requests.h"

namespace parley::server {

void TypingHandler::registerOps(Dispatcher &dispatcher)
{
    dispatcher.add(Op::TypingStart, [this](const Request &r) { typing(r, true); });
    dispatcher.add(Op::TypingStop, [this](const Request &r) { typing(r, false); });
}

void TypingHandler::typing(const Request &request, bool start)
{
    const auto input = TypingRequest::fromJson(request.data());
    // A request that carries an id still gets its one answer; typing itself has no result.
    request.ok();
    if (!input)
        return;
    // A client that floods typing events is ignored until it slows down; nobody is told.
    if (ClientConnection *connection = request.connection();
        !connection || !connection->takeTypingAllowance())
        return;
    if (!start) {
        s.typing.stop(input->chatId, request.userId());
        return;
    }
    struct Outcome
    {
        QStringList members;
        QString name;
    };
    query(
        request,
        [self = request.userId(), chatId = input->chatId](Store &store) {
            const auto info = store.chatInfo(chatId);
            // Nobody is told of a non-member's typing, and the typist is not told why.
            if (chataccess::requireMember(info, self))
                return Outcome{};
            const auto user = store.user(self);
            return Outcome{info->memberIds, user ? user->name : QString()};
        },
        [this, request, chatId = input->chatId](const Outcome &outcome) {
            if (outcome.members.isEmpty())
                return;
            // The user may have gone offline while the store looked: then there is nobody typing.
            if (!s.registry.isOnline(request.userId()))
                return;
            s.typing.start(chatId, request.userId(), outcome.name, outcome.members);
        });
}

} // namespace parley::server
