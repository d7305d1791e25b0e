// SPDX-License-Identifier: GPL-3.0-or-later
#include "validation.h"

#include "protocollimits.h"

using namespace Qt::StringLiterals;

namespace parley {

namespace {

Error fieldError(const QString &field, const QString &problem)
{
    return Error::about(field, ErrorCode::BadRequest, field + u' ' + problem);
}

std::optional<Error> checkLength(const QString &field, const QString &text, qsizetype min,
                                 qsizetype max)
{
    const qsizetype length = codePointCount(text);
    if (length < min || length > max) {
        if (min == 1 && length == 0)
            return fieldError(field, u"must not be empty"_s);
        return fieldError(field,
                          u"must be "_s + QString::number(min) + u" to "_s + QString::number(max)
                              + u" characters"_s);
    }
    return std::nullopt;
}

// The position of the first UTF-16 unit that is a surrogate without its partner, or -1.
qsizetype loneSurrogateAt(QStringView text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i].isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate())
            ++i;
        else if (text[i].isSurrogate())
            return i;
    }
    return -1;
}

bool isControlCharacter(char16_t c)
{
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029;
}

bool hasWhiteSpace(QStringView text)
{
    for (const QChar c : text) {
        if (c.isSpace())
            return true;
    }
    return false;
}

} // namespace

qsizetype codePointCount(QStringView text)
{
    qsizetype count = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        // A well-formed surrogate pair is one code point; a lone surrogate still counts as one.
        if (text[i].isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate())
            ++i;
        ++count;
    }
    return count;
}

std::optional<Error> checkPlainText(const QString &field, QStringView text)
{
    if (auto error = checkFreeText(field, text))
        return error;
    for (const QChar c : text) {
        if (isControlCharacter(c.unicode()))
            return fieldError(field, u"must not contain control characters"_s);
    }
    return std::nullopt;
}

std::optional<Error> checkFreeText(const QString &field, QStringView text)
{
    if (loneSurrogateAt(text) >= 0)
        return fieldError(field, u"must not contain a lone UTF-16 surrogate"_s);
    return std::nullopt;
}

QString normalizedEmail(const QString &email)
{
    // NFKC_Casefold without its removal of default ignorables: compatibility forms (fullwidth
    // letters, ligatures, mathematical alphabets) become their plain letters, then case is folded,
    // and NFKC again because folding can leave a string that is not in NFKC.
    return email.trimmed()
        .normalized(QString::NormalizationForm_KC)
        .toCaseFolded()
        .normalized(QString::NormalizationForm_KC)
        .trimmed();
}

QString trimmedContent(const QString &content)
{
    return content.trimmed();
}

std::optional<Error> checkName(const QString &field, const QString &name)
{
    if (auto error = checkPlainText(field, name))
        return error;
    return checkLength(field, name.trimmed(), limits::NameMinChars, limits::NameMaxChars);
}

std::optional<Error> checkEmail(const QString &field, const QString &email)
{
    if (email.isEmpty())
        return fieldError(field, u"must not be empty"_s);
    if (auto error = checkPlainText(field, email))
        return error;
    if (codePointCount(email) > limits::EmailMaxChars)
        return fieldError(field,
                          u"must be at most "_s + QString::number(limits::EmailMaxChars)
                              + u" characters"_s);
    if (hasWhiteSpace(email))
        return fieldError(field, u"must not contain white space"_s);
    const qsizetype at = email.indexOf(u'@');
    const QStringView domain = QStringView(email).mid(at + 1);
    const bool wellFormed = at > 0 && !domain.contains(u'@') && domain.contains(u'.')
        && !domain.startsWith(u'.') && !domain.endsWith(u'.');
    if (!wellFormed)
        return fieldError(field,
                          u"must have one @, a non-empty local part and a domain with a dot"_s);
    return std::nullopt;
}

std::optional<Error> checkPassword(const QString &field, const QString &password)
{
    const qsizetype bytes = password.toUtf8().size();
    if (bytes < limits::PasswordMinBytes || bytes > limits::PasswordMaxBytes)
        return fieldError(field,
                          u"must be "_s + QString::number(limits::PasswordMinBytes) + u" to "_s
                              + QString::number(limits::PasswordMaxBytes) + u" bytes"_s);
    return std::nullopt;
}

