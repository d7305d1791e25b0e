// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "handler.h"

namespace parley::server {

// typing.start and typing.stop: fire-and-forget, dropped silently for non-members.
class TypingHandler : public Handler
{
    Q_OBJECT

public:
    using Handler::Handler;
    void registerOps(Dispatcher &dispatcher) override;

private:
    void typing(const Request &request, bool start);
};

} // namespace parley::server
