// SPDX-License-Identifier: GPL-3.0-or-later
#include "eventrouter.h"

#include "chatlistmodel.h"
#include "currentchat.h"
#include "groupchanges.h"
#include "messagemodel.h"
#include "notificationmodel.h"
#include "operations.h"
#include "outbox.h"
#include "signedinuser.h"
#include "typingmodel.h"
#include "usersearchmodel.h"

#include <QLoggingCategory>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace parley::client {

Q_LOGGING_CATEGORY(lcEvents, "parley.events")

EventRouter::EventRouter(const Targets &targets, const SignedInUser *viewer,
                         const CurrentChat *current, QObject *parent)
    : QObject(parent)
    , m_to(targets)
    , m_viewer(viewer)
    , m_current(current)
{ }

QString EventRouter::viewerId() const
{
    return m_viewer->id();
}

QString EventRouter::selectedChatId() const
{
    return m_current->chatId();
}

void EventRouter::applySync(const SyncResult &delta)
{
    for (const Chat &chat : delta.chats)
        applyChat(chat);
    for (const QString &chatId : delta.removedChatIds)
        applyRemoval(chatId);
    // Sync does not say which messages are new and which changed; both paths de-duplicate.
    for (const Message &message : delta.messages) {
        applyMessage(message, false);
        if (message.editedAt.isValid() || message.deleted)
            m_to.notifications->update(message);
    }
}

void EventRouter::applyEvent(const QString &name, const QJsonObject &data)
{
    const auto event = eventFromName(name);
    if (!event)
        return; // newer servers may send events this app does not know
    switch (*event) {
    case Event::MessageNew:
        if (const auto result = MessageResult::fromJson(data))
            applyMessage(result->message, true);
        break;
    case Event::MessageUpdated:
        if (const auto result = MessageResult::fromJson(data))
            applyMessageUpdate(result->message);
        break;
    case Event::ChatUpdated:
        if (const auto result = ChatResult::fromJson(data))
            applyChat(result->chat);
        break;
    case Event::ChatRemoved:
        if (const auto result = ChatRemovedEvent::fromJson(data))
            applyRemoval(result->chatId);
        break;
    case Event::Typing:
        if (const auto result = TypingEvent::fromJson(data); result && result->userId != viewerId())
            m_to.typing->applyEvent(result->chatId, result->userId, result->name, result->typing);
        break;
    case Event::Read:
        if (const auto result = ReadEvent::fromJson(data))
            applyRead(result->chatId, result->userId, result->lastReadSeq);
        break;
    case Event::Presence:
        if (const auto result = PresenceEvent::fromJson(data))
            applyPresence(result->userId, result->online);
        break;
    case Event::UserUpdated:
        if (const auto result = UserResult::fromJson(data))
            applyProfile(result->user);
        break;
    case Event::Error:
        qCWarning(lcEvents) << "server reported an error:" << data.value(u"message").toString();
        break;
    }
}

void EventRouter::applyChat(const Chat &chat)
{
    // The server starts a member who joins (or comes back) with the chat read up to then and
    // sends no read event for it; without this, their old marker (or none) would take ticks
    // back from messages they were shown as having read.
    const Chat *known = m_to.chats->chat(chat.id);
    const QStringList joined = known ? groupchanges::joinedIds(*known, chat) : QStringList();
    const QStringList lines = groupchanges::describe(known, chat, viewerId());
    qint64 latestSeq = known && known->latestMessage ? known->latestMessage->seq : 0;
    if (chat.latestMessage)
        latestSeq = std::max(latestSeq, chat.latestMessage->seq);
    m_to.chats->upsertChat(chat);
    for (const QString &userId : joined) {
        if (userId != viewerId() && latestSeq > 0)
            applyRead(chat.id, userId, latestSeq);
    }
    for (const QString &text : lines)
        addEventLine(chat.id, latestSeq, text);
}

