// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "results.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSet>

namespace parley::client {

class ChatListModel;
class CurrentChat;
class MessageModel;
class NotificationModel;
class Outbox;
class SignedInUser;
class TypingModel;
class UserSearchModel;

// Where each server event and sync result goes: a new message into the message list when its
// chat is selected, else into the notifications, and always into the chat list (latest message,
// order, unread count); read marks, typing and presence to the models that show them.
class EventRouter : public QObject
{
    Q_OBJECT

public:
    struct Targets
    {
        ChatListModel *chats;
        MessageModel *messages;
        NotificationModel *notifications;
        UserSearchModel *userSearch;
        TypingModel *typing;
        Outbox *outbox;
    };

    // Who is signed in and which chat is on screen are read from their holders as events come.
    EventRouter(const Targets &targets, const SignedInUser *viewer, const CurrentChat *current,
                QObject *parent = nullptr);

    void setWindowActive(bool active) { m_windowActive = active; }

    void applyEvent(const QString &name, const QJsonObject &data);
    void applySync(const SyncResult &delta);
    void applyChat(const Chat &chat);
    void removeChat(const QString &chatId);
    // The user asked to leave chatId: its removal is no news to tell them.
    void expectLeave(const QString &chatId) { m_leaving.insert(chatId); }
    // The group's timeline lines this app saw happen (created, renamed, added…), oldest first.
    QList<Message> eventLines(const QString &chatId) const;
    // Other members' read markers of a chat, as far as read events told.
    QHash<QString, qint64> readMarkers(const QString &chatId) const;
    void clear();

signals:
    // Tell the user outside the window (desktop notification).
    void notificationWanted(const QString &chatId, const QString &title, const QString &body);
    // A message came for a chat the list does not hold: reload the list.
    void chatListStale();
    // The selected chat is going away (left, removed): deselect it now.
    void selectedChatRemoved();
    // Someone else removed the user from a chat (title: what the list called it).
    void removedFromChat(const QString &chatId, const QString &title);
    // The user changed their own name or picture on another device (user.updated).
    void ownProfileChanged(const parley::User &user);

private:
    void applyMessage(const Message &message, bool live);
    void applyMessageUpdate(const Message &message);
    void applyRead(const QString &chatId, const QString &userId, qint64 seq);
    void applyPresence(const QString &userId, bool online);
    void applyProfile(const User &user);
    void applyRemoval(const QString &chatId);
    void addEventLine(const QString &chatId, qint64 afterSeq, const QString &text);
    QString viewerId() const; // the signed-in user's
    QString selectedChatId() const;

    Targets m_to;
    const SignedInUser *m_viewer;
    const CurrentChat *m_current;
    bool m_windowActive = true;
    QHash<QString, QHash<QString, qint64>> m_readMarkers; // chat → other user → lastReadSeq
    QSet<QString> m_leaving;
    // Made from chat.updated as it comes: the server keeps no such history, so a line lives as
    // long as the app runs.
    QHash<QString, QList<Message>> m_eventLines;
    quint64 m_eventLineCount = 0;
};

} // namespace parley::client
