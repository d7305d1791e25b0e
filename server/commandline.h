#pragma once

#include "serverconfig.h"

#include <QProcessEnvironment>
#include <QStringList>

#include <optional>

namespace parley::server {

// parley-server's options: flags first, then PARLEY_* environment variables, then defaults.
struct CommandLine
{
    std::optional<ServerConfig> config; // empty: exit with exitCode after printing `output`
    int exitCode = 0;
    QString output;

    static CommandLine parse(const QStringList &arguments, const QProcessEnvironment &environment);
    static QString defaultDataDir();
};

} // namespace parley::server
