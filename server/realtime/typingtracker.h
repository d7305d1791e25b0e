// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QObject>
#include <QStringList>

#include <chrono>

class QTimer;

namespace parley::server {

class ConnectionRegistry;

// Who is typing where. A typing state ends on typing.stop, on a send, when its user goes offline,
// or by itself after the expiry without a new typing.start; every change reaches the chat's other
// members as a `typing` event.
class TypingTracker : public QObject
{
    Q_OBJECT

public:
    TypingTracker(ConnectionRegistry *registry, std::chrono::milliseconds expiry,
                  QObject *parent = nullptr);

    void start(const QString &chatId, const QString &userId, const QString &name,
               const QStringList &memberIds);
    void stop(const QString &chatId, const QString &userId);
    void stopAllOf(const QString &userId);
    // The user left the chat: its own typing ends, and nobody's typing there reaches it again.
    void memberRemoved(const QString &chatId, const QString &userId);

private:
    struct State
    {
        QString name;
        QStringList memberIds;
        QTimer *timer = nullptr;
    };
    using Key = std::pair<QString, QString>; // chat, user

    void announce(const Key &key, const State &state, bool typing) const;

    ConnectionRegistry *m_registry;
    std::chrono::milliseconds m_expiry;
    QHash<Key, State> m_states;
};

} // namespace parley::server
