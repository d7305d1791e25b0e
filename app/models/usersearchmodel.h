// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "types.h"

#include <QAbstractListModel>
#include <QList>
#include <QTimer>

namespace parley::client {

class AvatarCache;
class Connection;

// People search: setting query asks user.search 300 ms after the last change; an answer to an
// older query never replaces a newer one. The signed-in user is never listed.
class UserSearchModel : public QAbstractListModel
{
    Q_OBJECT

    Q_PROPERTY(QString query READ query WRITE setQuery NOTIFY queryChanged)
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    // The server refused the last search, or it timed out; "" otherwise.
    Q_PROPERTY(QString error READ error NOTIFY errorChanged)

public:
    enum Role {
        UserIdRole = Qt::UserRole + 1, ///< userId: string
        NameRole, ///< name: string
        EmailRole, ///< email: string
        AvatarSourceRole, ///< avatarSource: data: URI or ""
        OnlineRole, ///< online: bool
    };
    Q_ENUM(Role)

    UserSearchModel(Connection *connection, AvatarCache *avatars, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    QString query() const { return m_query; }
    void setQuery(const QString &query);
    bool loading() const { return m_loading; }
    int count() const { return static_cast<int>(m_users.size()); }
    QString error() const { return m_error; }
    void setDebounce(std::chrono::milliseconds delay) { m_debounce.setInterval(delay); }

    Q_INVOKABLE void clear();
    Q_INVOKABLE QVariantMap get(int row) const;

    void setPresence(const QString &userId, bool online);
    // The user among the results with this id, or null.
    const User *user(const QString &userId) const;

signals:
    void queryChanged();
    void loadingChanged();
    void countChanged();
    void errorChanged();

private:
    void search();
    void setUsers(const QList<User> &users);
    void setLoading(bool loading);
    void setError(const QString &error);
    void onAvatarReady(const QString &avatarId);

    Connection *m_connection;
    AvatarCache *m_avatars;
    QString m_query;
    QList<User> m_users;
    QTimer m_debounce;
    quint64 m_generation = 0;
    bool m_loading = false;
    QString m_error;
};

} // namespace parley::client
