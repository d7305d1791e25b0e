// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace parley::client::personname {

// What running text calls a person ("Ana is typing", "Ana: draft…"): the first word of their
// display name, or the whole name when it is one word. Blanks around and between words do not
// count.
QString firstName(const QString &displayName);

} // namespace parley::client::personname
