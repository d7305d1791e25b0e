// SPDX-License-Identifier: GPL-3.0-or-later
#include "storage/sqlitestore.h"
#include "storebackend.h"

#include <QStandardPaths>
#include <QTemporaryDir>

namespace parley::server::testkit {

namespace {

// A database file in a temporary directory of its own, removed with the backend.
class SqliteBackend final : public StoreBackend
{
public:
    SqliteBackend() { QStandardPaths::setTestModeEnabled(true); }

    QString name() const override { return QStringLiteral("sqlite"); }

    std::unique_ptr<Store> connect() override
    {
        auto store = std::make_unique<SqliteStore>(m_dir.filePath(QStringLiteral("parley.db")));
        QString error;
        if (!store->open(&error))
            qFatal("cannot open the test store: %s", qPrintable(error));
        return store;
    }

private:
    QTemporaryDir m_dir;
};

} // namespace

std::unique_ptr<StoreBackend> makeStoreBackend()
{
    return std::make_unique<SqliteBackend>();
}

} // namespace parley::server::testkit
