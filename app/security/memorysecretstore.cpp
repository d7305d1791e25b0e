// SPDX-License-Identifier: GPL-3.0-or-later
#include "memorysecretstore.h"

#include <QCoreApplication>
#include <QTimer>

namespace parley::client {

namespace {

// Runs f on the next event loop turn unless context died by then.
template<typename F> void later(const QObject *context, F f)
{
    QTimer::singleShot(0, context ? context : QCoreApplication::instance(), std::move(f));
}

} // namespace

void MemorySecretStore::readSecret(const QString &key, const QObject *context, ReadHandler handler)
{
    ReadResult result;
    result.found = m_secrets.contains(key);
    result.secret = m_secrets.value(key);
    later(context, [handler = std::move(handler), result] { handler(result); });
}

void MemorySecretStore::writeSecret(const QString &key, const QString &secret,
                                    const QObject *context, DoneHandler handler)
{
    if (!refuseWrites.isEmpty()) {
        later(context, [handler = std::move(handler), error = refuseWrites] {
            if (handler)
                handler(false, error);
        });
        return;
    }
    m_secrets.insert(key, secret);
    later(context, [handler = std::move(handler)] {
        if (handler)
            handler(true, {});
    });
}

void MemorySecretStore::deleteSecret(const QString &key, const QObject *context,
                                     DoneHandler handler)
{
    m_secrets.remove(key);
    later(context, [handler = std::move(handler)] {
        if (handler)
            handler(true, {});
    });
}

} // namespace parley::client
