// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pixels.h"

#include <QByteArray>

#include <optional>

namespace parley::server {

// PNG through libpng's simplified API: decoded to RGBA, and encoded from it.
namespace PngCodec {

// The size from the header alone, before any pixel is decoded; nothing when it is not a PNG.
std::optional<Pixels> header(const QByteArray &png);
// The pixels, when the whole image decodes; nothing otherwise.
std::optional<Pixels> decode(const QByteArray &png);
QByteArray encode(const Pixels &pixels); // empty on failure

} // namespace PngCodec

} // namespace parley::server
