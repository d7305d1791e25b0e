// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "admincommand.h"

namespace parley::server {

// `parley-server invite [--uses N] [--expires DAYS]`: a code that lets N people sign up on a
// server run with --registration invite. The code is printed once; the database keeps its hash.
class InviteCommands
{
public:
    static QList<AdminCommand> commands();

private:
    static int invite(const AdminInvocation &invocation, const ServerConfig &config,
                      AdminConsole &console);
};

} // namespace parley::server
