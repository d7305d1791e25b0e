// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "types.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace parley::server {

// Storage of users, sessions, chats and messages. One implementation per database; every
// method is one short transaction (inside a batch: one part of the batch's transaction) and is
// called only from the store's own thread.
// Users returned by the store have online == false: presence lives in memory, not here.
// Chats are returned as seen by a viewer (unreadCount, lastReadSeq are the viewer's).
class Store
{
public:
    virtual ~Store() = default;

    // Opens (creating if needed) the database and runs the pending migrations.
    virtual bool open(QString *error) = 0;
    virtual int schemaVersion() = 0;
    // True when a statement failed since the last call (disk full, read-only, I/O error); clears
    // it. A call that failed returns an empty result that must not be taken as an answer.
    virtual bool takeFailure() = 0;

    // ---- group commit: several short writes share one transaction and one sync to disk.
    // The store thread calls beginBatch(), then for each job beginBatchItem(), the job's calls and
    // endBatchItem(), then commitBatch(). Inside a batch a method's own transaction is only a part
    // of the batch: nothing is durable before commitBatch() returns true.
    // A store that cannot batch keeps these defaults: beginBatch() refuses, so every job runs on
    // its own as outside a batch.
    virtual bool beginBatch() { return false; }
    // Starts a job of the batch; false when it cannot run (the batch already failed).
    virtual bool beginBatchItem() { return false; }
    // Ends the job: `keep` false undoes its changes and only its changes. Returns whether its
    // changes are still part of the batch.
    virtual bool endBatchItem(bool keep) { return keep; }
    // False: the batch's changes are gone, every job of it failed.
    virtual bool commitBatch() { return false; }

    // ---- users
    struct NewUser
    {
        QString name;
        QString email; // as typed; stored as given, unique under normalizedEmail()
        QByteArray passwordHash;
        QString avatarDataUri; // null: none
    };
    // Null when the email is taken: the same under normalizedEmail() (case, look-alike forms).
    virtual std::optional<User> createUser(const NewUser &user, const QDateTime &now) = 0;

    struct Credentials
    {
        QString userId;
        QByteArray passwordHash;
        bool disabled = false;
    };
    // The account of exactly this email in any case, else the one it is under normalizedEmail().
    virtual std::optional<Credentials> credentialsByEmail(const QString &email) = 0;
    virtual std::optional<Credentials> credentialsById(const QString &userId) = 0;

    virtual std::optional<User> user(const QString &userId) = 0;

    struct UserChanges
    {
        std::optional<QString> name;
        std::optional<QString> avatarDataUri; // present and null: remove
        std::optional<QByteArray> passwordHash;
    };
    virtual std::optional<User> updateUser(const QString &userId, const UserChanges &changes) = 0;

    // Case-insensitive substring match on name or email, excluding one user, by name.
    virtual QList<User> searchUsers(const QString &query, const QString &excludeUserId,
                                    int limit) = 0;

    // The data: URI of an avatar id; ids are never reused and stay fetchable.
    virtual std::optional<QString> avatarDataUri(const QString &avatarId) = 0;

    // Ids of the users who share at least one chat with userId (userId excluded).
    virtual QStringList contactsOf(const QString &userId) = 0;

    // ---- sessions and refresh tokens (tokens are stored only as hashes)
    virtual QString createSession(const QString &userId, const QByteArray &refreshHash,
                                  const QString &device, const QDateTime &now,
                                  const QDateTime &refreshExpiresAt) = 0;

    struct Rotation
    {
        enum class Outcome { Rotated, Unknown, Reused, Inactive };
        Outcome outcome = Outcome::Unknown;
        QString userId; // Rotated, Reused
        QString sessionId; // Rotated, Reused (the session has been revoked for Reused)
    };
    // Spends oldHash and stores newHash in its place. A spent token presented again revokes its
    // whole session (Reused). Inactive: the session is revoked or the token expired.
    virtual Rotation rotateRefreshToken(const QByteArray &oldHash, const QByteArray &newHash,
                                        const QDateTime &now, const QDateTime &newExpiresAt) = 0;

    virtual bool sessionActive(const QString &sessionId, const QString &userId) = 0;
    virtual void revokeSession(const QString &sessionId) = 0;
    // Revokes every active session of the user except `keepSessionId` (may be null); returns their
    // ids.
    virtual QStringList revokeSessions(const QString &userId, const QString &keepSessionId) = 0;

    // ---- chats
    // What authorization needs to know of a chat.
    struct ChatInfo
    {
        QString id;
        bool isGroup = false;
        QString adminId; // null for a direct chat
        QStringList memberIds; // in the order they joined
    };
    virtual std::optional<ChatInfo> chatInfo(const QString &chatId) = 0;

