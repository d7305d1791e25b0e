// SPDX-License-Identifier: GPL-3.0-or-later
#include "admincommand.h"

namespace parley::server {

QString AdminCommand::synopsis() const
{
    QStringList parts = words;
    for (const QCommandLineOption &option : options) {
        const QString name = option.names().constLast();
        QString usage = QStringLiteral("--") + name;
        if (!option.valueName().isEmpty())
            usage += u' ' + option.valueName();
        parts.append(requiredOptions.contains(name) ? usage : u'[' + usage + u']');
    }
    for (const Argument &argument : arguments)
        parts.append(argument.optional ? QStringLiteral("[%1]").arg(argument.name) : argument.name);
    return parts.join(u' ');
}

} // namespace parley::server
