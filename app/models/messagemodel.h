// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "types.h"

#include <QAbstractListModel>
#include <QHash>
#include <QList>
#include <QSet>

namespace parley::client {

class AvatarCache;
class Connection;
class Outbox;

// The selected chat's messages, NEWEST FIRST: row 0 is the latest message (pending sends
// before it). Show it in a ListView with verticalLayoutDirection: ListView.BottomToTop, so
// older pages append at the end (fetchMore) and the view keeps its position. At most maxRows
// rows stay in memory: the far end is dropped and loaded again when scrolled back to.
class MessageModel : public QAbstractListModel
{
    Q_OBJECT

    Q_PROPERTY(QString chatId READ chatId NOTIFY chatIdChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    // A page request is in flight (the first one, older or newer).
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)
    // The first page of the chat arrived (false: show skeleton rows).
    Q_PROPERTY(bool loaded READ loaded NOTIFY loadedChanged)
    // Older messages exist beyond the last row (fetchMore / loadOlder gets them).
    Q_PROPERTY(bool hasOlder READ hasOlder NOTIFY hasOlderChanged)
    // Newer messages were dropped from row 0's side; loadNewer() when scrolled back down.
    Q_PROPERTY(bool hasNewer READ hasNewer NOTIFY hasNewerChanged)
    // seq of the first message that was unread when the chat opened (the "new messages"
    // divider), 0 when there was none.
    Q_PROPERTY(qint64 firstUnreadSeq READ firstUnreadSeq NOTIFY firstUnreadSeqChanged)
    Q_PROPERTY(int maxRows READ maxRows WRITE setMaxRows NOTIFY maxRowsChanged)

public:
    enum DeliveryState {
        Pending, ///< waiting for the server (show a clock)
        Sent, ///< stored by the server (one tick)
        Failed, ///< could not be sent (error mark and "Retry")
        Read, ///< own message read by every other member (two ticks)
    };
    Q_ENUM(DeliveryState)

    enum Role {
        MessageIdRole = Qt::UserRole + 1, ///< messageId: string, "" while pending
        ClientIdRole, ///< clientId: the id this app gave its own sends, else ""
        SeqRole, ///< seq: per-chat order, 0 while pending
        SenderIdRole, ///< senderId: string
        SenderNameRole, ///< senderName: string
        SenderAvatarSourceRole, ///< senderAvatarSource: data: URI or ""
        ContentRole, ///< content: the text ("" when deleted)
        CreatedAtRole, ///< createdAt: QDateTime (local send time while pending)
        TimeTextRole, ///< timeText: "10:02"
        EditedAtRole, ///< editedAt: QDateTime, invalid when never edited
        EditedRole, ///< edited: bool
        DeletedRole, ///< deleted: bool
        IsOwnRole, ///< isOwn: sent by the signed-in user
        DeliveryStateRole, ///< deliveryState: DeliveryState
        ErrorTextRole, ///< errorText: why a send failed, else ""
        ShowDaySeparatorRole, ///< showDaySeparator: first message of its day (draw the day
                              ///< line above it)
        DayLabelRole, ///< dayLabel: "Today", "Yesterday", "Tuesday", "Tuesday, 24 November"
        FirstOfGroupRole, ///< firstOfGroup: shows avatar and name (not the same sender within
                          ///< 5 minutes just before it)
        LastOfGroupRole, ///< lastOfGroup: the next message is not in the same group
        ReadByAllRole, ///< readByAll: own message read by every other member
        ReadByRole, ///< readBy: QStringList of names of other members who read it
        IsFirstUnreadRole, ///< isFirstUnread: draw the "new messages" divider above it
        CanEditRole, ///< canEdit: own, stored and not deleted
        CanDeleteRole, ///< canDelete: own (or the caller administers the group), not deleted
        IsEventRole, ///< isEvent: a line about the group ("Ana added Ben"), not a message;
                     ///< content holds its text
    };
    Q_ENUM(Role)

    // The id of every event line starts with it (EventRouter makes them).
    static inline const QString EventIdPrefix = QStringLiteral("event:");

