// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace parley::server {

// The key that signs access tokens: made once, kept in a file only its owner can read, so tokens
// stay valid across restarts.
class ServerSecret
{
public:
    static constexpr qsizetype Size = 32;

    // Reads the secret at `path`, creating it (and its directory) on first start. Null on
    // failure, with `error` (when given) naming the file and the reason.
    static std::optional<QByteArray> loadOrCreate(const QString &path, QString *error);

private:
    static std::optional<QByteArray> load(const QString &path, QString *error);
    static std::optional<QByteArray> create(const QString &path, QString *error);
};

} // namespace parley::server
