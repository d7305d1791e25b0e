// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "secretstore.h"

namespace parley::client {

// SecretStore in the OS keychain (Secret Service, macOS Keychain, Windows Credential Manager)
// through QtKeychain, under the service name "parley".
class KeychainSecretStore : public SecretStore
{
    Q_OBJECT

public:
    explicit KeychainSecretStore(QObject *parent = nullptr);

    void readSecret(const QString &key, const QObject *context, ReadHandler handler) override;
    void writeSecret(const QString &key, const QString &secret, const QObject *context,
                     DoneHandler handler) override;
    void deleteSecret(const QString &key, const QObject *context, DoneHandler handler) override;

    static QString serviceName();
};

} // namespace parley::client
