// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "secretstore.h"

#include <QString>

namespace parley::bench {

// The app's refresh token in a file of the harness's own state directory, so that a second,
// measured process starts signed in exactly as the app does after a restart (the OS keychain is
// not there when measuring offscreen). Answers on the next event loop turn, like a keychain.
class FileSecretStore : public parley::client::SecretStore
{
    Q_OBJECT

public:
    FileSecretStore(QString file, QObject *parent = nullptr);

    void readSecret(const QString &key, const QObject *context, ReadHandler handler) override;
    void writeSecret(const QString &key, const QString &secret, const QObject *context,
                     DoneHandler handler) override;
    void deleteSecret(const QString &key, const QObject *context, DoneHandler handler) override;

private:
    QString m_file;
};

} // namespace parley::bench
