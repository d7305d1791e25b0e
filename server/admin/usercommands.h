// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "admincommand.h"

namespace parley::server {

class SqliteStore;

// `parley-server user add|list|disable|enable|reset-password`: accounts, managed by whoever runs
// the server, also while it runs. Disabling or resetting a password ends the account's sessions;
// a running server closes their connections within seconds.
class UserCommands
{
public:
    static QList<AdminCommand> commands();

private:
    static int add(const AdminInvocation &invocation, const ServerConfig &config,
                   AdminConsole &console);
    static int list(const AdminInvocation &invocation, const ServerConfig &config,
                    AdminConsole &console);
    static int setDisabled(const AdminInvocation &invocation, const ServerConfig &config,
                           AdminConsole &console, bool disabled);
    static int resetPassword(const AdminInvocation &invocation, const ServerConfig &config,
                             AdminConsole &console);

    // The password from stdin (--password-stdin) or a new random one; nullopt after reporting why
    // not. `generated` tells which.
    static std::optional<QString> password(const AdminInvocation &invocation, AdminConsole &console,
                                           bool *generated);
};

} // namespace parley::server
