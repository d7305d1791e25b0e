// SPDX-License-Identifier: GPL-3.0-or-later
#include "storetestcase.h"

using namespace Qt::StringLiterals;

namespace parley::server::testkit {

void StoreTestCase::init()
{
    m_backend = makeStoreBackend();
    m_store = m_backend->connect();
    m_clientIds = 0;
}

void StoreTestCase::cleanup()
{
    m_store.reset();
    m_backend.reset();
}

Store &StoreTestCase::reopen()
{
    m_store.reset();
    m_store = m_backend->connect();
    return *m_store;
}

User StoreTestCase::addUser(const QString &name, const QString &email)
{
    Store::NewUser user;
    user.name = name;
    user.email = email.isEmpty() ? name.toLower() + u"@example.org"_s : email;
    user.passwordHash = "hash of " + name.toUtf8();
    const auto created = m_store->createUser(user, at(0));
    if (!created)
        qFatal("cannot create the test user %s", qPrintable(name));
    return *created;
}

Message StoreTestCase::send(const Chat &chat, const User &sender, const QString &content,
                            qint64 second)
{
    const auto outcome =
        store().sendMessage(chat.id, sender.id, u"c%1"_s.arg(++m_clientIds), content, at(second));
    if (outcome.kind != Store::SendOutcome::Kind::Stored || outcome.message.id.isEmpty())
        qFatal("send failed");
    return outcome.message;
}

Chat StoreTestCase::group(const User &admin, const QList<User> &others, const QString &name)
{
    return store().createGroup(admin.id, name, idsOf(others), at(0));
}

QStringList idsOf(const QList<User> &users)
{
    QStringList ids;
    for (const User &user : users)
        ids.append(user.id);
    return ids;
}

QStringList chatIdsOf(const QList<Chat> &chats)
{
    QStringList ids;
    for (const Chat &chat : chats)
        ids.append(chat.id);
    return ids;
}

QList<qint64> seqsOf(const QList<Message> &messages)
{
    QList<qint64> seqs;
    for (const Message &message : messages)
        seqs.append(message.seq);
    return seqs;
}

QList<qint64> range(qint64 first, qint64 last)
{
    QList<qint64> values;
    for (qint64 value = first; value <= last; ++value)
        values.append(value);
    return values;
}

} // namespace parley::server::testkit
