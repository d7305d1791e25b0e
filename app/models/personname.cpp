// SPDX-License-Identifier: GPL-3.0-or-later
#include "personname.h"

#include <algorithm>

namespace parley::client::personname {

QString firstName(const QString &displayName)
{
    const QString name = displayName.trimmed();
    const auto blank =
        std::find_if(name.cbegin(), name.cend(), [](QChar c) { return c.isSpace(); });
    return name.first(blank - name.cbegin());
}

} // namespace parley::client::personname
