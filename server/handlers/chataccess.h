// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "error.h"
#include "storage/store.h"

#include <QHash>

#include <optional>

namespace parley::server {

// Rules shared by the handlers, evaluated inside a store job so that the check and the change
// happen with nothing in between.
namespace chataccess {

// not_found when the chat does not exist, forbidden when userId is not a member.
std::optional<Error> requireMember(const std::optional<Store::ChatInfo> &chat,
                                   const QString &userId);
// As requireMember, then bad_request for a direct chat and, when adminOnly, forbidden for a
// non-admin.
std::optional<Error> requireGroup(const std::optional<Store::ChatInfo> &chat, const QString &userId,
                                  bool adminOnly, const QString &action);

// The chat as each of its members sees it, for chat.updated.
QHash<QString, Chat> viewsOf(Store &store, const QString &chatId);

} // namespace chataccess

// The result of a chat change made in a store job.
struct ChatChange
{
    QHash<QString, Chat> views; // every member's view after the change
    QString removedUserId; // for chat.removed
    Chat chatFor(const QString &userId) const { return views.value(userId); }
};

} // namespace parley::server
