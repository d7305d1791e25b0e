// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <QString>

#include <functional>

class QObject;

namespace parley::client::avatarencoder {

// Turns a picture the user chose (a local path, a file: URL, or a data:image URI) into the
// data:image/jpeg (or png) URI that auth.register and user.update take: scaled to at most
// 256×256 and compressed until it fits the protocol's 48 KiB. Slow for large photos: run it off
// the GUI thread.
Result<QString> encode(const QString &source);

// encode() on the thread pool; `done` runs on `context`'s thread, unless `context` is gone by
// then.
void encodeLater(const QString &source, QObject *context,
                 std::function<void(const Result<QString> &)> done);

} // namespace parley::client::avatarencoder
