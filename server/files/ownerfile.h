// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

// Files that hold secrets (the token secret, the TLS key) and the files beside them, written
// one way: through a temporary file, so a crash never leaves half of one, and a private one is
// restricted to its owner before any byte of it is written.
namespace parley::server::ownerfile {

enum class Access {
    OwnerOnly, // read and written by the server's own user only
    Shared, // readable as the umask allows (a certificate)
};

// Writes `contents` to `path`; the reason when it could not, with nothing left at `path`.
std::optional<QString> write(const QString &path, const QByteArray &contents, Access access);

// True when nobody but the owner may read or write `path`. Only POSIX permissions say so; on
// Windows the data directory's ACL decides, and this is always true.
bool isOwnerOnly(const QString &path);
// True when group or others may read, write or run `path` (never on Windows, as above).
bool othersMayAccess(const QString &path);
// Takes group's and others' access away; false when the permissions could not be changed.
bool restrictToOwner(const QString &path);

} // namespace parley::server::ownerfile
