// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "admincommand.h"

namespace parley::server {

class AdminConsole;

// Every subcommand of parley-server, for the command line to parse and main() to run.
class AdminCommands
{
public:
    static const QList<AdminCommand> &all();
    // The command named by the first words; null when none is.
    static const AdminCommand *find(const QStringList &words);
    // Why `words` name no command, listing what would.
    static QString unknown(const QStringList &words);
    // One line per command, for parley-server --help.
    static QString overview();

    static int run(const AdminInvocation &invocation, const ServerConfig &config,
                   AdminConsole &console);
};

} // namespace parley::server
