// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "handler.h"

namespace parley::server {

// message.send, message.history, message.edit and message.delete.
class MessageHandler : public Handler
{
    Q_OBJECT

public:
    using Handler::Handler;
    void registerOps(Dispatcher &dispatcher) override;

private:
    void send(const Request &request);
    void history(const Request &request);
    void edit(const Request &request);
    void remove(const Request &request);

    enum class Change { Edit, Delete };
    void changeMessage(const Request &request, const QString &messageId, Change change,
                       const QString &content);
};

} // namespace parley::server
