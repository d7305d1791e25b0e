// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store.h"

namespace parley::server {

class SqliteChats;
class SqliteDatabase;

// What a user missed since a revision: changed messages of its current chats, a page at a time
// in revision order, and the chats it joined, saw change or left up to the same revision.
class SqliteSync
{
public:
    SqliteSync(SqliteDatabase &db, SqliteChats &chats);

    Store::SyncDelta changesSince(const QString &userId, qint64 revision, int maxMessages);

private:
    // Messages with after < rev <= upTo in revision order, at most limit + 1 of them, each with
    // its revision.
    QList<std::pair<qint64, Message>> messages(qint64 userId, qint64 after, qint64 upTo, int limit);
    bool addChatChanges(Store::SyncDelta &delta, qint64 userId, qint64 after, qint64 upTo);

    SqliteDatabase &m_db;
    SqliteChats &m_chats;
};

} // namespace parley::server
