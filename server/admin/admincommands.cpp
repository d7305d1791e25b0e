// SPDX-License-Identifier: GPL-3.0-or-later
#include "admincommands.h"

#include "adminconsole.h"
#include "backupcommands.h"
#include "checkcommand.h"
#include "invitecommands.h"
#include "usercommands.h"

using namespace Qt::StringLiterals;

namespace parley::server {

const QList<AdminCommand> &AdminCommands::all()
{
    static const QList<AdminCommand> commands = UserCommands::commands()
        + BackupCommands::commands() + CheckCommand::commands() + InviteCommands::commands();
    return commands;
}

const AdminCommand *AdminCommands::find(const QStringList &words)
{
    for (const AdminCommand &command : all()) {
        if (words.mid(0, command.words.size()) == command.words)
            return &command;
    }
    return nullptr;
}

QString AdminCommands::unknown(const QStringList &words)
{
    const QString first = words.value(0);
    QStringList subcommands;
    for (const AdminCommand &command : all()) {
        if (command.words.size() > 1 && command.words.constFirst() == first)
            subcommands.append(command.words.at(1));
    }
    if (!subcommands.isEmpty()) {
        return words.size() > 1 ? u"unknown command '%1 %2' (%1 commands: %3)"_s.arg(
                   first, words.at(1), subcommands.join(u", "))
                                : u"'%1' needs a command: %2"_s.arg(first, subcommands.join(u", "));
    }
    QStringList names;
    for (const AdminCommand &command : all()) {
        if (!names.contains(command.words.constFirst()))
            names.append(command.words.constFirst());
    }
    return u"unknown command '%1' (commands: %2)"_s.arg(first, names.join(u", "));
}

QString AdminCommands::overview()
{
    QString text = u"Administration commands (parley-server COMMAND --help for details); they "
                   u"take --data-dir, --database and --config like the server:\n"_s;
    for (const AdminCommand &command : all())
        text += u"  %1\n      %2\n"_s.arg(command.synopsis(), command.summary);
    return text;
}

int AdminCommands::run(const AdminInvocation &invocation, const ServerConfig &config,
                       AdminConsole &console)
{
    const AdminCommand *command = find(invocation.words);
    if (!command)
        return console.usage(invocation.words.join(u' '), unknown(invocation.words));
    return command->run(invocation, config, console);
}

} // namespace parley::server
