// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "apptestkit.h"

#include <QObject>
#include <QTemporaryDir>

#include <memory>
#include <vector>

class QAbstractItemModel;

namespace parley::client {
class MessageModel;
}

namespace parley::test {

// The base of the suites that run the app's state against a real in-process server: every test
// function gets a fresh server and data directory (init() and cleanup() are inherited slots, so
// Qt Test runs them around each one), and installations of the app made with client().
class SessionTestCase : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

protected:
    // A new installation of the app, kept until the test ends.
    AppClient &client(const QString &name);
    // A client signed up as name and online; check signedIn() before relying on it.
    AppClient &signedUp(const QString &name);
    // Ana opens a direct chat with Ben; both lists hold it. Returns its id (null on failure).
    QString directChat(AppClient &ana, AppClient &ben);
    // Stores count messages quickly, pipelined past the app's one-at-a-time outbox.
    bool seed(AppClient &sender, const QString &chatId, int count);
    // Sends "message 1" … "message count" through the selected chat's composer.
    void sendAll(AppClient &sender, int count);

    std::unique_ptr<QTemporaryDir> m_root;
    std::unique_ptr<AppServer> m_server;

private:
    std::vector<std::unique_ptr<AppClient>> m_clients;
};

QVariant roleOf(QAbstractItemModel *model, int row, int role);
// The contents of a message list, oldest first.
QStringList contents(client::MessageModel *model);
// Stored by the server: one tick, or two once read.
bool delivered(client::MessageModel *model, int row);
bool allIdsDistinct(client::MessageModel *model);
int unreadOf(const AppClient &client, const QString &chatId);

} // namespace parley::test
