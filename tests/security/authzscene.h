// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "authzroles.h"
#include "testclient.h"

#include <QJsonObject>
#include <QString>

#include <map>

namespace parley::test::authz {

// The people of the test. Each role but "unauthenticated" is one of them.
struct Cast
{
    Account alice; // admin of every scene group
    Account bob; // member
    Account carol; // another member
    Account dave; // removed from every scene group after sending a message there
    Account eve; // never a member
    Account frank; // a member whose sessions were all revoked
    Account grace; // nobody's contact: the target of adds and direct chats
};

// A group as each role relates to it, with a message of each sender, and the direct chat of the
// admin and the member.
struct Scene
{
    QString groupId;
    std::map<Role, QString> ownMessage; // in the group; the removed member's predates its removal
    QString directId;
    QString adminDirectMessage;
    QString memberDirectMessage;
};

// What a row's request data is built from.
struct Context
{
    Role role;
    const Scene &scene;
    const Cast &cast;
    const Account &self; // the role's user (revoked: as it was before); empty when unauthenticated
    const Account &session; // what the connection used signed in with; empty when it is not
    QString avatarId;

    QString selfIdOr(const Account &fallback) const
    {
        return self.isValid() ? self.id : fallback.id;
    }
    QString ownMessage() const
    {
        const auto it = scene.ownMessage.find(role);
        return it != scene.ownMessage.end() ? it->second : scene.ownMessage.at(Role::Member);
    }
    QString othersMessage() const
    {
        return scene.ownMessage.at(role == Role::Member ? Role::Admin : Role::Member);
    }
    QString othersDirectMessage() const
    {
        return role == Role::Member ? scene.adminDirectMessage : scene.memberDirectMessage;
    }
};

// The id of a message as the server answered or sent it.
inline QString messageIdOf(const QJsonObject &message)
{
    using namespace Qt::StringLiterals;
    return message.value("id"_L1).toString();
}

} // namespace parley::test::authz
