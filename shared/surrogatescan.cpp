// SPDX-License-Identifier: GPL-3.0-or-later
#include "surrogatescan.h"

#include <optional>

namespace parley {

namespace {

// The UTF-16 unit of the \uXXXX escape whose 'u' is at `at`, or nothing when it is malformed
// (the JSON parser refuses those itself).
std::optional<char16_t> escapedUnit(QByteArrayView json, qsizetype at)
{
    if (at + 4 >= json.size())
        return std::nullopt;
    char16_t unit = 0;
    for (qsizetype i = at + 1; i <= at + 4; ++i) {
        const char c = json[i];
        int digit = 0;
        if (c >= '0' && c <= '9')
            digit = c - '0';
        else if (c >= 'a' && c <= 'f')
            digit = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            digit = c - 'A' + 10;
        else
            return std::nullopt;
        unit = char16_t(unit * 16 + digit);
    }
    return unit;
}

bool isHigh(char16_t unit)
{
    return unit >= 0xd800 && unit <= 0xdbff;
}

bool isLow(char16_t unit)
{
    return unit >= 0xdc00 && unit <= 0xdfff;
}

} // namespace

bool hasLoneSurrogateEscape(QByteArrayView json)
{
    bool inString = false;
    // Set right after a high-surrogate escape: the very next thing must be a low one.
    bool wantLow = false;
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char c = json[i];
        if (!inString) {
            inString = c == '"';
            continue;
        }
        if (c != '\\') {
            if (wantLow)
                return true;
            inString = c != '"';
            continue;
        }
        if (i + 1 >= json.size())
            return wantLow;
        const char kind = json[++i]; // the escaped character
        if (kind != 'u') {
            if (wantLow)
                return true;
            continue;
        }
        const auto unit = escapedUnit(json, i);
        if (!unit)
            return wantLow;
        i += 4;
        if (wantLow) {
            if (!isLow(*unit))
                return true;
            wantLow = false;
        } else if (isLow(*unit)) {
            return true;
        } else {
            wantLow = isHigh(*unit);
        }
    }
    return wantLow;
}

} // namespace parley
