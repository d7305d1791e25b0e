// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "operations.h"

#include <QJsonObject>
#include <QObject>

#include <functional>

namespace parley::client {

class ChatListModel;
class Connection;
class CurrentChat;
class EventRouter;
class MessageModel;
class NotificationModel;
class SignedInUser;
class TypingModel;
class UserSearchModel;

// What the person does to chats: pick one (which fills the message list, typing line and
// notifications for it), open a direct chat (a draft until the first message), create a group,
// rename it, add and remove members, leave, and mark what is on screen as read. The answers go
// through the event router like any server news, so the list shows them the same way.
class ChatActions : public QObject
{
    Q_OBJECT

public:
    struct Parts
    {
        Connection *connection;
        EventRouter *router;
        ChatListModel *chats;
        MessageModel *messages;
        NotificationModel *notifications;
        TypingModel *typing;
        const UserSearchModel *userSearch; // knows the people a draft chat is with
        CurrentChat *current; // the one holder of the selection
        const SignedInUser *viewer;
    };

    explicit ChatActions(const Parts &parts, QObject *parent = nullptr);

    // "" deselects; an unknown chat is ignored.
    void selectChat(const QString &chatId);
    void openDirectChat(const QString &userId);
    void createGroup(const QString &name, const QStringList &userIds);
    void renameChat(const QString &chatId, const QString &name);
    void addMember(const QString &chatId, const QString &userId);
    void removeMember(const QString &chatId, const QString &userId);
    void leaveChat(const QString &chatId);

    // Read marks wait while the window is in the background.
    bool windowActive() const { return m_windowActive; }
    void setWindowActive(bool active);
    // Marks the selected chat read up to its newest message, when that is on screen.
    void markSelectedRead();

signals:
    // Another chat (or a draft, or none) is selected and the models show it.
    void selectionChanged();
    // A chat was created or opened on request (openDirectChat, createGroup).
    void chatOpened(const QString &chatId);
    void actionFailed(const QString &message);

private:
    void chatRequest(Op op, const QJsonObject &data, bool select);
    // A request answered with a chat: the chat goes into the list, then then(chatId) runs.
    void requestChat(Op op, const QJsonObject &data,
                     const std::function<void(const QString &chatId)> &then);
    // The first message of a draft direct chat: the chat is made, then the message sent.
    void sendFirstMessage(const QString &content);

    Connection *m_connection;
    EventRouter *m_router;
    ChatListModel *m_chats;
    MessageModel *m_messages;
    NotificationModel *m_notifications;
    TypingModel *m_typing;
    const UserSearchModel *m_userSearch;
    CurrentChat *m_current;
    const SignedInUser *m_viewer;
    bool m_windowActive = true;
    qint64 m_markedReadSeq = 0; // last chat.markRead sent for the selected chat
};

} // namespace parley::client
