#include "groupchanges.h"

#include <algorithm>

namespace parley::client::groupchanges {

namespace {

const User *memberOf(const Chat &chat, const QString &userId)
{
    const auto found = std::find_if(chat.members.cbegin(), chat.members.cend(),
                                    [&userId](const User &user) { return user.id == userId; });
    return found == chat.members.cend() ? nullptr : &*found;
}

} // namespace

QStringList joinedIds(const Chat &before, const Chat &after)
{
    QStringList ids;
    for (const User &member : after.members) {
        if (!memberOf(before, member.id))
            ids.append(member.id);
    }
    return ids;
}

} // namespace parley::client::groupchanges
