// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "types.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QList>
#include <QObject>
#include <QTimer>

#include <chrono>

namespace parley::client {

class Connection;

// Messages the user sent that the server has not confirmed yet, across all chats, so a send
// survives switching chats, going offline and restarting. They go out one at a time in the order
// written, which keeps that order in the chat and lets a rate limit pause the line instead of
// failing it. Each entry carries its client-made clientId, which makes resending safe.
class Outbox : public QObject
{
    Q_OBJECT

public:
    enum class State { Pending, Failed };

    struct Entry
    {
        QString chatId;
        QString clientId;
        QString content;
        QDateTime createdAt; // when the user sent it
        State state = State::Pending;
        QString error; // why it failed
        QDeadlineTimer deadline; // Pending: when it fails unless the server stored it
    };

    explicit Outbox(Connection *connection, QObject *parent = nullptr);

    // How long a send may take, waiting for a connection included, before it is Failed.
    std::chrono::milliseconds sendTimeout() const { return m_sendTimeout; }
    void setSendTimeout(std::chrono::milliseconds timeout) { m_sendTimeout = timeout; }

    // Queues content (already trimmed, non-empty) for chatId; returns the new entry.
    Entry enqueue(const QString &chatId, const QString &content);
    // Sends a Failed entry again with the same clientId.
    void retry(const QString &clientId);
    // The server stored it (message.new or the send's answer): the entry leaves the outbox.
    void acknowledge(const Message &message);
    void discard(const QString &clientId);
    void clear();

    // Keeps unsent messages in a JSON file so they survive a restart; the entries found there
    // are sent again (or stay failed). Empty: memory only.
    void setStoragePath(const QString &path);

    QList<Entry> entries(const QString &chatId) const;
    const Entry *entry(const QString &clientId) const;

signals:
    void added(const parley::client::Outbox::Entry &entry);
    void delivered(const parley::Message &message);
    void failed(const QString &chatId, const QString &clientId, const QString &error);
    void retrying(const QString &chatId, const QString &clientId);

private:
    void pump();
    void transmit(int index);
    void fail(int index, const QString &error);
    int indexOf(const QString &clientId) const;
    void load();
    void save() const;

    Connection *m_connection;
    QList<Entry> m_entries;
    std::chrono::milliseconds m_sendTimeout{60'000};
    QString m_path;
    QString m_inFlight; // clientId of the send on the wire
    QTimer m_pause; // running while the server asked to slow down
};

} // namespace parley::client
