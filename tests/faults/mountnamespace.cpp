// SPDX-License-Identifier: GPL-3.0-or-later
#include "mountnamespace.h"

#include <QFile>

#include <cerrno>
#include <cstring>
#include <sched.h>
#include <sys/mount.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace parley::test {

namespace {

QString systemError(const QString &what)
{
    return u"%1: %2"_s.arg(what, QString::fromLocal8Bit(std::strerror(errno)));
}

bool writeFile(const QString &path, const QByteArray &text)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(text) == text.size();
}

} // namespace

QString enterPrivateMountNamespace()
{
    const uid_t uid = ::geteuid();
    const gid_t gid = ::getegid();
    if (uid == 0) {
        if (::unshare(CLONE_NEWNS) != 0)
            return systemError(u"unshare(CLONE_NEWNS) as root"_s);
    } else {
        if (::unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0)
            return systemError(u"unshare(CLONE_NEWUSER | CLONE_NEWNS) (are unprivileged user "
                               "namespaces disabled?)"_s);
        // Root inside maps to the caller outside; setgroups must be denied before gid_map.
        if (!writeFile(u"/proc/self/setgroups"_s, "deny")
            || !writeFile(u"/proc/self/uid_map"_s,
                          QByteArray("0 ") + QByteArray::number(uid) + " 1")
            || !writeFile(u"/proc/self/gid_map"_s,
                          QByteArray("0 ") + QByteArray::number(gid) + " 1"))
            return systemError(u"mapping the user into its namespace"_s);
    }
    // Mounts made here must not propagate back to the host.
    if (::mount("none", "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0)
        return systemError(u"making / private"_s);
    return {};
}

} // namespace parley::test
