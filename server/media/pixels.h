// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

namespace parley::server {

// A decoded picture: rows of `channels` bytes a pixel (3: RGB, 4: RGBA), no padding.
struct Pixels
{
    int width = 0;
    int height = 0;
    int channels = 4;
    QByteArray data;

    bool isValid() const
    {
        return width > 0 && height > 0 && data.size() == qsizetype(width) * height * channels;
    }
    // Area-averaged down to at most maxSide a side, the aspect kept; as is when it fits.
    Pixels fittedInto(int maxSide) const;
};

} // namespace parley::server
