// SPDX-License-Identifier: GPL-3.0-or-later
#include "writecoalescer.h"

#include "directwritesocket.h"

namespace parley::server {

WriteCoalescer::~WriteCoalescer()
{
    flushAll();
}

void WriteCoalescer::schedule(DirectWriteSocket *socket)
{
    m_pending.append(socket);
    if (m_flushQueued)
        return;
    m_flushQueued = true;
    // A posted call runs once the work under way is done, before the event loop waits again.
    QMetaObject::invokeMethod(this, &WriteCoalescer::flushAll, Qt::QueuedConnection);
}

void WriteCoalescer::forget(DirectWriteSocket *socket)
{
    m_pending.removeOne(socket);
}

void WriteCoalescer::flushAll()
{
    m_flushQueued = false;
    // Flushing can close a socket, whose destructor calls forget(): take the list first.
    const QList<DirectWriteSocket *> sockets = std::exchange(m_pending, {});
    for (DirectWriteSocket *socket : sockets)
        socket->flushPending();
}

} // namespace parley::server
