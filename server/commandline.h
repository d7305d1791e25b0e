// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "admin/admincommand.h"
#include "config/serverconfig.h"
#include "logging/logoutput.h"

#include <QProcessEnvironment>
#include <QStringList>

#include <optional>

namespace parley::server {

// parley-server's options: flags first, then PARLEY_* environment variables, then the config
// file, then defaults. A command word (`user add`, `backup`, …) turns the run into an admin
// command on the same database instead of a server.
struct CommandLine
{
    std::optional<ServerConfig> config; // empty: exit with exitCode after printing `output`
    int exitCode = 0;
    QString output;
    LogOutput::Format logFormat = LogOutput::Format::Text;
    std::optional<AdminInvocation> command; // set: run this instead of serving

    static CommandLine parse(const QStringList &arguments, const QProcessEnvironment &environment);
    static QString defaultDataDir();
};

} // namespace parley::server
