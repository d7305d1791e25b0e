// SPDX-License-Identifier: GPL-3.0-or-later
#include "authzroles.h"

using namespace Qt::StringLiterals;

namespace parley::test::authz {

QString roleName(Role role)
{
    switch (role) {
    case Role::Unauthenticated:
        return u"unauthenticated"_s;
    case Role::NonMember:
        return u"non-member"_s;
    case Role::Member:
        return u"member"_s;
    case Role::Admin:
        return u"admin"_s;
    case Role::Removed:
        return u"removed member"_s;
    case Role::Revoked:
        break;
    }
    return u"revoked sessions"_s;
}

} // namespace parley::test::authz
