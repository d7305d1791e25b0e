#include "serversecret.h"

#include "securerandom.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace parley::server {

namespace {

Q_LOGGING_CATEGORY(lcSecret, "parley.server.auth.secret")

constexpr QFileDevice::Permissions OwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr QFileDevice::Permissions GroupOrOther = QFileDevice::ReadGroup | QFileDevice::WriteGroup
    | QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::WriteOther
    | QFileDevice::ExeOther;

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

// Only POSIX permissions say who may read a file; on Windows the directory's ACL does that.
bool othersMayRead(const QString &path)
{
#ifdef Q_OS_UNIX
    return QFile::permissions(path) & GroupOrOther;
#else
    Q_UNUSED(path);
    return false;
#endif
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

    if (othersMayRead(path)) {
        qCWarning(lcSecret).noquote() << "the token secret" << native(path)
                                      << "was readable by other users; restricting it to its owner";
        if (!QFile::setPermissions(path, OwnerOnly))
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
    QSaveFile file(path);
    // Restrict the temporary file before any secret byte reaches it.
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(OwnerOnly)
        || file.write(secret) != Size || !file.commit()) {
        const QString reason = file.errorString();
        file.cancelWriting();
        return fail(error, u"cannot write the token secret %1: %2"_s.arg(native(path), reason));
    }
    if (!isOwnerOnly(path)) {
        QFile::remove(path);
        return fail(error,
                    u"cannot make the token secret %1 private to its owner"_s.arg(native(path)));
    }
    qCInfo(lcSecret).noquote() << "created a new token secret in" << native(path);
    return secret;
}

} // namespace parley::server
