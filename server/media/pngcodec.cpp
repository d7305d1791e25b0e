// SPDX-License-Identifier: GPL-3.0-or-later
#include "pngcodec.h"

#include <png.h>

namespace parley::server::PngCodec {

namespace {

// Reads the header into `image`; the caller frees it with png_image_free.
bool begin(png_image &image, const QByteArray &png)
{
    image = {};
    image.version = PNG_IMAGE_VERSION;
    return png_image_begin_read_from_memory(&image, png.constData(), size_t(png.size())) != 0;
}

} // namespace

std::optional<Pixels> header(const QByteArray &png)
{
    png_image image;
    const bool ok = begin(image, png);
    Pixels pixels{int(image.width), int(image.height), 4, {}};
    png_image_free(&image);
    if (!ok)
        return std::nullopt;
    return pixels;
}

std::optional<Pixels> decode(const QByteArray &png)
{
    png_image image;
    if (!begin(image, png)) {
        png_image_free(&image);
        return std::nullopt;
    }
    image.format = PNG_FORMAT_RGBA;
    Pixels pixels{int(image.width), int(image.height), 4, {}};
    pixels.data.resize(qsizetype(PNG_IMAGE_SIZE(image)));
    // Reads up to IEND and checks every chunk's CRC and the compressed data; frees on failure.
    if (!png_image_finish_read(&image, nullptr, pixels.data.data(), 0, nullptr))
        return std::nullopt;
    return pixels;
}

QByteArray encode(const Pixels &pixels)
{
    if (!pixels.isValid() || pixels.channels != 4)
        return {};
    png_image image{};
    image.version = PNG_IMAGE_VERSION;
    image.width = png_uint_32(pixels.width);
    image.height = png_uint_32(pixels.height);
    image.format = PNG_FORMAT_RGBA;
    png_alloc_size_t size = 0;
    if (!png_image_write_to_memory(&image, nullptr, &size, 0, pixels.data.constData(), 0, nullptr))
        return {};
    QByteArray png(qsizetype(size), Qt::Uninitialized);
    if (!png_image_write_to_memory(&image, png.data(), &size, 0, pixels.data.constData(), 0,
                                   nullptr))
        return {};
    png.resize(qsizetype(size));
    return png;
}

} // namespace parley::server::PngCodec
