// SPDX-License-Identifier: GPL-3.0-or-later
#include "filesync.h"

#include <QFile>
#include <QFileInfo>

#ifdef Q_OS_WIN
#include <io.h>
#else
#include <fcntl.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace parley::server {

namespace {

bool syncHandle(int handle)
{
#ifdef Q_OS_WIN
    return _commit(handle) == 0;
#else
    return ::fsync(handle) == 0;
#endif
}

// A renamed or new file is only durable once its directory is; Windows has no such step.
bool syncDirectoryOf(const QString &path)
{
#ifdef Q_OS_WIN
    Q_UNUSED(path);
    return true;
#else
    const QByteArray directory = QFile::encodeName(QFileInfo(path).absolutePath());
    const int handle = ::open(directory.constData(), O_RDONLY | O_DIRECTORY);
    if (handle < 0)
        return false;
    const bool synced = ::fsync(handle) == 0;
    ::close(handle);
    return synced;
#endif
}

} // namespace

bool FileSync::flush(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadWrite) || !syncHandle(file.handle()) || !syncDirectoryOf(path)) {
        *error = u"cannot flush %1 to disk: %2"_s.arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace parley::server
