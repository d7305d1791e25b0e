// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "types.h"

#include <QAbstractListModel>
#include <QHash>
#include <QList>

namespace parley::client {

class AvatarCache;

// The signed-in user's chats, most recent activity first. Session keeps it current from events
// and sync without reloading; QML shows it in the left pane.
class ChatListModel : public QAbstractListModel
{
    Q_OBJECT

    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(int totalUnread READ totalUnread NOTIFY totalUnreadChanged)
    // True until the first chat.list answer after sign-in: show skeleton rows.
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)

public:
    enum Role {
        ChatIdRole = Qt::UserRole + 1, ///< chatId: string
        TitleRole, ///< title: group name, or the other member's name for a direct chat
        AvatarSourceRole, ///< avatarSource: data: URI of the other member's picture, or ""
        AvatarKeyRole, ///< avatarKey: stable id for the initials colour (other user's id, or chat
                       ///< id)
        IsGroupRole, ///< isGroup: bool
        MemberCountRole, ///< memberCount: int
        OnlineRole, ///< online: direct chat: the other member is online; group: any other is
        OnlineCountRole, ///< onlineCount: members online, the caller excluded
        OtherUserIdRole, ///< otherUserId: the other member of a direct chat, else ""
        AdminIdRole, ///< adminId: group admin's user id, "" for a direct chat
        IsAdminRole, ///< isAdmin: the signed-in user administers this group
        LatestTextRole, ///< latestText: preview of the latest message ("" when none; deleted:
                        ///< "This message was deleted")
        LatestSenderNameRole, ///< latestSenderName: full name of the latest message's sender
        LatestSenderFirstNameRole, ///< latestSenderFirstName: first word of that name ("You" if
                                   ///< own)
        LatestIsOwnRole, ///< latestIsOwn: the signed-in user sent the latest message
        LatestTimeRole, ///< latestTime: QDateTime of the latest message, or of lastActivity
        LatestTimeTextRole, ///< latestTimeText: "10:02" today, "Tue" this week, else "24 Nov"
        UnreadCountRole, ///< unreadCount: int
        LastReadSeqRole, ///< lastReadSeq: the caller's read marker
        TypingTextRole, ///< typingText: "Ana is typing" etc., "" when nobody types
        IsTypingRole, ///< isTyping: somebody else types in this chat
        LastActivityRole, ///< lastActivity: QDateTime the list is ordered by
    };
    Q_ENUM(Role)

    explicit ChatListModel(AvatarCache *avatars, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    int count() const { return static_cast<int>(m_chats.size()); }
    int totalUnread() const;
    bool loading() const { return m_loading; }

    Q_INVOKABLE int indexOf(const QString &chatId) const;
    // The chat at row (most recent first), or "": QML walks the list with count and this.
    Q_INVOKABLE QString chatIdAt(int row) const;
    // Every role of one chat by role name, or an empty map.
    Q_INVOKABLE QVariantMap get(const QString &chatId) const;

    // --- fed by Session ---
    void setCurrentUserId(const QString &userId);
    void setLoading(bool loading);
    void setChats(const QList<Chat> &chats);
    // Adds the chat or replaces what the list knows about it (members, name, admin), keeping
    // the latest message and unread count when the new data has none.
    void upsertChat(const Chat &chat);
    void removeChat(const QString &chatId);
    void clear();
    // A message arrived or was edited: latest message, activity order and, when countUnread,
    // the unread count. Messages older than the known latest only refresh an edit of it.
    void applyMessage(const Message &message, bool countUnread);
    // The caller's read marker moved (own markRead or the read event on another device).
    void setLastReadSeq(const QString &chatId, qint64 seq);
    void setPresence(const QString &userId, bool online);
    // A member's current name and picture, as the sender of a new message tells them: every
    // chat the member is in shows them from now on.
    void applyProfile(const UserSummary &person);
    void setTypingText(const QString &chatId, const QString &text);

    const Chat *chat(const QString &chatId) const;
    // The id of the direct chat with userId, or "".
    QString directChatWith(const QString &userId) const;
    QString titleOf(const Chat &chat) const;

signals:
    void countChanged();
    void totalUnreadChanged();
    void loadingChanged();
    // A chat's data changed (members, name, latest…): Session refreshes the selected chat.
    void chatChanged(const QString &chatId);

private:
    struct Entry
    {
        Chat chat;
        QString typingText;
    };

    const User *otherMember(const Chat &chat) const;
    int rowOf(const QString &chatId) const;
    int sortedRowFor(const QDateTime &activity, int excludeRow) const;
    void moveToSortedPosition(int row);
    void notifyRow(int row, const QList<int> &roles = {});
    void onAvatarReady(const QString &avatarId);
    void updateTotalUnread();

    AvatarCache *m_avatars;
    QString m_currentUserId;
    QList<Entry> m_chats;
    bool m_loading = false;
    int m_lastTotalUnread = 0;
};

} // namespace parley::client
