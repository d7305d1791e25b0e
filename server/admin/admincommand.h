// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "config/serverconfig.h"

#include <QCommandLineOption>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace parley::server {

class AdminConsole;

// The exit codes of every admin command.
enum AdminExitCode : int { AdminOk = 0, AdminFailed = 1, AdminUsage = 2 };

// What the command line handed to an admin command once its options were parsed.
struct AdminInvocation
{
    QStringList words; // the command, e.g. {"user", "add"}
    QStringList arguments; // what followed the words, e.g. {"backup.db"}
    QHash<QString, QString> options; // the command's options that were given, by long name

    bool isSet(const QString &option) const { return options.contains(option); }
    QString value(const QString &option) const { return options.value(option); }
};

// One subcommand of parley-server: how it is called and what it does. It runs against the
// database the server options name (--data-dir, --database, --config) and returns an
// AdminExitCode.
struct AdminCommand
{
    struct Argument
    {
        QString name; // as --help shows it, e.g. "EMAIL"
        QString description;
        bool optional = false;
    };
    using Run = std::function<int(const AdminInvocation &, const ServerConfig &, AdminConsole &)>;

    QStringList words;
    QString summary;
    QList<QCommandLineOption> options;
    QStringList requiredOptions; // long names of the options that must be given
    QList<Argument> arguments;
    Run run;

    QString synopsis() const; // "user disable EMAIL", "check [FILE]"
};

} // namespace parley::server
