// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storage/store.h"

#include <QString>

#include <memory>

namespace parley::server::testkit {

// A Store implementation as the contract suites (tst_store_*) see it. Each implementation
// provides one in its own <name>backend.cpp and runs the same suites: SQLite today; a later
// PostgreSQL store adds postgresbackend.cpp and one word in CMakeLists.txt.
class StoreBackend
{
public:
    virtual ~StoreBackend() = default;

    virtual QString name() const = 0;
    // A connection to this backend's data, opened and ready; the first call starts from nothing.
    // A second call is a second connection to the same data, as a second server process or a
    // restarted one would have.
    virtual std::unique_ptr<Store> connect() = 0;
};

// The backend this test binary was built for.
std::unique_ptr<StoreBackend> makeStoreBackend();

} // namespace parley::server::testkit
