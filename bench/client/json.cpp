// SPDX-License-Identifier: GPL-3.0-or-later
#include "json.h"

#include <charconv>

namespace parley::bench::json {

namespace {

constexpr auto npos = std::string_view::npos;

bool isSpace(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

std::size_t skipSpace(std::string_view s, std::size_t i)
{
    while (i < s.size() && isSpace(s[i]))
        ++i;
    return i;
}

// s[i] is the opening quote; returns the index after the closing one.
std::size_t skipString(std::string_view s, std::size_t i)
{
    for (++i; i < s.size(); ++i) {
        if (s[i] == '\\')
            ++i;
        else if (s[i] == '"')
            return i + 1;
    }
    return npos;
}

// s[i] starts a value; returns the index after it.
std::size_t skipValue(std::string_view s, std::size_t i)
{
    if (i >= s.size())
        return npos;
    if (s[i] == '"')
        return skipString(s, i);
    if (s[i] == '{' || s[i] == '[') {
        int depth = 0;
        while (i < s.size()) {
            const char c = s[i];
            if (c == '"') {
                i = skipString(s, i);
                if (i == npos)
                    return npos;
                continue;
            }
            if (c == '{' || c == '[')
                ++depth;
            else if ((c == '}' || c == ']') && --depth == 0)
                return i + 1;
            ++i;
        }
        return npos;
    }
    while (i < s.size() && s[i] != ',' && s[i] != '}' && s[i] != ']' && !isSpace(s[i]))
        ++i;
    return i;
}

void appendUtf8(std::string &out, unsigned codePoint)
{
    if (codePoint < 0x80) {
        out += char(codePoint);
    } else if (codePoint < 0x800) {
        out += char(0xC0 | (codePoint >> 6));
        out += char(0x80 | (codePoint & 0x3F));
    } else if (codePoint < 0x10000) {
        out += char(0xE0 | (codePoint >> 12));
        out += char(0x80 | ((codePoint >> 6) & 0x3F));
        out += char(0x80 | (codePoint & 0x3F));
    } else {
        out += char(0xF0 | (codePoint >> 18));
        out += char(0x80 | ((codePoint >> 12) & 0x3F));
        out += char(0x80 | ((codePoint >> 6) & 0x3F));
        out += char(0x80 | (codePoint & 0x3F));
    }
}

} // namespace

std::string_view member(std::string_view object, std::string_view key)
{
    std::size_t i = skipSpace(object, 0);
    if (i >= object.size() || object[i] != '{')
        return {};
    ++i;
    while (true) {
        i = skipSpace(object, i);
        if (i >= object.size() || object[i] != '"')
            return {};
        const std::size_t keyEnd = skipString(object, i);
        if (keyEnd == npos)
            return {};
        const std::string_view name = object.substr(i + 1, keyEnd - i - 2);
        i = skipSpace(object, keyEnd);
        if (i >= object.size() || object[i] != ':')
            return {};
        i = skipSpace(object, i + 1);
        const std::size_t valueEnd = skipValue(object, i);
        if (valueEnd == npos)
            return {};
        if (name == key)
            return object.substr(i, valueEnd - i);
        i = skipSpace(object, valueEnd);
        if (i < object.size() && object[i] == ',')
            ++i;
    }
}

std::string_view element(std::string_view array, int index)
{
    std::size_t i = skipSpace(array, 0);
    if (i >= array.size() || array[i] != '[')
        return {};
    ++i;
    for (int n = 0;; ++n) {
        i = skipSpace(array, i);
        if (i >= array.size() || array[i] == ']')
            return {};
        const std::size_t end = skipValue(array, i);
        if (end == npos)
            return {};
        if (n == index)
            return array.substr(i, end - i);
        i = skipSpace(array, end);
        if (i < array.size() && array[i] == ',')
            ++i;
    }
}

std::string text(std::string_view raw)
{
    if (raw.size() < 2 || raw.front() != '"')
        return std::string(raw);
    const std::string_view body = raw.substr(1, raw.size() - 2);
    std::string out;
    out.reserve(body.size());
    for (std::size_t i = 0; i < body.size(); ++i) {
        if (body[i] != '\\' || i + 1 >= body.size()) {
            out += body[i];
            continue;
        }
        const char escaped = body[++i];
        switch (escaped) {
        case 'n':
            out += '\n';
            break;
        case 't':
            out += '\t';
            break;
        case 'r':
            out += '\r';
            break;
        case 'b':
            out += '\b';
            break;
        case 'f':
            out += '\f';
            break;
        case 'u':
            if (i + 4 < body.size()) {
                unsigned codePoint = 0;
                std::from_chars(body.data() + i + 1, body.data() + i + 5, codePoint, 16);
                appendUtf8(out, codePoint);
                i += 4;
            }
            break;
        default:
            out += escaped;
            break;
        }
    }
    return out;
}

std::optional<std::int64_t> integer(std::string_view raw)
{
    if (!raw.empty() && raw.front() == '"')
        raw = raw.substr(1, raw.size() >= 2 ? raw.size() - 2 : 0);
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(raw.data(), raw.data() + raw.size(), value);
    if (error != std::errc() || end == raw.data())
        return std::nullopt;
    return value;
}

bool isTrue(std::string_view raw)
{
    return raw == "true";
}

std::string quote(std::string_view value)
{
    static constexpr char Hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(value.size() + 2);
    out += '"';
    for (const char c : value) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                out += "\\u00";
                out += Hex[(c >> 4) & 0xF];
                out += Hex[c & 0xF];
            } else {
                out += c;
            }
        }
    }
    out += '"';
    return out;
}

} // namespace parley::bench::json
