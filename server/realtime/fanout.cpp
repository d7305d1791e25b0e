// SPDX-License-Identifier: GPL-3.0-or-later
#include "fanout.h"

#include "connectionregistry.h"
#include "frame.h"
#include "metrics/metrics.h"
#include "results.h"

namespace parley::server {

Fanout::Fanout(const ConnectionRegistry &registry)
    : m_registry(registry)
{ }

User Fanout::withPresence(User user) const
{
    user.online = m_registry.isOnline(user.id);
    return user;
}

Chat Fanout::withPresence(Chat chat) const
{
    for (User &member : chat.members)
        member.online = m_registry.isOnline(member.id);
    return chat;
}

QList<User> Fanout::withPresence(QList<User> users) const
{
    for (User &user : users)
        user.online = m_registry.isOnline(user.id);
    return users;
}

QList<Chat> Fanout::withPresence(QList<Chat> chats) const
{
    for (Chat &chat : chats)
        chat = withPresence(std::move(chat));
    return chats;
}

void Fanout::message(Event event, const Message &message, const QStringList &memberIds) const
{
    if (event == Event::MessageNew) {
        qint64 frames = 0;
        for (const QString &memberId : memberIds)
            frames += m_registry.connectionsOf(memberId).size();
        Metrics::instance().countMessagesDelivered(frames);
    }
    m_registry.sendToUsers(memberIds,
                           encodeEvent(eventName(event), MessageResult{message}.toJson()));
}

void Fanout::chatUpdated(const QHash<QString, Chat> &viewsByUser) const
{
    const QString name = eventName(Event::ChatUpdated);
    for (auto it = viewsByUser.cbegin(); it != viewsByUser.cend(); ++it) {
        if (m_registry.isOnline(it.key()))
            m_registry.sendToUser(it.key(),
                                  encodeEvent(name, ChatResult{withPresence(it.value())}.toJson()));
    }
}

void Fanout::chatRemoved(const QString &userId, const QString &chatId) const
{
    m_registry.sendToUser(
        userId, encodeEvent(eventName(Event::ChatRemoved), ChatRemovedEvent{chatId}.toJson()));
}

void Fanout::read(const QString &chatId, const QString &userId, qint64 lastReadSeq,
                  const QStringList &memberIds) const
{
    m_registry.sendToUsers(
        memberIds,
        encodeEvent(eventName(Event::Read), ReadEvent{chatId, userId, lastReadSeq}.toJson()));
}

void Fanout::presence(const QString &userId, bool online, const QStringList &contactIds) const
{
    m_registry.sendToUsers(
        contactIds,
        encodeEvent(eventName(Event::Presence), PresenceEvent{userId, online}.toJson()));
}

void Fanout::userUpdated(const User &user, const QStringList &contactIds,
                         const ClientConnection *except) const
{
    m_registry.sendToUsers(
        contactIds + QStringList{user.id},
        encodeEvent(eventName(Event::UserUpdated), UserResult{withPresence(user)}.toJson()),
        except);
}

} // namespace parley::server