void EventRouter::addEventLine(const QString &chatId, qint64 afterSeq, const QString &text)
{
    Message line;
    line.id = MessageModel::EventIdPrefix + QString::number(++m_eventLineCount);
    line.chatId = chatId;
    line.seq = afterSeq;
    line.content = text;
    line.createdAt = QDateTime::currentDateTimeUtc();
    m_eventLines[chatId].append(line);
    if (chatId == selectedChatId())
        m_to.messages->addEventLine(line);
}

QList<Message> EventRouter::eventLines(const QString &chatId) const
{
    return m_eventLines.value(chatId);
}

void EventRouter::removeChat(const QString &chatId)
{
    if (chatId == selectedChatId())
        emit selectedChatRemoved();
    m_to.chats->removeChat(chatId);
    m_to.notifications->clearChat(chatId);
    m_readMarkers.remove(chatId);
    m_eventLines.remove(chatId);
}

void EventRouter::applyRemoval(const QString &chatId)
{
    const Chat *chat = m_to.chats->chat(chatId);
    const QString title = chat ? m_to.chats->titleOf(*chat) : QString();
    const bool told = chat && !m_leaving.remove(chatId);
    removeChat(chatId);
    // Without a word the open group just vanished from under the person.
    if (told)
        emit removedFromChat(chatId, title);
}

QHash<QString, qint64> EventRouter::readMarkers(const QString &chatId) const
{
    return m_readMarkers.value(chatId);
}

void EventRouter::clear()
{
    m_readMarkers.clear();
    m_leaving.clear();
    m_eventLines.clear();
}

void EventRouter::applyMessage(const Message &message, bool live)
{
    const bool own = message.sender.id == viewerId();
    if (own)
        m_to.outbox->acknowledge(message);
    const bool selected = message.chatId == selectedChatId();
    const bool onScreen = selected && m_windowActive;
    // user.updated brings a rename or a new picture at once; each message also carries its
    // sender's current ones, which covers what a reconnect's sync leaves out.
    if (live) {
        m_to.chats->applyProfile(message.sender);
        m_to.messages->applyProfile(message.sender);
    }
    if (selected)
        m_to.messages->addMessage(message);

    // Read the chat before applyMessage: it re-sorts the list, and a pointer or row taken before
    // would then name whichever chat moved into that place.
    const Chat *chat = m_to.chats->chat(message.chatId);
    const bool known = chat != nullptr;
    const QString title = known ? m_to.chats->titleOf(*chat) : message.sender.name;
    const bool isGroup = known && chat->isGroup;
    if (known)
        m_to.chats->applyMessage(message, !onScreen);
    else
        emit chatListStale(); // its chat.updated is on the way, or was missed
    if (!own && !message.deleted)
        applyRead(message.chatId, message.sender.id, message.seq); // a reply reads what came before
    if (own || message.deleted)
        return;
    if (!selected)
        m_to.notifications->add(message, title, isGroup);
    if (live && !onScreen) {
        emit notificationWanted(message.chatId,
                                isGroup ? message.sender.name + u" · "_s + title : title,
                                message.content);
    }
}

void EventRouter::applyMessageUpdate(const Message &message)
{
    if (message.chatId == selectedChatId())
        m_to.messages->addMessage(message);
    m_to.chats->applyMessage(message, false);
    m_to.notifications->update(message);
}

void EventRouter::applyRead(const QString &chatId, const QString &userId, qint64 seq)
{
    if (userId == viewerId()) {
        m_to.chats->setLastReadSeq(chatId, seq); // read on another device
        return;
    }
    qint64 &marker = m_readMarkers[chatId][userId];
    marker = std::max(marker, seq);
    if (chatId == selectedChatId())
        m_to.messages->setReadMarker(userId, seq);
}

void EventRouter::applyProfile(const User &user)
{
    const UserSummary person{user.id, user.name, user.avatar};
    m_to.chats->applyProfile(person);
    m_to.messages->applyProfile(person);
    if (user.id == viewerId())
        emit ownProfileChanged(user);
}

void EventRouter::applyPresence(const QString &userId, bool online)
{
    m_to.chats->setPresence(userId, online);
    m_to.userSearch->setPresence(userId, online);
}

} // namespace parley::client
