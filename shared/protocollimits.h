// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

namespace parley::limits {

inline constexpr qsizetype FrameBytes = 64 * 1024; // default frame limit
inline constexpr int JsonDepth = 32; // nesting of objects and arrays
inline constexpr qsizetype RequestIdChars = 64;
inline constexpr qsizetype IdChars = 64; // user, chat, message, avatar ids
inline constexpr qsizetype ClientIdChars = 64;
inline constexpr qsizetype NameMinChars = 1;
inline constexpr qsizetype NameMaxChars = 64;
inline constexpr qsizetype EmailMaxChars = 254;
inline constexpr qsizetype PasswordMinBytes = 8;
inline constexpr qsizetype PasswordMaxBytes = 1024;
inline constexpr qsizetype ContentMaxChars = 4000;
inline constexpr qsizetype AvatarMaxBytes = 48 * 1024; // the whole data: URI
inline constexpr qsizetype SearchQueryMaxChars = 254;
inline constexpr int SearchDefaultLimit = 20;
inline constexpr int SearchMaxLimit = 50;
inline constexpr int HistoryDefaultLimit = 50;
inline constexpr int HistoryMaxLimit = 100;
inline constexpr int SyncMaxMessages = 500;
inline constexpr int GroupMinOtherMembers = 2;
inline constexpr qsizetype GroupMaxUserIds = 256; // chat.createGroup userIds
inline constexpr qsizetype SyncCursorMaxChars = 128;
inline constexpr qsizetype DeviceMaxChars = 128;
inline constexpr qsizetype TokenMaxChars = 2048;

} // namespace parley::limits
