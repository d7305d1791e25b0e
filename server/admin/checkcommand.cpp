// SPDX-License-Identifier: GPL-3.0-or-later
#include "checkcommand.h"

#include "adminconsole.h"
#include "adminstore.h"
#include "databasefile.h"

#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace parley::server {

QList<AdminCommand> CheckCommand::commands()
{
    return {
        {{u"check"_s},
         u"Check the database (or FILE) for damage; exit code 1 and the problems when there "
         u"are any."_s,
         {},
         {},
         {{u"FILE"_s, u"A database file to check instead of the server's."_s, true}},
         check},
    };
}

int CheckCommand::check(const AdminInvocation &invocation, const ServerConfig &config,
                        AdminConsole &console)
{
    QString error;
    QString path = invocation.arguments.isEmpty()
        ? AdminStore::databasePath(config, &error)
        : QFileInfo(invocation.arguments.constFirst()).absoluteFilePath();
    if (path.isEmpty())
        return console.fail(error);

    DatabaseFile database(path);
    if (!database.open(DatabaseFile::Mode::ReadOnly, &error))
        return console.fail(error);
    const QStringList problems = database.problems();
    // Look-alike accounts are only looked for in a sound database.
    const QStringList collisions = problems.isEmpty() ? database.emailCollisions() : QStringList();
    if (problems.isEmpty() && collisions.isEmpty()) {
        console.print(u"ok: %1 (%2)"_s.arg(path, database.summary()));
        return AdminOk;
    }
    for (const QString &problem : problems + collisions)
        console.note(problem);
    if (!problems.isEmpty()) {
        return console.fail(
            u"%1 has %2 problem(s); restore a backup with parley-server restore"_s.arg(
                path, QString::number(problems.size())));
    }
    return console.fail(
        u"%1 has %2 problem(s): accounts whose emails differ only in case or "
        u"Unicode compatibility form; disable the ones that should not be used "
        u"with parley-server user disable EMAIL"_s.arg(path, QString::number(collisions.size())));
}

} // namespace parley::server
