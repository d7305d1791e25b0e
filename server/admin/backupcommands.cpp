// SPDX-License-Identifier: GPL-3.0-or-later
#include "backupcommands.h"

#include "adminconsole.h"
#include "adminstore.h"
#include "databasefile.h"
#include "filesync.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <filesystem>
#include <system_error>

using namespace Qt::StringLiterals;

namespace parley::server {

namespace {

const QString Wal = u"-wal"_s; // SQLite's names for a database's companions
const QString Shm = u"-shm"_s;

bool removeIfPresent(const QString &path)
{
    return !QFileInfo::exists(path) || QFile::remove(path);
}

// rename(2) semantics on every system: `to` is replaced in one step, never missing.
bool replaceAtomically(const QString &from, const QString &to, QString *error)
{
    std::error_code code;
    std::filesystem::rename(from.toStdU16String(), to.toStdU16String(), code);
    if (code) {
        *error =
            u"cannot move %1 to %2: %3"_s.arg(from, to, QString::fromLocal8Bit(code.message()));
        return false;
    }
    return true;
}

} // namespace

QList<AdminCommand> BackupCommands::commands()
{
    return {
        {{u"backup"_s},
         u"Write a consistent copy of the database to FILE; the server may keep running."_s,
         {},
         {},
         {{u"FILE"_s, u"Where to write the copy; it must not exist yet."_s}},
         backup},
        {{u"restore"_s},
         u"Replace the database with the copy in FILE (stop the server first); the current one "
         u"is kept as parley.db.before-restore."_s,
         {},
         {},
         {{u"FILE"_s, u"A copy made by parley-server backup."_s}},
         restore},
    };
}

int BackupCommands::backup(const AdminInvocation &invocation, const ServerConfig &config,
                           AdminConsole &console)
{
    QString error;
    const QString source = AdminStore::databasePath(config, &error);
    if (source.isEmpty())
        return console.fail(error);
    const QString target = QFileInfo(invocation.arguments.constFirst()).absoluteFilePath();
    if (!QFileInfo(QFileInfo(target).absolutePath()).isDir())
        return console.fail(u"the directory of %1 does not exist"_s.arg(target));

    DatabaseFile database(source);
    if (!database.open(DatabaseFile::Mode::ReadOnly, &error))
        return console.fail(u"there is no database to back up: %1"_s.arg(error));
    if (!database.copyTo(target, &error))
        return console.fail(error);
    database.close();

    // A backup nobody checked is a hope; read the copy back before calling it one.
    DatabaseFile copy(target);
    if (!copy.open(DatabaseFile::Mode::ReadOnly, &error))
        return console.fail(error);
    if (const QStringList problems = copy.problems(); !problems.isEmpty())
        return console.fail(
            u"the copy at %1 does not check out: %2"_s.arg(target, problems.join(u"; ")));
    console.print(u"backed up %1 to %2 (%3, %4 bytes)"_s.arg(
        source, target, copy.summary(), QString::number(QFileInfo(target).size())));
    return AdminOk;
}

int BackupCommands::restore(const AdminInvocation &invocation, const ServerConfig &config,
                            AdminConsole &console)
{
    QString error;
    const QString database = AdminStore::databasePath(config, &error);
    if (database.isEmpty())
        return console.fail(error);
    const QString source = QFileInfo(invocation.arguments.constFirst()).absoluteFilePath();
    if (source == database)
        return console.fail(u"%1 is the database itself"_s.arg(source));

    DatabaseFile backup(source);
    if (!backup.open(DatabaseFile::Mode::ReadOnly, &error))
        return console.fail(error);
    if (const QStringList problems = backup.problems(); !problems.isEmpty())
        return console.fail(u"%1 cannot be restored: %2"_s.arg(source, problems.join(u"; ")));

    // The copy is made beside the database, so that moving it in is a rename on one file system.
    if (!QDir().mkpath(QFileInfo(database).absolutePath()))
        return console.fail(u"cannot create the directory of %1"_s.arg(database));
    const QString staging = database + u".restoring"_s;
    if (!removeIfPresent(staging))
        return console.fail(u"cannot remove %1 left by an earlier restore"_s.arg(staging));
    if (!backup.copyTo(staging, &error))
        return console.fail(error);
    const QString summary = backup.summary();
    backup.close();

    const QString kept = database + u".before-restore"_s;
    const bool hadDatabase = QFileInfo::exists(database);
    // Without a database, a write-ahead log left beside its name belongs to nothing and must not
    // be replayed onto the restored one either.
    const bool ready = hadDatabase
        ? setAside(database, kept, &error)
        : removeIfPresent(database + Wal) && removeIfPresent(database + Shm);
    if (!ready) {
        QFile::remove(staging);
        return console.fail(
            error.isEmpty() ? u"cannot remove the stale files beside %1"_s.arg(database) : error);
    }
    if (!replaceAtomically(staging, database, &error) || !FileSync::flush(database, &error))
        return console.fail(error);
    console.print(u"restored %1 into %2 (%3)"_s.arg(source, database, summary));
    if (hadDatabase)
        console.print(u"the previous database is kept as %1"_s.arg(kept));
    return AdminOk;
}

bool BackupCommands::setAside(const QString &database, const QString &kept, QString *error)
{
    DatabaseFile current(database);
    if (!current.open(DatabaseFile::Mode::ReadWrite, error) || !current.lockExclusively(error))
        return false;
    // A damaged database may not fold its log in; then the log is kept beside it instead.
    QString ignored;
    current.makeSelfContained(&ignored);
    current.close();

    for (const QString &old : QStringList{kept, kept + Wal, kept + Shm}) {
        if (!removeIfPresent(old)) {
            *error = u"cannot remove the earlier %1"_s.arg(old);
            return false;
        }
    }
    if (!QFile::copy(database, kept)
        || (QFileInfo::exists(database + Wal) && !QFile::copy(database + Wal, kept + Wal))) {
        *error = u"cannot keep the current database as %1"_s.arg(kept);
        return false;
    }
    if (!FileSync::flush(kept, error))
        return false;
    // The old log must be gone before the new file takes the name, or SQLite would replay it
    // onto the restored database.
    if (!removeIfPresent(database + Wal) || !removeIfPresent(database + Shm)) {
        *error = u"cannot remove the write-ahead log of %1"_s.arg(database);
        return false;
    }
    return true;
}

} // namespace parley::server
