// SPDX-License-Identifier: GPL-3.0-or-later
#include "serversecret.h"

#include "files/ownerfile.h"
#include "securerandom.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>

using namespace Qt::StringLiterals;

namespace parley::server {

namespace {

Q_LOGGING_CATEGORY(lcSecret, "parley.server.auth.secret")

std::nullopt_t fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return std::nullopt;
}

QString native(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

} // namespace

std::optional<QByteArray> ServerSecret::loadOrCreate(const QString &path, QString *error)
{
    return QFileInfo::exists(path) ? load(path, error) : create(path, error);
}

std::optional<QByteArray> ServerSecret::load(const QString &path, QString *error)
{
    QFile file(path);
    const QByteArray secret = file.open(QIODevice::ReadOnly) ? file.read(Size + 1) : QByteArray();
    if (file.error() != QFileDevice::NoError) {
        return fail(error,
                    u"cannot read the token secret %1: %2"_s.arg(native(path), file.errorString()));
    }
    if (secret.size() != Size) {
        return fail(error,
                    u"the token secret %1 is not %2 bytes long; restore it from a backup or delete "
                    "it to sign everybody out"_s.arg(native(path), QString::number(Size)));
    }

    if (ownerfile::othersMayAccess(path)) {
        qCWarning(lcSecret).noquote() << "the token secret" << native(path)
                                      << "was readable by other users; restricting it to its owner";
        if (!ownerfile::restrictToOwner(path))
            qCWarning(lcSecret).noquote() << "cannot change the permissions of" << native(path);
    }
    return secret;
}

std::optional<QByteArray> ServerSecret::create(const QString &path, QString *error)
{
    const QString dir = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(dir)) {
        return fail(error,
                    u"cannot create the directory %1 for the token secret"_s.arg(native(dir)));
    }

    const QByteArray secret = SecureRandom::bytes(Size);
    if (const auto reason = ownerfile::write(path, secret, ownerfile::Access::OwnerOnly))
        return fail(error, u"cannot write the token secret %1: %2"_s.arg(native(path), *reason));
    qCInfo(lcSecret).noquote() << "created a new token secret in" << native(path);
    return secret;
}

} // namespace parley::server
