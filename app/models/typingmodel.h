// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractListModel>
#include <QDeadlineTimer>
#include <QHash>
#include <QList>
#include <QTimer>

namespace parley::client {

class Connection;

// Typing, both ways. Incoming: who types in the selected chat (rows, with full names) and a
// sentence for it by first names ("Ana is typing", "Ana and Ben are typing", "Ana, Ben and 2
// others are typing"; the typing line draws the dots after it); the same sentence per chat for
// the chat list. Outgoing: the composer calls typed() on each edit; one typing.start goes out
// per burst (repeated every few seconds while the burst lasts, since the server forgets after
// 6 s) and typing.stop after 3 s idle, on send, or on switching chats.
class TypingModel : public QAbstractListModel
{
    Q_OBJECT

    Q_PROPERTY(QString chatId READ chatId NOTIFY chatIdChanged)
    Q_PROPERTY(QString text READ text NOTIFY textChanged)
    Q_PROPERTY(bool active READ active NOTIFY textChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    enum Role {
        UserIdRole = Qt::UserRole + 1, ///< userId: string
        NameRole, ///< name: string
    };
    Q_ENUM(Role)

    explicit TypingModel(Connection *connection, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    QString chatId() const { return m_chatId; }
    QString text() const { return textFor(m_chatId); }
    bool active() const { return !text().isEmpty(); }
    int count() const;

    // The composer's text changed.
    Q_INVOKABLE void typed();
    // The message was sent, or the composer was cleared.
    Q_INVOKABLE void stopTyping();

    // The sentence for any chat, "" when nobody types there.
    QString textFor(const QString &chatId) const;
    // The sentence for these names, as given.
    static QString sentence(const QStringList &names);

    // --- fed by Session ---
    void setChatId(const QString &chatId);
    void applyEvent(const QString &chatId, const QString &userId, const QString &name, bool typing);
    void clear();

    // Intervals; tests shorten them.
    void setIdleTimeout(std::chrono::milliseconds idle);
    void setKeepAlive(std::chrono::milliseconds interval) { m_keepAlive = interval; }
    void setRemoteExpiry(std::chrono::milliseconds expiry) { m_remoteExpiry = expiry; }

signals:
    void chatIdChanged();
    void textChanged();
    void countChanged();
    void chatTypingChanged(const QString &chatId, const QString &text);

private:
    struct Typer
    {
        QString userId;
        QString name;
        QDeadlineTimer expiry;
    };

    void setTypers(const QString &chatId, const QList<Typer> &typers);
    void expire();
    void armExpiry();
    void sendStop();

    Connection *m_connection;
    QString m_chatId;
    QHash<QString, QList<Typer>> m_typers; // by chat
    QTimer m_expiryTimer;
    std::chrono::milliseconds m_remoteExpiry{7'000};

    // outgoing
    QString m_typingIn; // chat where typing.start went out, "" when not typing
    QTimer m_idleTimer;
    QDeadlineTimer m_nextKeepAlive;
    std::chrono::milliseconds m_keepAlive{4'000};
};

} // namespace parley::client
