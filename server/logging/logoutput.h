// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <optional>

namespace parley::server {

// How the process's log lines look on stderr: Qt's message pattern for people reading a
// terminal or the journal, or one JSON object per line, {time, level, category, message}, for log
// collectors. Either way a line carries what the code logged, which is ids and counts, never
// message content, passwords or tokens.
class LogOutput
{
public:
    enum class Format { Text, Json };

    static std::optional<Format> formatNamed(const QString &name); // "text" or "json"
    static void install(Format format);

    // The JSON line (without its newline) for one message.
    static QByteArray jsonLine(QtMsgType type, const char *category, const QString &message,
                               const QDateTime &time);
};

} // namespace parley::server
