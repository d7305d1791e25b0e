// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "config/serverconfig.h"
#include "storage/sqlitestore.h"

#include <memory>

namespace parley::server {

// The server's database as the admin commands find it: the same file ChatServer opens for the
// same --data-dir, --database and --config.
class AdminStore
{
public:
    enum class Missing { Create, Refuse };

    // The SQLite file's path; null with *error set for a database URL this build cannot open.
    static QString databasePath(const ServerConfig &config, QString *error);

    // The store, opened and migrated like the server does; null with *error set on failure.
    // Missing::Refuse fails on a database that does not exist yet instead of making one.
    static std::unique_ptr<SqliteStore> open(const ServerConfig &config, Missing missing,
                                             QString *error);
};

} // namespace parley::server
