// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "chataccess.h"
#include "handler.h"

#include <functional>

namespace parley::server {

// chat.list, chat.direct, chat.createGroup, chat.rename, chat.addMember, chat.removeMember and
// chat.markRead.
class ChatHandler : public Handler
{
    Q_OBJECT

public:
    using Handler::Handler;
    void registerOps(Dispatcher &dispatcher) override;

private:
    void list(const Request &request);
    void direct(const Request &request);
    void createGroup(const Request &request);
    void rename(const Request &request);
    void addMember(const Request &request);
    void removeMember(const Request &request);
    void markRead(const Request &request);

    // Runs a chat change in the store, then answers with the caller's view and tells the members.
    void change(const Request &request, std::function<Result<ChatChange>(Store &)> job);
};

} // namespace parley::server
