// SPDX-License-Identifier: GPL-3.0-or-later
#include "chataccess.h"

namespace parley::server::chataccess {

std::optional<Error> requireMember(const std::optional<Store::ChatInfo> &chat,
                                   const QString &userId)
{
    if (!chat)
        return Error::about(QStringLiteral("chatId"), ErrorCode::NotFound,
                            QStringLiteral("chatId: no such chat"));
    if (!chat->memberIds.contains(userId))
        return Error::make(ErrorCode::Forbidden, QStringLiteral("not a member of this chat"));
    return std::nullopt;
}

std::optional<Error> requireGroup(const std::optional<Store::ChatInfo> &chat, const QString &userId,
                                  bool adminOnly, const QString &action)
{
    if (auto error = requireMember(chat, userId))
        return error;
    if (!chat->isGroup)
        return Error::about(QStringLiteral("chatId"), ErrorCode::BadRequest,
                            QStringLiteral("chatId: a direct chat cannot be %1").arg(action));
    if (adminOnly && chat->adminId != userId)
        return Error::make(ErrorCode::Forbidden,
                           QStringLiteral("only the group's admin may do that"));
    return std::nullopt;
}

QHash<QString, Chat> viewsOf(Store &store, const QString &chatId)
{
    QHash<QString, Chat> views;
    const auto info = store.chatInfo(chatId);
    if (!info)
        return views;
    for (const QString &member : info->memberIds) {
        if (auto chat = store.chat(chatId, member))
            views.insert(member, *chat);
    }
    return views;
}

} // namespace parley::server::chataccess
