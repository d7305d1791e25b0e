// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace parley::bench {

class Histogram;

// Builds the JSON of the report: members in the order they are added.
class JsonObject
{
public:
    JsonObject &number(std::string_view key, double value);
    JsonObject &integer(std::string_view key, std::int64_t value);
    JsonObject &text(std::string_view key, std::string_view value);
    JsonObject &flag(std::string_view key, bool value);
    JsonObject &object(std::string_view key, const JsonObject &value);
    JsonObject &array(std::string_view key, const std::vector<JsonObject> &values);
    JsonObject &latency(std::string_view key, const Histogram &histogram); // ms percentiles

    std::string str() const;

private:
    std::vector<std::pair<std::string, std::string>> m_members; // key, raw value
};

} // namespace parley::bench
