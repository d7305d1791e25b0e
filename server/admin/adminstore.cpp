// SPDX-License-Identifier: GPL-3.0-or-later
#include "adminstore.h"

#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace parley::server {

QString AdminStore::databasePath(const ServerConfig &config, QString *error)
{
    QString path = config.database;
    if (path.startsWith("sqlite://"_L1)) {
        path = path.mid(9);
    } else if (path.contains("://"_L1)) {
        *error = u"unsupported database URL %1: this build stores data in SQLite (a file path or "
                 u"sqlite:///path)"_s.arg(path.section("://"_L1, 0, 0) + "://…"_L1);
        return {};
    }
    if (path.isEmpty())
        path = QDir(config.dataDir).filePath(u"parley.db"_s);
    return QFileInfo(path).absoluteFilePath();
}

std::unique_ptr<SqliteStore> AdminStore::open(const ServerConfig &config, Missing missing,
                                              QString *error)
{
    const QString path = databasePath(config, error);
    if (path.isEmpty())
        return nullptr;
    if (missing == Missing::Refuse && !QFileInfo::exists(path)) {
        *error = u"there is no database at %1 (check --data-dir or --database)"_s.arg(path);
        return nullptr;
    }
    auto store = std::make_unique<SqliteStore>(path);
    QString reason;
    if (!store->open(&reason)) {
        *error = u"cannot open the database %1: %2"_s.arg(path, reason);
        return nullptr;
    }
    return store;
}

} // namespace parley::server
