// SPDX-License-Identifier: GPL-3.0-or-later
#include "groupchanges.h"

#include <QCoreApplication>

#include <algorithm>

namespace parley::client::groupchanges {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("GroupChanges", text);
}

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

QStringList describe(const Chat *before, const Chat &after, const QString &viewerId)
{
    if (!after.isGroup)
        return {};
    const User *admin = memberOf(after, after.adminId);
    const bool viewerIsAdmin = after.adminId == viewerId;
    const QString adminName = admin ? admin->name : tr("The admin");
    const auto nameOf = [&viewerId](const User &user) {
        return user.id == viewerId ? tr("you") : user.name;
    };
    QStringList lines;
    if (!before) {
        if (!after.latestMessage)
            lines.append(viewerIsAdmin ? tr("You created the group")
                                       : tr("%1 created the group").arg(adminName));
        return lines;
    }
    if (before->name != after.name) {
        lines.append(viewerIsAdmin ? tr("You renamed the group to “%1”").arg(after.name)
                                   : tr("%1 renamed the group to “%2”").arg(adminName, after.name));
    }
    for (const QString &id : joinedIds(*before, after)) {
        const User &added = *memberOf(after, id);
        lines.append(viewerIsAdmin ? tr("You added %1").arg(nameOf(added))
                                   : tr("%1 added %2").arg(adminName, nameOf(added)));
    }
    for (const QString &id : joinedIds(after, *before)) {
        const User &gone = *memberOf(*before, id);
        if (id == before->adminId)
            lines.append(tr("%1 left the group").arg(gone.name));
        else
            lines.append(tr("%1 is no longer in the group").arg(gone.name));
    }
    if (before->adminId != after.adminId && admin) {
        lines.append(viewerIsAdmin ? tr("You are now the admin")
                                   : tr("%1 is now the admin").arg(adminName));
    }
    return lines;
}

} // namespace parley::client::groupchanges
