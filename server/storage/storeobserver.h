// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

#include <functional>

namespace parley::server {

// What the storage layer reports about its own work, without knowing who listens: the server
// wires these to its metrics; admin commands and tests leave them empty. Both are called on the
// store thread.
struct StoreObserver
{
    std::function<void(qint64 nanoseconds)> jobTimed; // one job's share of the store thread
    std::function<void()> committed; // a write transaction reached the disk
};

} // namespace parley::server
