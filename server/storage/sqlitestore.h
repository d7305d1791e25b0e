// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sqlitechats.h"
#include "sqlitedatabase.h"
#include "sqliteinvites.h"
#include "sqlitemessages.h"
#include "sqlitesessions.h"
#include "sqlitesync.h"
#include "sqlitetransaction.h"
#include "sqliteusers.h"
#include "store.h"

#include <optional>

namespace parley::server {

// The Store on an SQLite file: Parley's embedded default. Construct it with the file's path, then
// call open() on the thread that will use it; every call after that must come from that thread.
// A database failure is logged and answered with an empty or null result.
class SqliteStore final : public Store
{
public:
    explicit SqliteStore(QString path, StoreObserver observer = {});
    ~SqliteStore() override;
    SqliteStore(const SqliteStore &) = delete;
    SqliteStore &operator=(const SqliteStore &) = delete;

    QString path() const { return m_path; }
    // The SQL of every statement this store has prepared so far (for query plan tests).
    QStringList preparedStatements() const;

    bool open(QString *error) override;
    bool takeFailure() override { return m_db.takeFailure(); }
    int schemaVersion() override;

    bool beginBatch() override;
    bool beginBatchItem() override;
    bool endBatchItem(bool keep) override;
    bool commitBatch() override;

    std::optional<User> createUser(const NewUser &user, const QDateTime &now) override;
    std::optional<Credentials> credentialsByEmail(const QString &email) override;
    std::optional<Credentials> credentialsById(const QString &userId) override;
    std::optional<User> user(const QString &userId) override;
    std::optional<User> updateUser(const QString &userId, const UserChanges &changes) override;
    QList<User> searchUsers(const QString &query, const QString &excludeUserId, int limit) override;
    std::optional<QString> avatarDataUri(const QString &avatarId) override;
    QStringList contactsOf(const QString &userId) override;

    QString createSession(const QString &userId, const QByteArray &refreshHash,
                          const QString &device, const QDateTime &now,
                          const QDateTime &refreshExpiresAt) override;
    Rotation rotateRefreshToken(const QByteArray &oldHash, const QByteArray &newHash,
                                const QDateTime &now, const QDateTime &newExpiresAt) override;
    bool sessionActive(const QString &sessionId, const QString &userId) override;
    void revokeSession(const QString &sessionId) override;
    QStringList revokeSessions(const QString &userId, const QString &keepSessionId) override;

    std::optional<ChatInfo> chatInfo(const QString &chatId) override;
    Chat directChat(const QString &userId, const QString &otherId, const QDateTime &now,
                    bool *created) override;
    Chat createGroup(const QString &adminId, const QString &name, const QStringList &memberIds,
                     const QDateTime &now) override;
    std::optional<Chat> chat(const QString &chatId, const QString &viewerId) override;
    QList<Chat> chatsOf(const QString &userId) override;
    void renameChat(const QString &chatId, const QString &name, const QDateTime &now) override;
    void addMember(const QString &chatId, const QString &userId, const QDateTime &now) override;
    QString removeMember(const QString &chatId, const QString &userId,
                         const QDateTime &now) override;

    SendOutcome sendMessage(const QString &chatId, const QString &senderId, const QString &clientId,
                            const QString &content, const QDateTime &now) override;
    std::optional<Message> message(const QString &messageId) override;
    Message editMessage(const QString &messageId, const QString &content,
                        const QDateTime &now) override;
    Message deleteMessage(const QString &messageId, const QDateTime &now) override;
    HistoryPage history(const QString &chatId, std::optional<qint64> beforeSeq, int limit) override;
    qint64 markRead(const QString &chatId, const QString &userId, qint64 seq) override;

    qint64 currentRevision() override;
    SyncDelta changesSince(const QString &userId, qint64 revision, int maxMessages) override;

    QList<Account> accounts() override;
    bool setUserDisabled(const QString &userId, bool disabled) override;
    QStringList sessionsRevokedSince(const QDateTime &since) override;
    bool createInvite(const QByteArray &codeHash, int uses, const QDateTime &expiresAt,
                      const QDateTime &now) override;
    bool inviteUsable(const QByteArray &codeHash, const QDateTime &now) override;
    std::optional<User> createInvitedUser(const NewUser &user, const QByteArray &inviteHash,
                                          const QDateTime &now) override;

private:
    QString m_path;
    SqliteDatabase m_db;
    SqliteInvites m_invites{m_db};
    SqliteUsers m_users{m_db, m_invites};
    SqliteSessions m_sessions{m_db};
    SqliteChats m_chats{m_db};
    SqliteMessages m_messages{m_db};
    SqliteSync m_sync{m_db, m_chats};
    std::optional<SqliteTransaction> m_batchItem; // the running job's savepoint in a batch
};

} // namespace parley::server
