// SPDX-License-Identifier: GPL-3.0-or-later
#include "tmpfsmount.h"

#include <QByteArray>
#include <QFile>
#include <QStorageInfo>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mount.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace parley::test {

TmpfsMount::TmpfsMount(QString path, qint64 bytes)
    : m_path(std::move(path))
    , m_bytes(bytes)
{ }

TmpfsMount::~TmpfsMount()
{
    // Lazily: the server under test may still hold its files open.
    if (m_mounted)
        ::umount2(QFile::encodeName(m_path).constData(), MNT_DETACH);
}

bool TmpfsMount::mount(QString *error)
{
    const QByteArray options = "size=" + QByteArray::number(m_bytes) + ",mode=0700";
    if (::mount("parley-faults", QFile::encodeName(m_path).constData(), "tmpfs",
                MS_NOSUID | MS_NODEV, options.constData())
        != 0) {
        *error = u"mount -t tmpfs -o %1 on %2: %3"_s.arg(
            QString::fromLatin1(options), m_path, QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    m_mounted = true;
    return true;
}

qint64 TmpfsMount::fill(const QString &fileName) const
{
    const int fd = ::open(QFile::encodeName(m_path + u'/' + fileName).constData(),
                          O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return 0;
    qint64 written = 0;
    // Big blocks first, then single pages (tmpfs allocates pages); each size ends at ENOSPC.
    for (const qsizetype block : {qsizetype(1) << 20, qsizetype(4096)}) {
        const QByteArray bytes(block, 'x');
        for (qint64 round = 0; round <= m_bytes / block; ++round) {
            const ssize_t n = ::write(fd, bytes.constData(), size_t(block));
            if (n <= 0)
                break;
            written += n;
        }
    }
    ::close(fd);
    return written;
}

qint64 TmpfsMount::freeBytes() const
{
    return QStorageInfo(m_path).bytesFree();
}

} // namespace parley::test
