#include "avatarcache.h"

#include "connection.h"
#include "requests.h"
#include "results.h"

namespace parley::client {

AvatarCache::AvatarCache(Connection *connection, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
{ }

QString AvatarCache::source(const QString &avatarId)
{
    if (avatarId.isEmpty())
        return {};
    const auto found = m_sources.constFind(avatarId);
    if (found != m_sources.constEnd())
        return *found;
    if (m_requested.contains(avatarId))
        return {};
    m_requested.insert(avatarId);
    m_connection->request(Op::AvatarGet, AvatarGetRequest{avatarId}.toJson(), this,
                          [this, avatarId](const Reply &reply) {
                              if (!reply.ok()) {
                                  // Try again on a later look unless the id names nothing.
                                  if (reply.isTransient())
                                      m_requested.remove(avatarId);
                                  return;
                              }
                              const auto result = AvatarResult::fromJson(reply.data);
                              if (!result)
                                  return;
                              m_sources.insert(avatarId, result->dataUri);
                              emit avatarReady(avatarId);
                          });
    return {};
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
}

} // namespace parley::client
