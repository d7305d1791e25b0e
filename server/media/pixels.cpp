// SPDX-License-Identifier: GPL-3.0-or-later
#include "pixels.h"

#include <algorithm>
#include <vector>

namespace parley::server {

Pixels Pixels::fittedInto(int maxSide) const
{
    if (width <= maxSide && height <= maxSide)
        return *this;
    const double scale = double(maxSide) / std::max(width, height);
    Pixels out;
    out.width = std::max(1, int(width * scale));
    out.height = std::max(1, int(height * scale));
    out.channels = channels;
    out.data.resize(qsizetype(out.width) * out.height * channels);
    const auto *src = reinterpret_cast<const unsigned char *>(data.constData());
    auto *dst = reinterpret_cast<unsigned char *>(out.data.data());
    std::vector<unsigned> sums(static_cast<size_t>(channels));
    // Each target pixel averages the source pixels its area covers (a box filter): no aliasing
    // when shrinking, which is all that is done here.
    for (int y = 0; y < out.height; ++y) {
        const int y0 = int(qint64(y) * height / out.height);
        const int y1 = std::max(y0 + 1, int(qint64(y + 1) * height / out.height));
        for (int x = 0; x < out.width; ++x) {
            const int x0 = int(qint64(x) * width / out.width);
            const int x1 = std::max(x0 + 1, int(qint64(x + 1) * width / out.width));
            std::fill(sums.begin(), sums.end(), 0u);
            for (int sy = y0; sy < y1; ++sy) {
                const unsigned char *row = src + (qint64(sy) * width + x0) * channels;
                for (int sx = x0; sx < x1; ++sx, row += channels) {
                    for (int c = 0; c < channels; ++c)
                        sums[size_t(c)] += row[c];
                }
            }
            const unsigned count = unsigned((y1 - y0) * (x1 - x0));
            unsigned char *pixel = dst + (qint64(y) * out.width + x) * channels;
            for (int c = 0; c < channels; ++c)
                pixel[c] = static_cast<unsigned char>((sums[size_t(c)] + count / 2) / count);
        }
    }
    return out;
}

} // namespace parley::server
