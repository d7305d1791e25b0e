// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>

#include <functional>

namespace parley::client {

// Where the app keeps its one secret per account, the refresh token. Asynchronous because OS
// keychains may ask the user; every callback runs at most once and never after context died.
class SecretStore : public QObject
{
    Q_OBJECT

public:
    struct ReadResult
    {
        bool found = false;
        QString secret;
        QString error; // set when the store could not be read (not merely "no such key")
    };
    using ReadHandler = std::function<void(const ReadResult &)>;
    using DoneHandler = std::function<void(bool ok, const QString &error)>;

    using QObject::QObject;

    virtual void readSecret(const QString &key, const QObject *context, ReadHandler handler) = 0;
    virtual void writeSecret(const QString &key, const QString &secret, const QObject *context,
                             DoneHandler handler) = 0;
    // Deleting a key that does not exist succeeds.
    virtual void deleteSecret(const QString &key, const QObject *context, DoneHandler handler) = 0;

    // The key of an account: server address + "/" + user id.
    static QString accountKey(const QString &server, const QString &userId)
    {
        return server + QLatin1Char('/') + userId;
    }
};

} // namespace parley::client
