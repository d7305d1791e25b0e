// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QObject>

namespace parley::server {

class DirectWriteSocket;

// Collects the sockets that were written to while the event loop handles one round of work and
// flushes each once when that round is done, so the frames a socket got in one round (a batch of
// answers after a group commit, say) go to the kernel in one send, not one send per frame.
class WriteCoalescer : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;
    ~WriteCoalescer() override;

    void schedule(DirectWriteSocket *socket);
    void forget(DirectWriteSocket *socket);

private:
    void flushAll();

    QList<DirectWriteSocket *> m_pending;
    bool m_flushQueued = false;
};

} // namespace parley::server
