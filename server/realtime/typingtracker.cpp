// SPDX-License-Identifier: GPL-3.0-or-later
#include "typingtracker.h"

#include "connectionregistry.h"
#include "frame.h"
#include "operations.h"
#include "results.h"

#include <QTimer>

namespace parley::server {

TypingTracker::TypingTracker(ConnectionRegistry *registry, std::chrono::milliseconds expiry,
                             QObject *parent)
    : QObject(parent)
    , m_registry(registry)
    , m_expiry(expiry)
{ }

void TypingTracker::start(const QString &chatId, const QString &userId, const QString &name,
                          const QStringList &memberIds)
{
    const Key key{chatId, userId};
    auto it = m_states.find(key);
    if (it != m_states.end()) {
        it->memberIds = memberIds;
        it->timer->start(m_expiry);
        return;
    }
    State state{name, memberIds, new QTimer(this)};
    state.timer->setSingleShot(true);
    connect(state.timer, &QTimer::timeout, this, [this, key] { stop(key.first, key.second); });
    state.timer->start(m_expiry);
    m_states.insert(key, state);
    announce(key, state, true);
}

void TypingTracker::stop(const QString &chatId, const QString &userId)
{
    const auto it = m_states.find(Key{chatId, userId});
    if (it == m_states.end())
        return;
    const Key key = it.key();
    const State state = it.value();
    m_states.erase(it);
    state.timer->deleteLater();
    announce(key, state, false);
}

void TypingTracker::stopAllOf(const QString &userId)
{
    QList<Key> keys;
    for (auto it = m_states.cbegin(); it != m_states.cend(); ++it) {
        if (it.key().second == userId)
            keys.append(it.key());
    }
    for (const Key &key : keys)
        stop(key.first, key.second);
}

void TypingTracker::memberRemoved(const QString &chatId, const QString &userId)
{
    for (auto it = m_states.begin(); it != m_states.end(); ++it) {
        if (it.key().first == chatId)
            it->memberIds.removeAll(userId);
    }
    stop(chatId, userId);
}

void TypingTracker::announce(const Key &key, const State &state, bool typing) const
{
    QStringList others = state.memberIds;
    others.removeAll(key.second);
    const TypingEvent event{key.first, key.second, state.name, typing};
    m_registry->sendToUsers(others, encodeEvent(eventName(Event::Typing), event.toJson()));
}

} // namespace parley::server
