// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Databases as older versions of the schema wrote them, and a look at a file without the store,
// for tests of what an upgrade keeps.
#include "storage/sqliteschema.h"

#include <QByteArray>
#include <QList>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QString>
#include <QStringList>

namespace parley::server::testkit {

struct OldAccount
{
    QString name;
    QString email;
    QByteArray passwordHash; // empty: "hash of NAME"
};

// A database at schema `version` holding the accounts as versions 1 to 4 wrote them: email_key
// is the lower-cased email, created_at counts up from a fixed instant. False, with a warning,
// when it cannot be written.
inline bool writeOldDatabase(const QString &path, int version, const QList<OldAccount> &accounts)
{
    const QString connection = QStringLiteral("old-database");
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(path);
        QString error;
        ok = db.open() && SqliteSchema::migrate(db, version, &error);
        if (!ok)
            qWarning("cannot create the old database: %s", qPrintable(error));
        for (qsizetype i = 0; ok && i < accounts.size(); ++i) {
            const OldAccount &account = accounts.at(i);
            QSqlQuery insert(db);
            ok = insert.prepare(QStringLiteral(
                "INSERT INTO users (name, name_key, email, email_key, password_hash, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?)"));
            insert.addBindValue(account.name);
            insert.addBindValue(account.name.toLower());
            insert.addBindValue(account.email);
            insert.addBindValue(account.email.toLower());
            insert.addBindValue(account.passwordHash.isEmpty()
                                    ? QByteArray("hash of ") + account.name.toUtf8()
                                    : account.passwordHash);
            insert.addBindValue(qint64(1'700'000'000'000) + i);
            ok = ok && insert.exec();
            if (!ok)
                qWarning("cannot add an old account: %s", qPrintable(insert.lastError().text()));
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return ok;
}

// The rows of a query on the file, read without the store, each as "a | b | …" with NULL shown.
inline QStringList rowsOf(const QString &path, const QString &sql)
{
    const QString connection = QStringLiteral("row-reader");
    QStringList rows;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(path);
        QSqlQuery query(db);
        if (!db.open() || !query.exec(sql)) {
            rows.append(QStringLiteral("error: ") + query.lastError().text());
        } else {
            while (query.next()) {
                QStringList columns;
                for (int i = 0; i < query.record().count(); ++i) {
                    const QVariant value = query.value(i);
                    columns.append(value.isNull() ? QStringLiteral("NULL") : value.toString());
                }
                rows.append(columns.join(QStringLiteral(" | ")));
            }
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return rows;
}

// Every stored field of every account, oldest first.
inline const QString AllAccountColumns =
    QStringLiteral("SELECT id, name, name_key, email, email_key, hex(password_hash), avatar_id, "
                   "created_at, disabled FROM users ORDER BY id");

} // namespace parley::server::testkit
