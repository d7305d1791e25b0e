// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storage/sqlitestore.h"

#include <QDateTime>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace parley::server::testkit {

// A fixed clock for the tests: second `s` after a fixed instant, in UTC with milliseconds.
inline QDateTime at(qint64 seconds, qint64 millis = 0)
{
    static const qint64 origin =
        QDateTime(QDate(2026, 11, 28), QTime(9, 0), Qt::UTC).toMSecsSinceEpoch();
    return QDateTime::fromMSecsSinceEpoch(origin + seconds * 1000 + millis, Qt::UTC);
}

// A store on a fresh file in its own temporary directory, opened and ready.
class StoreFixture
{
public:
    StoreFixture() { QStandardPaths::setTestModeEnabled(true); }

    QString path() const { return m_dir.filePath(QStringLiteral("parley.db")); }

    SqliteStore &open()
    {
        m_store = std::make_unique<SqliteStore>(path());
        QString error;
        if (!m_store->open(&error))
            qFatal("cannot open the test store: %s", qPrintable(error));
        return *m_store;
    }

    // Closes the store and opens the same file again, as a restarted server would.
    SqliteStore &reopen()
    {
        m_store.reset();
        return open();
    }

    SqliteStore &store() { return *m_store; }

    User addUser(const QString &name, const QString &email = {})
    {
        Store::NewUser user;
        user.name = name;
        user.email = email.isEmpty() ? name.toLower() + QStringLiteral("@example.org") : email;
        user.passwordHash = "hash of " + name.toUtf8();
        const auto created = m_store->createUser(user, at(0));
        if (!created)
            qFatal("cannot create the test user %s", qPrintable(name));
        return *created;
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SqliteStore> m_store;
};

} // namespace parley::server::testkit
