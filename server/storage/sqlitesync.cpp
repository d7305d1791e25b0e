// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqlitesync.h"

#include "sqlitechats.h"
#include "sqlitedatabase.h"
#include "sqliterows.h"
#include "sqlitetransaction.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace parley::server {

using namespace sqliterows;

SqliteSync::SqliteSync(SqliteDatabase &db, SqliteChats &chats)
    : m_db(db)
    , m_chats(chats)
{ }

Store::SyncDelta SqliteSync::changesSince(const QString &userId, qint64 revision, int maxMessages)
{
    const qint64 user = rowId(userId);
    Store::SyncDelta delta;
    delta.revision = revision;
    // One read transaction: the revision read first bounds everything else, so a change that
    // commits meanwhile is left for the next call instead of being skipped.
    SqliteTransaction snapshot(m_db, SqliteTransaction::Mode::Read);
    const qint64 current = m_db.currentRevision();
    if (!snapshot.isActive() || current < 0 || revision >= current || maxMessages <= 0) {
        delta.revision = std::max(revision, current);
        return delta;
    }

    auto changed = messages(user, revision, current, maxMessages);
    delta.hasMore = changed.size() > maxMessages;
    if (delta.hasMore)
        changed.resize(maxMessages);
    delta.revision = delta.hasMore ? changed.last().first : current;
    if (!addChatChanges(delta, user, revision, delta.revision))
        return {revision, {}, {}, {}, false};

    std::sort(changed.begin(), changed.end(), [](const auto &a, const auto &b) {
        const qint64 chatA = rowId(a.second.chatId);
        const qint64 chatB = rowId(b.second.chatId);
        return chatA != chatB ? chatA < chatB : a.second.seq < b.second.seq;
    });
    delta.messages.reserve(changed.size());
    for (const auto &[rev, message] : changed)
        delta.messages.append(message);
    return delta;
}

QList<std::pair<qint64, Message>> SqliteSync::messages(qint64 userId, qint64 after, qint64 upTo,
                                                       int limit)
{
    static const QString sql = u"SELECT m.rev, "_s + MessageColumns + uR"(
        FROM chat_members cm
        JOIN messages m ON m.chat_id = cm.chat_id
        JOIN users u ON u.id = m.sender_id
        WHERE cm.user_id = ? AND m.rev > ? AND m.rev <= ?
        ORDER BY m.rev LIMIT ?)"_s;
    QList<std::pair<qint64, Message>> found;
    auto query = m_db.query(sql);
    if (!query.bind(userId).bind(after).bind(upTo).bind(qint64(limit) + 1).exec())
        return found;
    while (query.next())
        found.append({query.int64(0), readMessage(query, 1)});
    return found;
}

bool SqliteSync::addChatChanges(Store::SyncDelta &delta, qint64 userId, qint64 after, qint64 upTo)
{
    QList<qint64> memberOf;
    {
        auto query = m_db.query(uR"(SELECT DISTINCT x.chat_id, m.user_id IS NOT NULL
            FROM chat_changes x
            LEFT JOIN chat_members m ON m.chat_id = x.chat_id AND m.user_id = x.user_id
            WHERE x.user_id = ? AND x.rev > ? AND x.rev <= ?
            ORDER BY x.chat_id)"_s);
        if (!query.bind(userId).bind(after).bind(upTo).exec())
            return false;
        while (query.next()) {
            if (query.int64(1) != 0)
                memberOf.append(query.int64(0));
            else
                delta.removedChatIds.append(idText(query.int64(0)));
        }
    }
    delta.chats = m_chats.memberChats(idText(userId), memberOf);
    return delta.chats.size() == memberOf.size();
}

} // namespace parley::server
