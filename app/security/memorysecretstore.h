// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "secretstore.h"

#include <QHash>

namespace parley::client {

// SecretStore in memory, for tests; answers on the next event loop turn like a real keychain.
class MemorySecretStore : public SecretStore
{
    Q_OBJECT

public:
    using SecretStore::SecretStore;

    void readSecret(const QString &key, const QObject *context, ReadHandler handler) override;
    void writeSecret(const QString &key, const QString &secret, const QObject *context,
                     DoneHandler handler) override;
    void deleteSecret(const QString &key, const QObject *context, DoneHandler handler) override;

    // Synchronous view for test assertions.
    bool contains(const QString &key) const { return m_secrets.contains(key); }
    QString value(const QString &key) const { return m_secrets.value(key); }
    QStringList keys() const { return m_secrets.keys(); }
    // Non-empty: writes fail with this error, as when the person cancels the keyring prompt.
    QString refuseWrites;

private:
    QHash<QString, QString> m_secrets;
};

} // namespace parley::client
