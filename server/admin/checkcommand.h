// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "admincommand.h"

namespace parley::server {

// `parley-server check [FILE]`: whether the database (or a backup) is sound: SQLite's integrity
// and foreign key checks, a Parley schema this server can use, and no two enabled accounts whose
// emails are one under NFKC case folding. Read-only, so it is safe while the server runs.
class CheckCommand
{
public:
    static QList<AdminCommand> commands();

private:
    static int check(const AdminInvocation &invocation, const ServerConfig &config,
                     AdminConsole &console);
};

} // namespace parley::server
