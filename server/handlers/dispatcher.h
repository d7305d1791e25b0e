// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "operations.h"
#include "request.h"

#include <QHash>

#include <functional>

namespace parley::server {

// Routes each decoded request to its handler by the operation table, enforcing the
// authentication rule of the table before any handler runs.
class Dispatcher
{
public:
    using Handle = std::function<void(const Request &)>;

    void add(Op op, Handle handle);
    // Answers unsupported for unknown ops and unauthenticated for ops that need a signed-in user.
    void dispatch(ClientConnection *connection, const QString &id, const QString &op,
                  const QJsonObject &data) const;
    bool handlesEveryOp() const;

private:
    QHash<Op, Handle> m_handles;
};

} // namespace parley::server
