// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "types.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QList>
#include <QSet>

namespace parley::client {

// Messages that arrived in chats that were not on screen, newest first, each at most once (by
// message id). Kept across restarts in a JSON file per user (it holds no secret).
class NotificationModel : public QAbstractListModel
{
    Q_OBJECT

    // The badge on the bell.
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    enum Role {
        MessageIdRole = Qt::UserRole + 1, ///< messageId: string
        ChatIdRole, ///< chatId: string (Session.selectChat(chatId) opens it)
        ChatTitleRole, ///< chatTitle: group name or the sender's name for a direct chat
        IsGroupRole, ///< isGroup: bool
        SenderIdRole, ///< senderId: string
        SenderNameRole, ///< senderName: string
        TextRole, ///< text: the message content (a preview may elide it)
        CreatedAtRole, ///< createdAt: QDateTime
        TimeTextRole, ///< timeText: "10:02" today, "Tue" this week, else "24 Nov"
    };
    Q_ENUM(Role)

    struct Item
    {
        QString messageId;
        QString chatId;
        QString chatTitle;
        bool isGroup = false;
        QString senderId;
        QString senderName;
        QString text;
        QDateTime createdAt;
    };

    explicit NotificationModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    int count() const { return static_cast<int>(m_items.size()); }
    int maxItems() const { return m_maxItems; }
    void setMaxItems(int items) { m_maxItems = items; }

    // Clears the notifications of one chat (it was opened).
    Q_INVOKABLE void clearChat(const QString &chatId);
    Q_INVOKABLE void clear();
    Q_INVOKABLE void removeAt(int row);
    Q_INVOKABLE int countForChat(const QString &chatId) const;

    // Adds a message unless its id was seen before; returns whether it was added.
    bool add(const Message &message, const QString &chatTitle, bool isGroup);
    // An edit or delete of a message in the list.
    void update(const Message &message);

    // Persists to path (created when missing) and loads what it holds; empty: memory only.
    void setStoragePath(const QString &path);
    QString storagePath() const { return m_path; }

signals:
    void countChanged();

private:
    void load();
    void save() const;
    void insertSorted(const Item &item);

    QList<Item> m_items; // newest first
    QSet<QString> m_seen; // every id ever added in this storage, so none comes back twice
    QString m_path;
    int m_maxItems = 200;
};

} // namespace parley::client
