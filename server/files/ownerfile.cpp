// SPDX-License-Identifier: GPL-3.0-or-later
#include "ownerfile.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace parley::server::ownerfile {

namespace {

constexpr QFileDevice::Permissions OwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr QFileDevice::Permissions GroupOrOther = QFileDevice::ReadGroup | QFileDevice::WriteGroup
    | QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::WriteOther
    | QFileDevice::ExeOther;

} // namespace

std::optional<QString> write(const QString &path, const QByteArray &contents, Access access)
{
    const bool isPrivate = access == Access::OwnerOnly;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || (isPrivate && !file.setPermissions(OwnerOnly))
        || file.write(contents) != contents.size() || !file.commit()) {
        const QString reason = file.errorString();
        file.cancelWriting();
        return reason;
    }
    if (isPrivate && !isOwnerOnly(path)) {
        QFile::remove(path);
        return u"it cannot be made private to its owner"_s;
    }
    return std::nullopt;
}

bool isOwnerOnly(const QString &path)
{
#ifdef Q_OS_UNIX
    const QFileDevice::Permissions permissions = QFile::permissions(path);
    return (permissions & OwnerOnly) == OwnerOnly && !(permissions & GroupOrOther);
#else
    Q_UNUSED(path);
    return true;
#endif
}

bool othersMayAccess(const QString &path)
{
#ifdef Q_OS_UNIX
    return QFile::permissions(path) & GroupOrOther;
#else
    Q_UNUSED(path);
    return false;
#endif
}

bool restrictToOwner(const QString &path)
{
    return QFile::setPermissions(path, OwnerOnly);
}

} // namespace parley::server::ownerfile