    // The one direct chat of the pair, made if missing; `created` tells which.
    // A uniqueness key on the pair makes two impossible.
    virtual Chat directChat(const QString &userId, const QString &otherId, const QDateTime &now,
                            bool *created) = 0;
    virtual Chat createGroup(const QString &adminId, const QString &name,
                             const QStringList &memberIds, const QDateTime &now) = 0;

    virtual std::optional<Chat> chat(const QString &chatId, const QString &viewerId) = 0;
    virtual QList<Chat> chatsOf(const QString &userId) = 0; // most recent lastActivity first

    // These record a chat change for every member (and a removal for the removed user) that sync
    // reports.
    virtual void renameChat(const QString &chatId, const QString &name, const QDateTime &now) = 0;
    virtual void addMember(const QString &chatId, const QString &userId, const QDateTime &now) = 0;
    // Removes a member; when it was the admin, the longest-standing remaining member becomes
    // admin. Returns the new admin id (null when unchanged or nobody is left).
    virtual QString removeMember(const QString &chatId, const QString &userId,
                                 const QDateTime &now) = 0;

    // ---- messages
    struct SendOutcome
    {
        enum class Kind { Stored, Duplicate, ClientIdConflict };
        Kind kind = Kind::Stored;
        Message message; // Stored or Duplicate (the one stored earlier)
    };
    // Allocates the next seq of the chat, stores the message and moves the chat's activity, in
    // one transaction; the same (sender, clientId) returns what was stored before.
    virtual SendOutcome sendMessage(const QString &chatId, const QString &senderId,
                                    const QString &clientId, const QString &content,
                                    const QDateTime &now) = 0;

    virtual std::optional<Message> message(const QString &messageId) = 0;
    virtual Message editMessage(const QString &messageId, const QString &content,
                                const QDateTime &now) = 0;
    virtual Message deleteMessage(const QString &messageId, const QDateTime &now) = 0;

    struct HistoryPage
    {
        QList<Message> messages; // ascending by seq
        bool hasMore = false;
    };
    // Up to `limit` messages with seq < beforeSeq (or the newest when absent).
    virtual HistoryPage history(const QString &chatId, std::optional<qint64> beforeSeq,
                                int limit) = 0;

    // Moves the member's read marker forward only, capped at the chat's last seq; returns it.
    virtual qint64 markRead(const QString &chatId, const QString &userId, qint64 seq) = 0;

    // ---- sync: every change carries a revision from one counter, in commit order.
    struct SyncDelta
    {
        qint64 revision = 0; // the cursor to hand out next
        QList<Message>
            messages; // new, edited, deleted messages of the user's chats, in seq order per chat
        QList<Chat> chats; // chats joined or changed, as the user sees them now
        QStringList removedChatIds;
        bool hasMore = false;
    };
    virtual qint64 currentRevision() = 0;
    virtual SyncDelta changesSince(const QString &userId, qint64 revision, int maxMessages) = 0;

    // ---- administration: what parley-server's subcommands read and change. A store without
    // them (the fuzzers' fake) inherits refusals: no accounts listed, no invite ever valid.
    struct Account
    {
        QString id;
        QString name;
        QString email;
        bool disabled = false;
        QDateTime createdAt;
    };
    virtual QList<Account> accounts() { return {}; } // every user, oldest first
    // A disabled account keeps its data but cannot sign in; false when there is no such user.
    virtual bool setUserDisabled(const QString & /*userId*/, bool /*disabled*/) { return false; }
    // Sessions revoked at or after `since` by any process sharing the database: a running server
    // closes their connections.
    virtual QStringList sessionsRevokedSince(const QDateTime & /*since*/) { return {}; }

    // ---- invite codes, stored only as the SHA-256 of the code
    // False when that hash is already on record or the write failed.
    virtual bool createInvite(const QByteArray & /*codeHash*/, int /*uses*/,
                              const QDateTime & /*expiresAt*/, const QDateTime & /*now*/)
    {
        return false;
    }
    // True when the invite exists, has not expired and has a use left.
    virtual bool inviteUsable(const QByteArray & /*codeHash*/, const QDateTime & /*now*/)
    {
        return false;
    }
    // createUser() that spends one use of the invite in the same transaction; null when the email
    // is taken or the invite is unknown, expired or used up.
    virtual std::optional<User> createInvitedUser(const NewUser & /*user*/,
                                                  const QByteArray & /*inviteHash*/,
                                                  const QDateTime & /*now*/)
    {
        return std::nullopt;
    }
};

} // namespace parley::server
