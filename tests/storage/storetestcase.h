// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storebackend.h"
#include "storetestkit.h"

#include <QList>
#include <QObject>
#include <QStringList>

#include <memory>

namespace parley::server::testkit {

// The base of the Store contract suites: every test function gets a fresh store of the backend
// the binary was built for (init() and cleanup() are inherited slots, so Qt Test runs them around
// each one), and the helpers that set up users, chats and messages the way a handler would. The
// suites use the Store interface only, so every implementation is held to the same behaviour.
class StoreTestCase : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

protected:
    Store &store() { return *m_store; }
    // A second connection to the same data (a second server process).
    std::unique_ptr<Store> connectAgain() { return m_backend->connect(); }
    // Closes the store and connects again, as a restarted server would.
    Store &reopen();

    User addUser(const QString &name, const QString &email = {});
    // Sends `content` from `sender` at second `second`, with a client id never used before.
    Message send(const Chat &chat, const User &sender, const QString &content, qint64 second = 1);
    Chat group(const User &admin, const QList<User> &others,
               const QString &name = QStringLiteral("Team"));

private:
    std::unique_ptr<StoreBackend> m_backend;
    std::unique_ptr<Store> m_store;
    int m_clientIds = 0;
};

// What the assertions compare: ids and numbers, in the order the store gave them.
QStringList idsOf(const QList<User> &users);
QStringList chatIdsOf(const QList<Chat> &chats);
QList<qint64> seqsOf(const QList<Message> &messages);
QList<qint64> range(qint64 first, qint64 last); // first..last, both included

} // namespace parley::server::testkit
