// SPDX-License-Identifier: GPL-3.0-or-later
#include "adminconsole.h"

#include "admincommand.h"

#include <QFile>

#include <cstdio>

namespace parley::server {

namespace {

void write(FILE *stream, const QString &line)
{
    const QByteArray bytes = (line + u'\n').toLocal8Bit();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    std::fflush(stream);
}

} // namespace

void AdminConsole::print(const QString &line)
{
    write(stdout, line);
}

void AdminConsole::note(const QString &line)
{
    write(stderr, line);
}

int AdminConsole::fail(const QString &message)
{
    write(stderr, QStringLiteral("parley-server: %1").arg(message));
    return AdminFailed;
}

int AdminConsole::usage(const QString &command, const QString &message)
{
    write(stderr,
          QStringLiteral("parley-server %1: %2\nTry 'parley-server %1 --help'.")
              .arg(command, message));
    return AdminUsage;
}

std::optional<QString> AdminConsole::readLine()
{
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return std::nullopt;
    const QByteArray line = in.readLine();
    if (line.isEmpty())
        return std::nullopt;
    QString text = QString::fromLocal8Bit(line);
    while (text.endsWith(u'\n') || text.endsWith(u'\r'))
        text.chop(1);
    return text;
}

} // namespace parley::server
