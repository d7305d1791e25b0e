// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pixels.h"

#include <QByteArray>

#include <optional>

namespace parley::server {

// JPEG through libjpeg-turbo's TurboJPEG API: decoded to RGB, and encoded from it.
namespace JpegCodec {

// The size from the header alone, before any pixel is decoded; nothing when it is not a JPEG.
std::optional<Pixels> header(const QByteArray &jpeg);
// The pixels, when the image decodes (libjpeg's warnings allowed); nothing otherwise.
std::optional<Pixels> decode(const QByteArray &jpeg);
QByteArray encode(const Pixels &pixels, int quality); // empty on failure

} // namespace JpegCodec

} // namespace parley::server
