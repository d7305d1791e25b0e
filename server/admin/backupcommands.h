// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "admincommand.h"

namespace parley::server {

// `parley-server backup FILE` and `parley-server restore FILE`. A backup is a consistent copy
// taken while the server runs (SQLite's VACUUM INTO reads one snapshot); a restore checks the
// copy, refuses while a server has the database open, and swaps the files so that the database
// is either wholly the old one or wholly the restored one, keeping the old one beside it.
class BackupCommands
{
public:
    static QList<AdminCommand> commands();

private:
    static int backup(const AdminInvocation &invocation, const ServerConfig &config,
                      AdminConsole &console);
    static int restore(const AdminInvocation &invocation, const ServerConfig &config,
                       AdminConsole &console);

    // Moves the current database aside as `kept` (with its write-ahead log, when it could not be
    // folded in); false with *error when a server holds it.
    static bool setAside(const QString &database, const QString &kept, QString *error);
};

} // namespace parley::server
