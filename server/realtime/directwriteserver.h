// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPointer>
#include <QTcpServer>

namespace parley::server {

// A QTcpServer whose connections are DirectWriteSockets flushed by one WriteCoalescer.
class WriteCoalescer;

class DirectWriteServer : public QTcpServer
{
    Q_OBJECT

public:
    explicit DirectWriteServer(WriteCoalescer *coalescer, QObject *parent = nullptr);

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    QPointer<WriteCoalescer> m_coalescer;
};

} // namespace parley::server
