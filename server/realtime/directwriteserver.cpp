#include "directwriteserver.h"

#include "directwritesocket.h"

namespace parley::server {

void DirectWriteServer::incomingConnection(qintptr socketDescriptor)
{
    auto *socket = new DirectWriteSocket(this);
    socket->setSocketDescriptor(socketDescriptor); // as QTcpServer's own does
    addPendingConnection(socket);
}

} // namespace parley::server
