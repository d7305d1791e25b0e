// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "error.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace parley {

// The field rules of docs/protocol.md. Each check returns the error naming `field`, or nothing.

qsizetype codePointCount(QStringView text);
// The form under which emails are compared and unique: trimmed, NFKC, case folded, NFKC again.
// Every comparison of emails goes through it; the email itself is shown as it was entered.
QString normalizedEmail(const QString &email);
QString trimmedContent(const QString &content); // leading and trailing white space removed

// Text that is one line of characters: no C0 or C1 control character (NUL included), no DEL,
// no line or paragraph separator (U+2028, U+2029), no lone UTF-16 surrogate. Every single-line
// field goes through it, because SQLite reads a LIKE pattern only up to its first NUL.
std::optional<Error> checkPlainText(const QString &field, QStringView text);
// Free text (message content) may hold any character but a lone UTF-16 surrogate.
std::optional<Error> checkFreeText(const QString &field, QStringView text);

std::optional<Error> checkName(const QString &field, const QString &name);
std::optional<Error> checkEmail(const QString &field, const QString &email);
std::optional<Error> checkPassword(const QString &field, const QString &password);
std::optional<Error> checkContent(const QString &field, const QString &trimmed);
std::optional<Error> checkId(const QString &field, const QString &id);
std::optional<Error> checkClientId(const QString &field, const QString &clientId);
// A data:image/png or data:image/jpeg base64 URI of at most 48 KiB whose bytes are that image type.
std::optional<Error> checkAvatarDataUri(const QString &field, const QString &dataUri);

// True when bytes are well-formed UTF-8 (no overlongs, surrogates or truncated sequences).
bool isValidUtf8(QByteArrayView bytes);
// The deepest nesting of objects and arrays in JSON text, found without parsing it; strings are
// skipped.
int jsonNestingDepth(QByteArrayView json);

} // namespace parley
