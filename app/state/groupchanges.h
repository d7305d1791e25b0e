// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "types.h"

#include <QStringList>

namespace parley::client::groupchanges {

// Ids of the members in after who were not in before.
QStringList joinedIds(const Chat &before, const Chat &after);

// The timeline lines for what changed in a group between two chat.updated (before null: the
// chat is new to this user), in the viewer's words: "Ana created the group", "You renamed the
// group to “Rocket”", "Ana added Ben", "Ben left", "Cleo is no longer in the group". The
// protocol names no actor; only the admin may rename, add or remove, and a departing admin can
// only have left. Direct chats have none.
QStringList describe(const Chat *before, const Chat &after, const QString &viewerId);

} // namespace parley::client::groupchanges
