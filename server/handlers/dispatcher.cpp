// SPDX-License-Identifier: GPL-3.0-or-later
#include "dispatcher.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcDispatch, "parley.server.dispatch")

namespace parley::server {

void Dispatcher::add(Op op, Handle handle)
{
    m_handles.insert(op, std::move(handle));
}

void Dispatcher::dispatch(ClientConnection *connection, const QString &id, const QString &opName,
                          const QJsonObject &data) const
{
    const auto op = opFromName(opName);
    // Unknown op names stay out of the request histogram's labels: clients choose them.
    const Request request(connection, id, data, op ? opName : QString());
    if (!op) {
        request.fail(ErrorCode::Unsupported, QStringLiteral("unknown op: %1").arg(opName.left(64)));
        return;
    }
    if (!opInfo(*op).allowedBeforeAuth && !connection->isAuthenticated()) {
        request.fail(ErrorCode::Unauthenticated, QStringLiteral("sign in first"));
        return;
    }
    const auto it = m_handles.constFind(*op);
    if (it == m_handles.constEnd()) {
        qCWarning(lcDispatch) << "no handler for" << opName;
        request.fail(ErrorCode::Unsupported, QStringLiteral("unsupported op: %1").arg(opName));
        return;
    }
    (*it)(request);
}

bool Dispatcher::handlesEveryOp() const
{
    for (const OpInfo &info : operationTable()) {
        if (!m_handles.contains(info.op))
            return false;
    }
    return true;
}

} // namespace parley::server