    MessageModel(Connection *connection, Outbox *outbox, AvatarCache *avatars,
                 QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    // Older pages; QML views call this when the last row (the oldest) comes into view.
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    QString chatId() const { return m_chat.id; }
    int count() const { return static_cast<int>(m_rows.size()); }
    bool loading() const { return m_loading; }
    bool loaded() const { return m_loaded; }
    bool hasOlder() const { return m_hasOlder; }
    bool hasNewer() const { return m_hasNewer; }
    qint64 firstUnreadSeq() const { return m_firstUnreadSeq; }
    int maxRows() const { return m_maxRows; }
    void setMaxRows(int rows);
    int pageSize() const { return m_pageSize; }
    void setPageSize(int rows) { m_pageSize = rows; }

    // Sends text (trimmed; empty text is ignored) as a pending row.
    Q_INVOKABLE void send(const QString &text);
    // Sends a failed row again.
    Q_INVOKABLE void retry(int row);
    Q_INVOKABLE void edit(int row, const QString &text);
    Q_INVOKABLE void remove(int row);
    // Drops a failed row without sending it.
    Q_INVOKABLE void discard(int row);
    Q_INVOKABLE void loadOlder() { fetchMore({}); }
    Q_INVOKABLE void loadNewer();
    // The row to edit on Up in an empty composer: the latest own editable message, or -1.
    Q_INVOKABLE int lastOwnEditableRow() const;
    Q_INVOKABLE int rowOfSeq(qint64 seq) const;
    // Every role of one row by role name.
    Q_INVOKABLE QVariantMap get(int row) const;

    // --- fed by Session ---
    void setCurrentUserId(const QString &userId);
    // Shows chat (empty id: none) and loads its newest page.
    void setChat(const Chat &chat);
    // Shows a direct chat that does not exist yet: no history, and send() asks for it to be
    // created (draftSendRequested) instead of queueing the message.
    void setDraftChat(const Chat &chat);
    // Members, name or admin changed for the shown chat.
    void updateChat(const Chat &chat);
    void clear();
    // A stored message of the shown chat (event or sync): inserted by seq, replacing the
    // pending row with the same clientId, or updating the row with the same id.
    void addMessage(const Message &message);
    void setReadMarker(const QString &userId, qint64 seq);
    // A line about the shown group (created, renamed, someone added, removed or left) after
    // the message with line.seq; line.id starts with "event:", line.content is the text.
    void addEventLine(const Message &line);
    // A sender's current name and picture: their earlier rows show them too.
    void applyProfile(const UserSummary &person);
    // Loads the first page again if it did not arrive (offline when the chat was opened).
    void reload();
    // The newest stored seq in memory, 0 when none.
    qint64 newestSeq() const;
    // True while row 0's side shows the chat's latest message.
    bool atLatest() const { return !m_hasNewer; }
    QList<Message> storedMessages() const; // oldest first, for tests and mark-read

signals:
    void chatIdChanged();
    void countChanged();
    void loadingChanged();
    void loadedChanged();
    void hasOlderChanged();
    void hasNewerChanged();
    void firstUnreadSeqChanged();
    void maxRowsChanged();
    // One user-facing message per failed send or action.
    void sendFailed(const QString &message);
    void actionFailed(const QString &message);
    // A stored message was added at the newest end (live or caught up).
    void newestMessageAdded(const parley::Message &message);
    // send() on a draft chat: create the chat, then send content in it.
    void draftSendRequested(const QString &content);

private:
    struct Row
    {
        Message message;
        DeliveryState state = Sent;
        QString error;
        bool pending() const { return message.id.isEmpty(); }
        bool event() const { return message.id.startsWith(EventIdPrefix); }
    };

    int pendingCount() const;
    int storedInsertRow(qint64 seq, bool event = false) const;
    int rowOfId(const QString &id) const;
    int rowOfClientId(const QString &clientId) const;
    void insertRow(int row, const Row &entry);
    void removeRowAt(int row);
    void notifyRows(int first, int last, const QList<int> &roles = {});
    void notifyNeighbours(int row);
    void updateStored(int row, const Message &message);
    void trimOldest();
    void trimNewest();
    void setLoading(bool loading);
    void setLoaded(bool loaded);
    void setHasOlder(bool value);
    void setHasNewer(bool value);
    enum class Page { Newest, Older, Newer };
    void requestPage(Page page);
    void applyPage(Page page, const QList<Message> &messages, bool hasMore);
    bool firstUnreadBeyondNewestPage() const;
    // Read messages shown above the "New messages" divider when a chat opens there.
    static constexpr int ReadContextRows = 5;
    void insertStored(const Message &message);
    void onOutboxAdded(const QString &chatId, const QString &clientId);
    void onOutboxFailed(const QString &chatId, const QString &clientId, const QString &error);
    void onOutboxRetrying(const QString &chatId, const QString &clientId);
    bool sameGroup(int newerRow, int olderRow) const;
    bool isReadByAll(const Message &message) const;
    QStringList readBy(const Message &message) const;
    bool isAdmin() const;
    void onAvatarReady(const QString &avatarId);
    DeliveryState deliveryState(const Row &row) const;
    qint64 oldestSeq() const;

    Connection *m_connection;
    Outbox *m_outbox;
    AvatarCache *m_avatars;
    QString m_currentUserId;
    Chat m_chat;
    QList<Row> m_rows; // newest first
    QSet<QString> m_ids;
    QHash<QString, qint64> m_readMarkers; // other members' lastReadSeq, from read events
    qint64 m_latestKnownSeq = 0;
    qint64 m_firstUnreadSeq = 0;
    quint64 m_generation = 0; // answers for an earlier chat are dropped
    bool m_loading = false;
    bool m_loaded = false;
    bool m_hasOlder = false;
    bool m_hasNewer = false;
    bool m_draft = false;
    int m_maxRows = 500;
    int m_pageSize = 50;
};

} // namespace parley::client
