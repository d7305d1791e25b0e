// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace parley::server {

// Pushes a file (and, where the system has the notion, its directory entry) to stable storage,
// so that a backup or a restored database survives a power cut right after the command returns.
class FileSync
{
public:
    static bool flush(const QString &path, QString *error);
};

} // namespace parley::server
