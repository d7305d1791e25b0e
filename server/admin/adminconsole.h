// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>

namespace parley::server {

// The terminal an admin command talks to: its results on stdout, problems and notes on stderr,
// and a secret (a password) read from stdin, so that it never shows up in `ps` or shell history.
class AdminConsole
{
public:
    void print(const QString &line); // stdout
    void note(const QString &line); // stderr
    // Reports a failure on stderr ("parley-server: …") and returns AdminFailed.
    int fail(const QString &message);
    // Reports wrong usage of `command` and returns AdminUsage.
    int usage(const QString &command, const QString &message);
    // The first line of stdin without its line end; nullopt when stdin is closed or empty.
    std::optional<QString> readLine();
};

} // namespace parley::server
