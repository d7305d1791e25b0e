#pragma once

#include <QTcpServer>

namespace parley::server {

// A QTcpServer whose connections are DirectWriteSockets.
class DirectWriteServer : public QTcpServer
{
    Q_OBJECT

public:
    using QTcpServer::QTcpServer;

protected:
    void incomingConnection(qintptr socketDescriptor) override;
};

} // namespace parley::server
