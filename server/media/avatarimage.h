// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <QString>

namespace parley::server {

// The server's own copy of an avatar: the picture of a data:image/png or data:image/jpeg URI
// (already shaped as checkAvatarDataUri() wants) decoded and encoded again. Only pixels survive,
// so bytes that merely start like an image (a PNG signature followed by HTML, say) are refused,
// and whatever trails a real image, or hides in its metadata, is dropped. libpng and
// libjpeg-turbo decode, not Qt: QtGui would make the server depend on the GUI stack.
class AvatarImage
{
public:
    // Larger pictures are refused before their pixels are decoded.
    static constexpr int MaxSourceSide = 2048;
    // What is stored: at most this many pixels a side (the app sends 256).
    static constexpr int MaxStoredSide = 512;

    // The URI to store, in the format given, or bad_request naming `field`. Blocking: decoding
    // takes milliseconds, so callers run it off the event loop.
    static Result<QString> reencode(const QString &field, const QString &dataUri);
};

} // namespace parley::server
