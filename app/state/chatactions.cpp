// SPDX-License-Identifier: GPL-3.0-or-later
#include "chatactions.h"

#include "chatlistmodel.h"
#include "connection.h"
#include "currentchat.h"
#include "eventrouter.h"
#include "messagemodel.h"
#include "notificationmodel.h"
#include "requests.h"
#include "results.h"
#include "signedinuser.h"
#include "typingmodel.h"
#include "usersearchmodel.h"

#include <QLoggingCategory>

namespace parley::client {

Q_LOGGING_CATEGORY(lcChats, "parley.chats")

ChatActions::ChatActions(const Parts &parts, QObject *parent)
    : QObject(parent)
    , m_connection(parts.connection)
    , m_router(parts.router)
    , m_chats(parts.chats)
    , m_messages(parts.messages)
    , m_notifications(parts.notifications)
    , m_typing(parts.typing)
    , m_userSearch(parts.userSearch)
    , m_current(parts.current)
    , m_viewer(parts.viewer)
{
    connect(m_router, &EventRouter::selectedChatRemoved, this, [this] { selectChat({}); });
    connect(m_messages, &MessageModel::newestMessageAdded, this, &ChatActions::markSelectedRead);
    connect(m_messages, &MessageModel::loadedChanged, this, &ChatActions::markSelectedRead);
    connect(m_messages, &MessageModel::draftSendRequested, this, &ChatActions::sendFirstMessage);
}

void ChatActions::setWindowActive(bool active)
{
    if (m_windowActive == active)
        return;
    m_windowActive = active;
    if (active)
        markSelectedRead();
}

void ChatActions::selectChat(const QString &chatId)
{
    if (chatId == m_current->chatId())
        return;
    const Chat *chat = chatId.isEmpty() ? nullptr : m_chats->chat(chatId);
    if (!chatId.isEmpty() && !chat) {
        qCWarning(lcChats) << "cannot select unknown chat" << chatId;
        return;
    }
    // The holder first: events routed while the models change already go to the new chat.
    m_current->select(chat ? chatId : QString());
    m_markedReadSeq = 0;
    m_typing->setChatId(m_current->chatId());
    if (chat) {
        m_messages->setChat(*chat);
        const auto markers = m_router->readMarkers(chatId);
        for (auto it = markers.cbegin(); it != markers.cend(); ++it)
            m_messages->setReadMarker(it.key(), it.value());
        for (const Message &line : m_router->eventLines(chatId))
            m_messages->addEventLine(line);
        m_notifications->clearChat(chatId);
    } else {
        m_messages->clear();
    }
    emit selectionChanged();
}

void ChatActions::markSelectedRead()
{
    const QString chatId = m_current->chatId();
    if (!m_windowActive || chatId.isEmpty() || !m_messages->loaded() || !m_messages->atLatest())
        return;
    const qint64 seq = m_messages->newestSeq();
    const Chat *chat = m_chats->chat(chatId);
    if (seq <= 0 || !chat || seq <= m_markedReadSeq)
        return;
    if (seq <= chat->lastReadSeq && chat->unreadCount == 0)
        return;
    m_markedReadSeq = seq;
    m_chats->setLastReadSeq(chatId, seq);
    m_connection->request(Op::ChatMarkRead, MarkReadRequest{chatId, seq}.toJson(), this,
                          [this](const Reply &reply) {
                              if (!reply.ok())
                                  m_markedReadSeq = 0; // try again with the next message
                          });
}

void ChatActions::chatRequest(Op op, const QJsonObject &data, bool select)
{
    requestChat(op, data, [this, select](const QString &chatId) {
        if (select) {
            selectChat(chatId);
            emit chatOpened(chatId);
        }
    });
}

void ChatActions::requestChat(Op op, const QJsonObject &data,
                              const std::function<void(const QString &chatId)> &then)
{
    m_connection->request(op, data, this, [this, then](const Reply &reply) {
        if (!reply.ok()) {
            emit actionFailed(reply.error.message);
            return;
        }
        const auto result = ChatResult::fromJson(reply.data);
        if (!result)
            return;
        m_router->applyChat(result->chat);
        then(result->chat.id);
    });
}

void ChatActions::openDirectChat(const QString &userId)
{
    if (const QString chatId = m_chats->directChatWith(userId); !chatId.isEmpty()) {
        selectChat(chatId);
        emit chatOpened(chatId);
        return;
    }
    // Creating the chat now would put an empty chat in the other person's list at once: show
    // a draft and create it with the first message.
    const User *other = m_userSearch->user(userId);
    if (!other) {
        chatRequest(Op::ChatDirect, ChatDirectRequest{userId}.toJson(), true);
        return;
    }
    const User person = *other;
    selectChat({}); // clears any earlier draft
    m_current->selectDraft(person);
    m_messages->setDraftChat(*m_current->chat());
    emit selectionChanged();
    emit chatOpened(m_current->chatId());
}

void ChatActions::sendFirstMessage(const QString &content)
{
    if (!m_current->isDraft())
        return;
    requestChat(Op::ChatDirect, ChatDirectRequest{m_current->draftUserId()}.toJson(),
                [this, content, draftId = m_current->chatId()](const QString &chatId) {
                    if (m_current->chatId() != draftId)
                        return; // the person moved on; the message was not sent
                    selectChat(chatId);
                    m_messages->send(content);
                });
}

void ChatActions::createGroup(const QString &name, const QStringList &userIds)
{
    chatRequest(Op::ChatCreateGroup, ChatCreateGroupRequest{name.trimmed(), userIds}.toJson(),
                true);
}

void ChatActions::renameChat(const QString &chatId, const QString &name)
{
    chatRequest(Op::ChatRename, ChatRenameRequest{chatId, name.trimmed()}.toJson(), false);
}

void ChatActions::addMember(const QString &chatId, const QString &userId)
{
    chatRequest(Op::ChatAddMember, ChatMemberRequest{chatId, userId}.toJson(), false);
}

void ChatActions::removeMember(const QString &chatId, const QString &userId)
{
    chatRequest(Op::ChatRemoveMember, ChatMemberRequest{chatId, userId}.toJson(), false);
}

void ChatActions::leaveChat(const QString &chatId)
{
    m_router->expectLeave(chatId);
    m_connection->request(Op::ChatRemoveMember, ChatMemberRequest{chatId, m_viewer->id()}.toJson(),
                          this, [this, chatId](const Reply &reply) {
                              if (!reply.ok()) {
                                  emit actionFailed(reply.error.message);
                                  return;
                              }
                              m_router->removeChat(chatId);
                          });
}

} // namespace parley::client
