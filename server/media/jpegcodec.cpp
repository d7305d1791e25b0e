// SPDX-License-Identifier: GPL-3.0-or-later
#include "jpegcodec.h"

#include <memory>
#include <turbojpeg.h>

namespace parley::server::JpegCodec {

namespace {

struct HandleDeleter
{
    void operator()(void *handle) const { tjDestroy(handle); }
};
using Handle = std::unique_ptr<void, HandleDeleter>;

const unsigned char *bytesOf(const QByteArray &data)
{
    return reinterpret_cast<const unsigned char *>(data.constData());
}

std::optional<Pixels> readHeader(tjhandle handle, const QByteArray &jpeg)
{
    int width = 0;
    int height = 0;
    int subsampling = 0;
    int colorspace = 0;
    if (tjDecompressHeader3(handle, bytesOf(jpeg), static_cast<unsigned long>(jpeg.size()), &width,
                            &height, &subsampling, &colorspace)
        != 0)
        return std::nullopt;
    return Pixels{width, height, 3, {}};
}

} // namespace

std::optional<Pixels> header(const QByteArray &jpeg)
{
    const Handle handle(tjInitDecompress());
    return handle ? readHeader(handle.get(), jpeg) : std::nullopt;
}

std::optional<Pixels> decode(const QByteArray &jpeg)
{
    const Handle handle(tjInitDecompress());
    if (!handle)
        return std::nullopt;
    std::optional<Pixels> pixels = readHeader(handle.get(), jpeg);
    if (!pixels)
        return std::nullopt;
    pixels->data.resize(qsizetype(pixels->width) * pixels->height * 3);
    // Cameras write streams that libjpeg warns about (extraneous bytes, a missing end marker)
    // and that every viewer shows: a warning is accepted, since only the pixels are kept.
    if (tjDecompress2(handle.get(), bytesOf(jpeg), static_cast<unsigned long>(jpeg.size()),
                      reinterpret_cast<unsigned char *>(pixels->data.data()), pixels->width, 0,
                      pixels->height, TJPF_RGB, 0)
            != 0
        && tjGetErrorCode(handle.get()) != TJERR_WARNING)
        return std::nullopt;
    return pixels;
}

QByteArray encode(const Pixels &pixels, int quality)
{
    if (!pixels.isValid() || pixels.channels != 3)
        return {};
    const Handle handle(tjInitCompress());
    if (!handle)
        return {};
    unsigned char *out = nullptr;
    unsigned long size = 0;
    const int failed = tjCompress2(handle.get(), bytesOf(pixels.data), pixels.width, 0,
                                   pixels.height, TJPF_RGB, &out, &size, TJSAMP_420, quality, 0);
    const QByteArray jpeg =
        failed ? QByteArray() : QByteArray(reinterpret_cast<const char *>(out), qsizetype(size));
    tjFree(out);
    return jpeg;
}

} // namespace parley::server::JpegCodec
