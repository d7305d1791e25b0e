// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace parley::server {

// Invite codes for `--registration invite`: 100 random bits in Crockford's base 32, written as
// five groups of four ("7KQ2-M9XA-4PZR-H3JD-W8NC") and read back forgivingly, since people type
// them: any case, dashes and spaces ignored, O read as 0, I and L as 1. Only hash() is stored.
class InviteCodes
{
public:
    static QString generate();
    // The canonical 20 characters, or an empty string when the text cannot be a code.
    static QString normalized(const QString &code);
    // SHA-256 of the normalized code, as stored; empty when the text cannot be a code.
    static QByteArray hash(const QString &code);
};

} // namespace parley::server
