// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqlscript.h"

namespace parley::server {

namespace {

void appendStatement(QStringList &statements, const QString &text)
{
    const QString statement = text.trimmed();
    if (!statement.isEmpty())
        statements.append(statement);
}

} // namespace

QStringList sqlStatements(const QString &script)
{
    QStringList statements;
    QString current;
    QChar quote; // the open quote character, or null outside quotes
    for (qsizetype i = 0; i < script.size(); ++i) {
        const QChar c = script.at(i);
        if (!quote.isNull()) {
            current.append(c);
            if (c == quote)
                quote = QChar(); // a doubled quote reopens on the next character
            continue;
        }
        if (c == u'\'' || c == u'"') {
            quote = c;
            current.append(c);
        } else if (c == u'-' && i + 1 < script.size() && script.at(i + 1) == u'-') {
            while (i < script.size() && script.at(i) != u'\n')
                ++i;
            current.append(u'\n');
        } else if (c == u';') {
            appendStatement(statements, current);
            current.clear();
        } else {
            current.append(c);
        }
    }
    appendStatement(statements, current);
    return statements;
}

} // namespace parley::server
