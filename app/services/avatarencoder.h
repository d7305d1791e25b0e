// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <QString>

namespace parley::client::avatarencoder {

// Turns a picture the user chose (a local path, a file: URL, or a data:image URI) into the
// data:image/jpeg (or png) URI that auth.register and user.update take: scaled to at most
// 256×256 and compressed until it fits the protocol's 48 KiB. Slow for large photos: run it off
// the GUI thread.
Result<QString> encode(const QString &source);

} // namespace parley::client::avatarencoder
