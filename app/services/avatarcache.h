// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>

namespace parley::client {

class Connection;

// Avatar pictures by avatar id, fetched once with avatar.get and kept as data: URIs, which QML's
// Image takes as its source. Avatar ids never change meaning, so nothing is ever re-fetched.
class AvatarCache : public QObject
{
    Q_OBJECT

public:
    explicit AvatarCache(Connection *connection, QObject *parent = nullptr);

    // The picture as a data: URI, or empty while it loads (avatarReady follows) or when
    // avatarId is empty or unknown.
    QString source(const QString &avatarId);
    // Remembers a picture the app already has (own upload).
    void insert(const QString &avatarId, const QString &dataUri);
    void clear();

signals:
    void avatarReady(const QString &avatarId);

private:
    void request(const QString &avatarId);
    void retryFailed();

    Connection *m_connection;
    QHash<QString, QString> m_sources;
    QSet<QString> m_requested; // asked for, or failed for good: never asked twice
    // Lost with a dropped connection: asked again once it is back, since nobody may look again
    // (a row already showing initials does not ask twice).
    QSet<QString> m_retry;
};

} // namespace parley::client
