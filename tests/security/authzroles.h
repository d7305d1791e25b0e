// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <array>

namespace parley::test::authz {

enum class Role { Unauthenticated, NonMember, Member, Admin, Removed, Revoked };
inline constexpr std::array AllRoles{Role::Unauthenticated, Role::NonMember, Role::Member,
                                     Role::Admin,           Role::Removed,   Role::Revoked};

QString roleName(Role role); // as the rows of the matrix name it

// The answer each role gets, in the order of AllRoles: "ok" or an error code.
using Answers = std::array<const char *, AllRoles.size()>;
inline constexpr auto Ok = "ok";
inline constexpr auto Unauth = "unauthenticated";
inline constexpr auto Forbidden = "forbidden";
inline constexpr auto BadRequest = "bad_request";
inline constexpr auto NotFound = "not_found";
inline constexpr auto Conflict = "conflict";

constexpr Answers everyone(const char *answer)
{
    return {answer, answer, answer, answer, answer, answer};
}
// Any signed-in user gets `answer`; a connection that is not signed in is told to sign in.
constexpr Answers signedIn(const char *answer)
{
    return {Unauth, answer, answer, answer, answer, Unauth};
}
// Members of the chat get `answer`; the non-member and the removed member are refused.
constexpr Answers members(const char *answer)
{
    return {Unauth, Forbidden, answer, answer, Forbidden, Unauth};
}
inline constexpr Answers MembersOk = members(Ok);
inline constexpr Answers AdminOnly{Unauth, Forbidden, Forbidden, Ok, Forbidden, Unauth};
inline constexpr Answers SenderOnly{Unauth, Forbidden, Ok, Ok, Forbidden, Unauth};
inline constexpr Answers Nobody = members(Forbidden);

} // namespace parley::test::authz
