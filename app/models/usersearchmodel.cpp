// SPDX-License-Identifier: GPL-3.0-or-later
#include "usersearchmodel.h"

#include "avatarcache.h"
#include "connection.h"
#include "requests.h"
#include "results.h"

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace parley::client {

UserSearchModel::UserSearchModel(Connection *connection, AvatarCache *avatars, QObject *parent)
    : QAbstractListModel(parent)
    , m_connection(connection)
    , m_avatars(avatars)
{
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(300ms);
    connect(&m_debounce, &QTimer::timeout, this, &UserSearchModel::search);
    connect(m_avatars, &AvatarCache::avatarReady, this, &UserSearchModel::onAvatarReady);
    connect(this, &QAbstractItemModel::rowsInserted, this, &UserSearchModel::countChanged);
    connect(this, &QAbstractItemModel::rowsRemoved, this, &UserSearchModel::countChanged);
    connect(this, &QAbstractItemModel::modelReset, this, &UserSearchModel::countChanged);
}

int UserSearchModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : count();
}

QHash<int, QByteArray> UserSearchModel::roleNames() const
{
    return {
        {UserIdRole, "userId"}, {NameRole, "name"},
        {EmailRole, "email"},   {AvatarSourceRole, "avatarSource"},
        {OnlineRole, "online"},
    };
}

QVariant UserSearchModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const User &user = m_users.at(index.row());
    switch (role) {
    case UserIdRole:
        return user.id;
    case NameRole:
        return user.name;
    case EmailRole:
        return user.email;
    case AvatarSourceRole:
        return m_avatars->source(user.avatar);
    case OnlineRole:
        return user.online;
    default:
        return {};
    }
}

void UserSearchModel::setQuery(const QString &query)
{
    if (m_query == query)
        return;
    m_query = query;
    emit queryChanged();
    ++m_generation; // whatever is in flight answers an older query now
    if (query.trimmed().isEmpty()) {
        m_debounce.stop();
        setLoading(false);
        setError({});
        setUsers({});
        return;
    }
    setLoading(true);
    m_debounce.start();
}

void UserSearchModel::clear()
{
    setQuery({});
}

QVariantMap UserSearchModel::get(int row) const
{
    QVariantMap map;
    if (row < 0 || row >= count())
        return map;
    const QModelIndex at = index(row);
    const auto roles = roleNames();
    for (auto it = roles.cbegin(); it != roles.cend(); ++it)
        map.insert(QString::fromUtf8(it.value()), data(at, it.key()));
    return map;
}

const User *UserSearchModel::user(const QString &userId) const
{
    for (const User &found : m_users) {
        if (found.id == userId)
            return &found;
    }
    return nullptr;
}

void UserSearchModel::setPresence(const QString &userId, bool online)
{
    for (int row = 0; row < count(); ++row) {
        if (m_users[row].id == userId && m_users[row].online != online) {
            m_users[row].online = online;
            emit dataChanged(index(row), index(row), {OnlineRole});
        }
    }
}

void UserSearchModel::search()
{
    const quint64 generation = m_generation;
    UserSearchRequest request;
    request.query = m_query.trimmed();
    m_connection->request(Op::UserSearch, request.toJson(), this,
                          [this, generation](const Reply &reply) {
                              if (generation != m_generation)
                                  return;
                              setLoading(false);
                              if (!reply.ok()) {
                                  setError(reply.error.message);
                                  return;
                              }
                              const auto result = UserList::fromJson(reply.data);
                              if (!result) {
                                  setError(result.error().message);
                                  return;
                              }
                              setError({});
                              setUsers(result->users);
                          });
}

void UserSearchModel::setUsers(const QList<User> &users)
{
    if (users.isEmpty() && m_users.isEmpty())
        return;
    beginResetModel();
    m_users = users;
    endResetModel();
}

void UserSearchModel::setLoading(bool loading)
{
    if (m_loading == loading)
        return;
    m_loading = loading;
    emit loadingChanged();
}

void UserSearchModel::setError(const QString &error)
{
    if (m_error == error)
        return;
    m_error = error;
    emit errorChanged();
}

void UserSearchModel::onAvatarReady(const QString &avatarId)
{
    for (int row = 0; row < count(); ++row) {
        if (m_users[row].avatar == avatarId)
            emit dataChanged(index(row), index(row), {AvatarSourceRole});
    }
}

} // namespace parley::client
