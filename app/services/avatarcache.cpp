// SPDX-License-Identifier: GPL-3.0-or-later
#include "avatarcache.h"

#include "connection.h"
#include "requests.h"
#include "results.h"

#include <utility>

namespace parley::client {

AvatarCache::AvatarCache(Connection *connection, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
{
    connect(m_connection, &Connection::stateChanged, this, [this](Connection::State state) {
        if (state == Connection::Online)
            retryFailed();
    });
}

QString AvatarCache::source(const QString &avatarId)
{
    if (avatarId.isEmpty())
        return {};
    const auto found = m_sources.constFind(avatarId);
    if (found != m_sources.constEnd())
        return *found;
    if (!m_requested.contains(avatarId))
        request(avatarId);
    return {};
}

void AvatarCache::request(const QString &avatarId)
{
    m_requested.insert(avatarId);
    m_retry.remove(avatarId);
    m_connection->request(Op::AvatarGet, AvatarGetRequest{avatarId}.toJson(), this,
                          [this, avatarId](const Reply &reply) {
                              if (!reply.ok()) {
                                  // Try again on a later look, or when the connection is back,
                                  // unless the id names nothing.
                                  if (reply.isTransient()) {
                                      m_requested.remove(avatarId);
                                      m_retry.insert(avatarId);
                                  }
                                  return;
                              }
                              const auto result = AvatarResult::fromJson(reply.data);
                              if (!result)
                                  return;
                              m_sources.insert(avatarId, result->dataUri);
                              emit avatarReady(avatarId);
                          });
}

void AvatarCache::retryFailed()
{
    const QSet<QString> ids = std::exchange(m_retry, {});
    for (const QString &avatarId : ids) {
        if (!m_requested.contains(avatarId) && !m_sources.contains(avatarId))
            request(avatarId);
    }
}

void AvatarCache::insert(const QString &avatarId, const QString &dataUri)
{
    if (avatarId.isEmpty() || dataUri.isEmpty())
        return;
    m_sources.insert(avatarId, dataUri);
    m_requested.insert(avatarId);
    emit avatarReady(avatarId);
}

void AvatarCache::clear()
{
    m_sources.clear();
    m_requested.clear();
    m_retry.clear();
}

} // namespace parley::client
