// SPDX-License-Identifier: GPL-3.0-or-later
#include "filesecretstore.h"

#include <QPointer>
#include <QSettings>
#include <QTimer>

namespace parley::bench {

namespace {

// Runs `f` on the next turn of the event loop, unless `context` is gone by then.
template<typename F> void later(const QObject *context, F f)
{
    QTimer::singleShot(0, context, std::move(f));
}

} // namespace

FileSecretStore::FileSecretStore(QString file, QObject *parent)
    : SecretStore(parent)
    , m_file(std::move(file))
{ }

void FileSecretStore::readSecret(const QString &key, const QObject *context, ReadHandler handler)
{
    QSettings settings(m_file, QSettings::IniFormat);
    const QVariant value = settings.value(key);
    ReadResult result{value.isValid(), value.toString(), {}};
    if (handler)
        later(context, [handler = std::move(handler), result] { handler(result); });
}

void FileSecretStore::writeSecret(const QString &key, const QString &secret, const QObject *context,
                                  DoneHandler handler)
{
    QSettings settings(m_file, QSettings::IniFormat);
    settings.setValue(key, secret);
    settings.sync();
    const bool ok = settings.status() == QSettings::NoError;
    if (handler) {
        later(context, [handler = std::move(handler), ok] {
            handler(ok, ok ? QString() : QStringLiteral("cannot write the secrets file"));
        });
    }
}

void FileSecretStore::deleteSecret(const QString &key, const QObject *context, DoneHandler handler)
{
    QSettings settings(m_file, QSettings::IniFormat);
    settings.remove(key);
    settings.sync();
    if (handler) // callers that do not wait for the outcome pass none
        later(context, [handler = std::move(handler)] { handler(true, {}); });
}

} // namespace parley::bench
