// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "websockettransport.h"

namespace parley::test {

// A real WebSocket that a test can cut, and keep cut: while closed every open() fails, as
// when the network is gone but the server is not.
class GateTransport : public client::Transport
{
    Q_OBJECT

public:
    explicit GateTransport(QObject *parent = nullptr);

    void open(const QUrl &url) override;
    void close() override;
    void sendText(const QString &text) override;
    void ping() override;

    void cut(); // drop the link now and refuse new ones
    void restore(); // let the next open() through

private:
    client::WebSocketTransport m_inner;
    bool m_blocked = false;
};

} // namespace parley::test
