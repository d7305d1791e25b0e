// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "error.h"
#include "transport.h"

#include <QJsonObject>
#include <QList>

namespace parley::test {

// A Transport a test drives by hand: it records what the client sends and plays the server.
class FakeTransport : public client::Transport
{
    Q_OBJECT

public:
    using Transport::Transport;

    void open(const QUrl &url) override;
    void close() override;
    void sendText(const QString &text) override;
    void ping() override { }

    // --- the test's side ---
    bool refuse = false; // open() fails like an unreachable server
    int opens = 0;
    bool isOpen() const { return m_open; }
    QList<QJsonObject> sent; // every frame the client sent, in order

    // The first request with op not yet answered (or taken), or {} when there is none.
    QJsonObject takeRequest(const QString &op);
    bool hasRequest(const QString &op) const;
    void reply(const QJsonObject &request, const QJsonObject &data);
    void replyError(const QJsonObject &request, const Error &error);
    void event(const QString &name, const QJsonObject &data);
    void drop(); // the server went away

private:
    bool m_open = false;
    QList<int> m_takenIndexes;
};

} // namespace parley::test
