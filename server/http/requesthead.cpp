// SPDX-License-Identifier: GPL-3.0-or-later
#include "requesthead.h"

#include <QList>

namespace parley::server {

namespace {

bool isToken(const QByteArray &text)
{
    if (text.isEmpty())
        return false;
    for (const char c : text) {
        if (!(c >= 'A' && c <= 'Z'))
            return false;
    }
    return true;
}

bool isTarget(const QByteArray &text)
{
    if (!text.startsWith('/'))
        return false;
    for (const char c : text) {
        if (c <= ' ' || c == 0x7f)
            return false;
    }
    return true;
}

} // namespace

std::optional<RequestHead> RequestHead::parse(const QByteArray &head)
{
    const QList<QByteArray> lines = head.split('\n');
    QList<QByteArray> requestLine =
        lines.first().chopped(lines.first().endsWith('\r') ? 1 : 0).split(' ');
    if (requestLine.size() != 3 || !isToken(requestLine.at(0)) || !isTarget(requestLine.at(1))
        || (requestLine.at(2) != "HTTP/1.1" && requestLine.at(2) != "HTTP/1.0"))
        return std::nullopt;
    RequestHead result;
    result.method = requestLine.at(0);
    const QByteArray &target = requestLine.at(1);
    const qsizetype query = target.indexOf('?');
    result.path = query < 0 ? target : target.left(query);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return std::nullopt;
        if (line.left(colon).compare("upgrade", Qt::CaseInsensitive) == 0)
            result.upgrade = true;
    }
    return result;
}

} // namespace parley::server
