// SPDX-License-Identifier: GPL-3.0-or-later
#include "keychainsecretstore.h"

#include <QLoggingCategory>
#include <QPointer>
#include <qt6keychain/keychain.h>

using namespace Qt::StringLiterals;

namespace parley::client {

Q_LOGGING_CATEGORY(lcKeychain, "parley.keychain")

KeychainSecretStore::KeychainSecretStore(QObject *parent)
    : SecretStore(parent)
{ }

QString KeychainSecretStore::serviceName()
{
    return u"parley"_s;
}

void KeychainSecretStore::readSecret(const QString &key, const QObject *context,
                                     ReadHandler handler)
{
    auto *job = new QKeychain::ReadPasswordJob(serviceName(), this);
    job->setAutoDelete(true);
    job->setKey(key);
    const QPointer<const QObject> guard(context);
    connect(job, &QKeychain::Job::finished, this,
            [guard, hasContext = context != nullptr,
             handler = std::move(handler)](QKeychain::Job *finished) {
                if (hasContext && !guard)
                    return;
                ReadResult result;
                if (finished->error() == QKeychain::NoError) {
                    result.found = true;
                    result.secret = static_cast<QKeychain::ReadPasswordJob *>(finished)->textData();
                } else if (finished->error() != QKeychain::EntryNotFound) {
                    result.error = finished->errorString();
                    qCWarning(lcKeychain) << "reading a secret failed:" << result.error;
                }
                handler(result);
            });
    job->start();
}

void KeychainSecretStore::writeSecret(const QString &key, const QString &secret,
                                      const QObject *context, DoneHandler handler)
{
    auto *job = new QKeychain::WritePasswordJob(serviceName(), this);
    job->setAutoDelete(true);
    job->setKey(key);
    job->setTextData(secret);
    const QPointer<const QObject> guard(context);
    connect(job, &QKeychain::Job::finished, this,
            [guard, hasContext = context != nullptr,
             handler = std::move(handler)](QKeychain::Job *finished) {
                const bool ok = finished->error() == QKeychain::NoError;
                if (!ok)
                    qCWarning(lcKeychain) << "storing a secret failed:" << finished->errorString();
                if ((hasContext && !guard) || !handler)
                    return;
                handler(ok, ok ? QString() : finished->errorString());
            });
    job->start();
}

void KeychainSecretStore::deleteSecret(const QString &key, const QObject *context,
                                       DoneHandler handler)
{
    auto *job = new QKeychain::DeletePasswordJob(serviceName(), this);
    job->setAutoDelete(true);
    job->setKey(key);
    const QPointer<const QObject> guard(context);
    connect(job, &QKeychain::Job::finished, this,
            [guard, hasContext = context != nullptr,
             handler = std::move(handler)](QKeychain::Job *finished) {
                const bool ok = finished->error() == QKeychain::NoError
                    || finished->error() == QKeychain::EntryNotFound;
                if ((hasContext && !guard) || !handler)
                    return;
                handler(ok, ok ? QString() : finished->errorString());
            });
    job->start();
}

} // namespace parley::client
