// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace parley::test {

// A small tmpfs mounted on a directory for as long as this object lives: a disk that a test
// can fill up and empty again while a server writes to it.
class TmpfsMount
{
public:
    TmpfsMount(QString path, qint64 bytes);
    ~TmpfsMount();
    TmpfsMount(const TmpfsMount &) = delete;
    TmpfsMount &operator=(const TmpfsMount &) = delete;

    // False with the reason (e.g. "mount: Operation not permitted").
    [[nodiscard]] bool mount(QString *error);
    QString path() const { return m_path; }

    // Writes fileName until the file system has no space left; returns the bytes written.
    qint64 fill(const QString &fileName) const;
    qint64 freeBytes() const;

private:
    QString m_path;
    qint64 m_bytes;
    bool m_mounted = false;
};

} // namespace parley::test
