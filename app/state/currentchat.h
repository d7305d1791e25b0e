// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "types.h"

#include <QObject>
#include <QVariantList>
#include <QVariantMap>
#include <QtQmlIntegration>

namespace parley::client {

class AvatarCache;
class ChatListModel;
class SignedInUser;

// The chat on screen (Session.selectedChat): the one holder of its id, and what the header and
// the group settings show of it as typed properties that follow the chat list (a rename, a
// member added, someone coming online) and the avatars as they arrive. It may be a draft: a
// direct chat shown before it exists, made with the first message so that the other person
// never sees an empty one.
class CurrentChat : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("CurrentChat is Session.selectedChat")

    Q_PROPERTY(QString chatId READ chatId NOTIFY chatIdChanged) // "" when none is selected
    Q_PROPERTY(QString title READ title NOTIFY changed)
    Q_PROPERTY(bool isGroup READ isGroup NOTIFY changed)
    Q_PROPERTY(bool isDraft READ isDraft NOTIFY changed)
    Q_PROPERTY(QString avatarSource READ avatarSource NOTIFY changed) // data: URI or ""
    Q_PROPERTY(QString avatarKey READ avatarKey NOTIFY changed) // seeds the initials' colour
    Q_PROPERTY(int memberCount READ memberCount NOTIFY changed)
    Q_PROPERTY(int onlineCount READ onlineCount NOTIFY changed) // the viewer not counted
    Q_PROPERTY(bool online READ online NOTIFY changed) // the other one, or anyone else
    Q_PROPERTY(QString adminId READ adminId NOTIFY changed) // "" for a direct chat
    Q_PROPERTY(bool isAdmin READ isAdmin NOTIFY changed) // the viewer administers the group
    Q_PROPERTY(QString otherUserId READ otherUserId NOTIFY changed) // direct chats only
    // {userId, name, email, avatarSource, online, isAdmin, isSelf} per member.
    Q_PROPERTY(QVariantList members READ members NOTIFY changed)

public:
    static inline const QString DraftPrefix = QStringLiteral("draft:");

    CurrentChat(const ChatListModel *chats, AvatarCache *avatars, const SignedInUser *viewer,
                QObject *parent = nullptr);

    QString chatId() const { return m_chatId; }
    QString title() const { return m_fields.title; }
    bool isGroup() const { return m_fields.isGroup; }
    bool isDraft() const { return !m_draft.id.isEmpty(); }
    QString avatarSource() const { return m_fields.avatarSource; }
    QString avatarKey() const { return m_fields.avatarKey; }
    int memberCount() const { return m_fields.memberCount; }
    int onlineCount() const { return m_fields.onlineCount; }
    bool online() const { return m_fields.online; }
    QString adminId() const { return m_fields.adminId; }
    bool isAdmin() const { return m_fields.isAdmin; }
    QString otherUserId() const { return m_fields.otherUserId; }
    QVariantList members() const { return m_fields.members; }

    // The chat itself (the draft's made-up one while a draft is shown), or null.
    const Chat *chat() const;
    // The draft's other person, "" unless a draft is shown.
    QString draftUserId() const;

    // A chat of the list, or "" for none.
    void select(const QString &chatId);
    // A draft direct chat with other.
    void selectDraft(const User &other);

    // Every property by name, as QML sees them (tests, logs).
    QVariantMap toMap() const;

signals:
    void chatIdChanged();
    void changed(); // any property but chatId (which emits it too)

private:
    struct Fields
    {
        QString title;
        bool isGroup = false;
        QString avatarSource;
        QString avatarKey;
        int memberCount = 0;
        int onlineCount = 0;
        bool online = false;
        QString adminId;
        bool isAdmin = false;
        QString otherUserId;
        QVariantList members;
        bool operator==(const Fields &) const = default;
    };

    void refresh();
    Fields listFields(const Chat &chat) const; // as the chat list shows the chat
    Fields draftFields() const;
    QVariantList membersOf(const Chat &chat) const;

    const ChatListModel *m_chats;
    AvatarCache *m_avatars; // asks for the pictures it shows
    const SignedInUser *m_viewer;
    QString m_chatId;
    Chat m_draft; // id "draft:<userId>" while a draft is shown
    Fields m_fields;
};

} // namespace parley::client
