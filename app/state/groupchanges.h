#pragma once

#include "types.h"

#include <QStringList>

namespace parley::client::groupchanges {

// Ids of the members in after who were not in before.
QStringList joinedIds(const Chat &before, const Chat &after);

} // namespace parley::client::groupchanges
