#pragma once

#include "storetestkit.h"

#include <QList>
#include <QObject>
#include <QStringList>

#include <memory>

namespace parley::server::testkit {

// The base of the SQLite store's test classes: every test function gets a fresh store on a file
// of its own (init() and cleanup() are inherited slots, so Qt Test runs them around each one),
// and the helpers that set up users, chats and messages the way a handler would.
class StoreTestCase : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

protected:
    SqliteStore &store() { return m_fixture->store(); }
    StoreFixture &fixture() { return *m_fixture; }

    User addUser(const QString &name, const QString &email = {});
    // Sends `content` from `sender` at second `second`, with a client id never used before.
    Message send(const Chat &chat, const User &sender, const QString &content, qint64 second = 1);
    Chat group(const User &admin, const QList<User> &others,
               const QString &name = QStringLiteral("Team"));

private:
    std::unique_ptr<StoreFixture> m_fixture;
    int m_clientIds = 0;
};

// What the assertions compare: ids and numbers, in the order the store gave them.
QStringList idsOf(const QList<User> &users);
QStringList chatIdsOf(const QList<Chat> &chats);
QList<qint64> seqsOf(const QList<Message> &messages);
QList<qint64> range(qint64 first, qint64 last); // first..last, both included

} // namespace parley::server::testkit
