// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

// Just enough JSON for a load client: finding members and array elements in a frame without
// building a tree or allocating, so reading a delivery costs a scan of its bytes and no more.
namespace parley::bench::json {

// The raw text of `key`'s value in `object` (a JSON object's text), or an empty view.
std::string_view member(std::string_view object, std::string_view key);

// The raw text of element `index` of `array` (a JSON array's text), or an empty view.
std::string_view element(std::string_view array, int index);

// The decoded text of a raw JSON string value (`"..."`); other values are returned as they are.
std::string text(std::string_view raw);

std::optional<std::int64_t> integer(std::string_view raw); // a number or a string of digits
bool isTrue(std::string_view raw);

// `value` as a quoted JSON string.
std::string quote(std::string_view value);

} // namespace parley::bench::json
