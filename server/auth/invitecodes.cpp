// SPDX-License-Identifier: GPL-3.0-or-later
#include "invitecodes.h"

#include "securerandom.h"

#include <QCryptographicHash>

using namespace Qt::StringLiterals;

namespace parley::server {

namespace {

constexpr QLatin1StringView Alphabet("0123456789ABCDEFGHJKMNPQRSTVWXYZ"); // Crockford's base 32
constexpr qsizetype CodeLength = 20; // 100 bits
constexpr qsizetype GroupLength = 4;

} // namespace

QString InviteCodes::generate()
{
    // 256 is a multiple of 32, so each byte's low five bits are uniform.
    const QByteArray random = SecureRandom::bytes(CodeLength);
    QString code;
    for (qsizetype i = 0; i < CodeLength; ++i) {
        if (i > 0 && i % GroupLength == 0)
            code.append(u'-');
        code.append(Alphabet.at(quint8(random.at(i)) & 0x1F));
    }
    return code;
}

QString InviteCodes::normalized(const QString &code)
{
    QString canonical;
    for (const QChar c : code.toUpper()) {
        if (c == u'-' || c.isSpace())
            continue;
        const QChar read = c == u'O' ? u'0' : (c == u'I' || c == u'L') ? u'1' : c;
        if (!Alphabet.contains(read))
            return {};
        canonical.append(read);
    }
    return canonical.size() == CodeLength ? canonical : QString();
}

QByteArray InviteCodes::hash(const QString &code)
{
    const QString canonical = normalized(code);
    if (canonical.isEmpty())
        return {};
    return QCryptographicHash::hash(canonical.toLatin1(), QCryptographicHash::Sha256);
}

} // namespace parley::server
