// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "handler.h"

namespace parley::server {

// sync: everything a user missed since an opaque cursor.
class SyncHandler : public Handler
{
    Q_OBJECT

public:
    using Handler::Handler;
    void registerOps(Dispatcher &dispatcher) override;

    // Cursors are opaque to clients; inside they name a store revision.
    static QString encodeCursor(qint64 revision);
    static std::optional<qint64> decodeCursor(const QString &cursor);

private:
    void sync(const Request &request);
};

} // namespace parley::server
