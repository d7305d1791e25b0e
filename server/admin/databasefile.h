// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace parley::server {

// One SQLite file looked at as a whole, for backup, restore and check: its integrity, its schema
// version, a consistent copy of it, and whether any other process has it open. Unlike the store,
// it never creates, migrates or changes the settings of the file it opens.
class DatabaseFile
{
public:
    enum class Mode { ReadOnly, ReadWrite };

    explicit DatabaseFile(QString path);
    ~DatabaseFile();
    DatabaseFile(const DatabaseFile &) = delete;
    DatabaseFile &operator=(const DatabaseFile &) = delete;

    QString path() const { return m_path; }
    bool open(Mode mode, QString *error); // fails when the file does not exist
    void close();

    // Every problem PRAGMA integrity_check and foreign_key_check find, and whether the file holds
    // a Parley schema this server can use; empty when the database is sound.
    QStringList problems();
    // Accounts whose emails are one under NFKC case folding (normalizedEmail()), which databases
    // from before schema version 5 may hold: one line per group of which more than one account
    // is enabled, naming each account by id and email. Empty when there are none.
    QStringList emailCollisions();
    int schemaVersion(); // PRAGMA user_version; -1 when unreadable
    QString summary(); // "schema version 4, 3 users, 120 messages"

    // A transactionally consistent copy (VACUUM INTO) at `target`, which must not exist, flushed
    // to disk. Readers and writers of this database may carry on meanwhile.
    bool copyTo(const QString &target, QString *error);

    // Takes an exclusive lock that is held until close(); fails at once when another connection
    // (a running server) has the database open.
    bool lockExclusively(QString *error);
    // Folds the write-ahead log into the main file and switches to a rollback journal, which
    // leaves one self-contained file. Needs lockExclusively().
    bool makeSelfContained(QString *error);

private:
    QStringList integrityProblems();
    QStringList foreignKeyProblems();
    QStringList schemaProblems();
    bool exec(const QString &sql, QString *error);

    QString m_path;
    QString m_connectionName;
    QSqlDatabase m_db;
};

} // namespace parley::server
