// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>

namespace parley {

// True when a JSON text holds, inside a string, a \uD800–\uDBFF escape not directly followed by
// a \uDC00–\uDFFF escape, or a \uDC00–\uDFFF escape not directly preceded by such a high one.
// QJsonDocument does not refuse such a lone surrogate: it merges it with the next character
// ("A\ud800B" became U+10042) or drops what follows, so the frame decoder refuses the frame
// before parsing. Only string escapes are looked at; the text need not be valid JSON.
bool hasLoneSurrogateEscape(QByteArrayView json);

} // namespace parley
