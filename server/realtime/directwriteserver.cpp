// SPDX-License-Identifier: GPL-3.0-or-later
#include "directwriteserver.h"

#include "directwritesocket.h"
#include "writecoalescer.h"

namespace parley::server {

DirectWriteServer::DirectWriteServer(WriteCoalescer *coalescer, QObject *parent)
    : QTcpServer(parent)
    , m_coalescer(coalescer)
{ }

void DirectWriteServer::incomingConnection(qintptr socketDescriptor)
{
    auto *socket = new DirectWriteSocket(m_coalescer.data(), this);
    socket->setSocketDescriptor(socketDescriptor); // as QTcpServer's own does
    addPendingConnection(socket);
}

} // namespace parley::server
