// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsonobject.h"

#include "histogram.h"
#include "json.h"

#include <cmath>
#include <cstdio>

namespace parley::bench {

JsonObject &JsonObject::number(std::string_view key, double value)
{
    char buffer[64];
    if (!std::isfinite(value))
        value = 0;
    std::snprintf(buffer, sizeof buffer, "%.4f", value);
    std::string text = buffer;
    // Trailing zeros say nothing.
    while (text.size() > 1 && text.back() == '0')
        text.pop_back();
    if (text.back() == '.')
        text.pop_back();
    m_members.emplace_back(std::string(key), text);
    return *this;
}

JsonObject &JsonObject::integer(std::string_view key, std::int64_t value)
{
    m_members.emplace_back(std::string(key), std::to_string(value));
    return *this;
}

JsonObject &JsonObject::text(std::string_view key, std::string_view value)
{
    m_members.emplace_back(std::string(key), json::quote(value));
    return *this;
}

JsonObject &JsonObject::flag(std::string_view key, bool value)
{
    m_members.emplace_back(std::string(key), value ? "true" : "false");
    return *this;
}

JsonObject &JsonObject::object(std::string_view key, const JsonObject &value)
{
    m_members.emplace_back(std::string(key), value.str());
    return *this;
}

JsonObject &JsonObject::array(std::string_view key, const std::vector<JsonObject> &values)
{
    std::string raw = "[";
    for (std::size_t i = 0; i < values.size(); ++i) {
        raw += i == 0 ? "\n" : ",\n";
        raw += values[i].str();
    }
    raw += values.empty() ? "]" : "\n]";
    m_members.emplace_back(std::string(key), raw);
    return *this;
}

JsonObject &JsonObject::latency(std::string_view key, const Histogram &histogram)
{
    JsonObject summary;
    summary.integer("count", std::int64_t(histogram.count()))
        .number("p50", histogram.percentileMs(50))
        .number("p99", histogram.percentileMs(99))
        .number("p999", histogram.percentileMs(99.9))
        .number("max", histogram.maxMs())
        .number("mean", histogram.meanMs());
    return object(key, summary);
}

std::string JsonObject::str() const
{
    // A nested value's lines move two spaces right with each level.
    std::string out = "{";
    for (std::size_t i = 0; i < m_members.size(); ++i) {
        out += i == 0 ? "\n  " : ",\n  ";
        out += json::quote(m_members[i].first) + ": ";
        for (const char c : m_members[i].second) {
            out += c;
            if (c == '\n')
                out += "  ";
        }
    }
    out += m_members.empty() ? "}" : "\n}";
    return out;
}

} // namespace parley::bench