std::optional<Error> checkContent(const QString &field, const QString &trimmed)
{
    if (auto error = checkFreeText(field, trimmed))
        return error;
    return checkLength(field, trimmed, 1, limits::ContentMaxChars);
}

std::optional<Error> checkId(const QString &field, const QString &id)
{
    if (auto error = checkPlainText(field, id))
        return error;
    return checkLength(field, id, 1, limits::IdChars);
}

std::optional<Error> checkClientId(const QString &field, const QString &clientId)
{
    if (auto error = checkPlainText(field, clientId))
        return error;
    return checkLength(field, clientId, 1, limits::ClientIdChars);
}

std::optional<Error> checkAvatarDataUri(const QString &field, const QString &dataUri)
{
    static constexpr QLatin1StringView pngPrefix("data:image/png;base64,");
    static constexpr QLatin1StringView jpegPrefix("data:image/jpeg;base64,");
    static constexpr QByteArrayView pngSignature("\x89PNG\r\n\x1a\n");
    static constexpr QByteArrayView jpegSignature("\xff\xd8\xff");

    // The URI is ASCII when well formed, so its length in UTF-16 units is its size in bytes.
    if (dataUri.size() > limits::AvatarMaxBytes)
        return fieldError(
            field, u"must be at most "_s + QString::number(limits::AvatarMaxBytes) + u" bytes"_s);
    const bool png = dataUri.startsWith(pngPrefix);
    const bool jpeg = dataUri.startsWith(jpegPrefix);
    if (!png && !jpeg)
        return fieldError(field, u"must be a data:image/png or data:image/jpeg base64 URI"_s);

    const QStringView payload =
        QStringView(dataUri).mid(png ? pngPrefix.size() : jpegPrefix.size());
    const auto decoded =
        QByteArray::fromBase64Encoding(payload.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.isEmpty())
        return fieldError(field, u"must carry valid base64 image data"_s);
    if (!decoded.decoded.startsWith(png ? pngSignature : jpegSignature))
        return fieldError(field, png ? u"is not a PNG image"_s : u"is not a JPEG image"_s);
    return std::nullopt;
}

bool isValidUtf8(QByteArrayView bytes)
{
    const auto *p = reinterpret_cast<const unsigned char *>(bytes.data());
    const qsizetype size = bytes.size();
    qsizetype i = 0;
    while (i < size) {
        const unsigned char lead = p[i];
        if (lead < 0x80) {
            ++i;
            continue;
        }
        int length = 0;
        // The allowed range of the second byte excludes overlongs, surrogates and > U+10FFFF.
        unsigned char low = 0x80;
        unsigned char high = 0xbf;
        if (lead >= 0xc2 && lead <= 0xdf) {
            length = 2;
        } else if (lead >= 0xe0 && lead <= 0xef) {
            length = 3;
            if (lead == 0xe0)
                low = 0xa0;
            else if (lead == 0xed)
                high = 0x9f;
        } else if (lead >= 0xf0 && lead <= 0xf4) {
            length = 4;
            if (lead == 0xf0)
                low = 0x90;
            else if (lead == 0xf4)
                high = 0x8f;
        } else {
            return false;
        }
        if (i + length > size)
            return false;
        if (p[i + 1] < low || p[i + 1] > high)
            return false;
        for (int k = 2; k < length; ++k) {
            if ((p[i + k] & 0xc0) != 0x80)
                return false;
        }
        i += length;
    }
    return true;
}

int jsonNestingDepth(QByteArrayView json)
{
    int depth = 0;
    int deepest = 0;
    bool inString = false;
    bool escaped = false;
    for (const char c : json) {
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        switch (c) {
        case '"':
            inString = true;
            break;
        case '{':
        case '[':
            deepest = std::max(deepest, ++depth);
            break;
        case '}':
        case ']':
            depth = std::max(0, depth - 1);
            break;
        default:
            break;
        }
    }
    return deepest;
}

} // namespace parley
