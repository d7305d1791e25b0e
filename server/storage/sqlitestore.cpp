// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqlitestore.h"

#include "sqliteschema.h"
#include "storagelog.h"

namespace parley::server {

SqliteStore::SqliteStore(QString path, StoreObserver observer)
    : m_path(std::move(path))
{
    m_db.setObserver(std::move(observer));
}

SqliteStore::~SqliteStore() = default;

QStringList SqliteStore::preparedStatements() const
{
    return m_db.preparedStatements();
}

bool SqliteStore::open(QString *error)
{
    QString reason;
    if (!m_db.open(m_path, &reason) || !SqliteSchema::upgrade(m_db.connection(), &reason)) {
        qCWarning(lcStorage).noquote() << "cannot open the database" << m_path << ":" << reason;
        if (error)
            *error = reason;
        return false;
    }
    qCDebug(lcStorage) << "database" << m_path << "open at schema version" << schemaVersion();
    return true;
}

int SqliteStore::schemaVersion()
{
    return SqliteSchema::version(m_db.connection());
}

bool SqliteStore::beginBatch()
{
    return m_db.beginBatch();
}

bool SqliteStore::beginBatchItem()
{
    m_batchItem.emplace(m_db);
    if (m_batchItem->isActive())
        return true;
    m_batchItem.reset();
    return false;
}

bool SqliteStore::endBatchItem(bool keep)
{
    if (!m_batchItem)
        return false;
    const bool kept = keep && m_batchItem->commit();
    m_batchItem.reset(); // rolls the job back unless it was kept
    return kept;
}

bool SqliteStore::commitBatch()
{
    m_batchItem.reset();
    return m_db.commitBatch();
}

std::optional<User> SqliteStore::createUser(const NewUser &user, const QDateTime &now)
{
    return m_users.create(user, now);
}

std::optional<Store::Credentials> SqliteStore::credentialsByEmail(const QString &email)
{
    return m_users.credentialsByEmail(email);
}

std::optional<Store::Credentials> SqliteStore::credentialsById(const QString &userId)
{
    return m_users.credentialsById(userId);
}

std::optional<User> SqliteStore::user(const QString &userId)
{
    return m_users.user(userId);
}

std::optional<User> SqliteStore::updateUser(const QString &userId, const UserChanges &changes)
{
    return m_users.update(userId, changes);
}

QList<User> SqliteStore::searchUsers(const QString &query, const QString &excludeUserId, int limit)
{
    return m_users.search(query, excludeUserId, limit);
}

std::optional<QString> SqliteStore::avatarDataUri(const QString &avatarId)
{
    return m_users.avatarDataUri(avatarId);
}

QStringList SqliteStore::contactsOf(const QString &userId)
{
    return m_users.contactsOf(userId);
}

QString SqliteStore::createSession(const QString &userId, const QByteArray &refreshHash,
                                   const QString &device, const QDateTime &now,
                                   const QDateTime &refreshExpiresAt)
{
    return m_sessions.create(userId, refreshHash, device, now, refreshExpiresAt);
}

Store::Rotation SqliteStore::rotateRefreshToken(const QByteArray &oldHash,
                                                const QByteArray &newHash, const QDateTime &now,
                                                const QDateTime &newExpiresAt)
{
    return m_sessions.rotate(oldHash, newHash, now, newExpiresAt);
}

bool SqliteStore::sessionActive(const QString &sessionId, const QString &userId)
{
    return m_sessions.isActive(sessionId, userId);
}

void SqliteStore::revokeSession(const QString &sessionId)
{
    m_sessions.revoke(sessionId);
}

QStringList SqliteStore::revokeSessions(const QString &userId, const QString &keepSessionId)
{
    return m_sessions.revokeAllBut(userId, keepSessionId);
}

std::optional<Store::ChatInfo> SqliteStore::chatInfo(const QString &chatId)
{
    return m_chats.info(chatId);
}

Chat SqliteStore::directChat(const QString &userId, const QString &otherId, const QDateTime &now,
                             bool *created)
{
    return m_chats.direct(userId, otherId, now, created);
}

Chat SqliteStore::createGroup(const QString &adminId, const QString &name,
                              const QStringList &memberIds, const QDateTime &now)
{
    return m_chats.createGroup(adminId, name, memberIds, now);
}

std::optional<Chat> SqliteStore::chat(const QString &chatId, const QString &viewerId)
{
    return m_chats.chat(chatId, viewerId);
}

QList<Chat> SqliteStore::chatsOf(const QString &userId)
{
    return m_chats.chatsOf(userId);
}

void SqliteStore::renameChat(const QString &chatId, const QString &name, const QDateTime &now)
{
    m_chats.rename(chatId, name, now);
}

void SqliteStore::addMember(const QString &chatId, const QString &userId, const QDateTime &now)
{
    m_chats.addMember(chatId, userId, now);
}

QString SqliteStore::removeMember(const QString &chatId, const QString &userId,
                                  const QDateTime &now)
{
    return m_chats.removeMember(chatId, userId, now);
}

Store::SendOutcome SqliteStore::sendMessage(const QString &chatId, const QString &senderId,
                                            const QString &clientId, const QString &content,
                                            const QDateTime &now)
{
    return m_messages.send(chatId, senderId, clientId, content, now);
}

std::optional<Message> SqliteStore::message(const QString &messageId)
{
    return m_messages.message(messageId);
}

Message SqliteStore::editMessage(const QString &messageId, const QString &content,
                                 const QDateTime &now)
{
    return m_messages.edit(messageId, content, now);
}

Message SqliteStore::deleteMessage(const QString &messageId, const QDateTime &now)
{
    return m_messages.remove(messageId, now);
}

Store::HistoryPage SqliteStore::history(const QString &chatId, std::optional<qint64> beforeSeq,
                                        int limit)
{
    return m_messages.history(chatId, beforeSeq, limit);
}

qint64 SqliteStore::markRead(const QString &chatId, const QString &userId, qint64 seq)
{
    return m_chats.markRead(chatId, userId, seq);
}

qint64 SqliteStore::currentRevision()
{
    return std::max<qint64>(m_db.currentRevision(), 0);
}

Store::SyncDelta SqliteStore::changesSince(const QString &userId, qint64 revision, int maxMessages)
{
    return m_sync.changesSince(userId, revision, maxMessages);
}

QList<Store::Account> SqliteStore::accounts()
{
    return m_users.accounts();
}

bool SqliteStore::setUserDisabled(const QString &userId, bool disabled)
{
    return m_users.setDisabled(userId, disabled);
}

QStringList SqliteStore::sessionsRevokedSince(const QDateTime &since)
{
    return m_sessions.revokedSince(since);
}

bool SqliteStore::createInvite(const QByteArray &codeHash, int uses, const QDateTime &expiresAt,
                               const QDateTime &now)
{
    return m_invites.create(codeHash, uses, expiresAt, now);
}

bool SqliteStore::inviteUsable(const QByteArray &codeHash, const QDateTime &now)
{
    return m_invites.isUsable(codeHash, now);
}

std::optional<User> SqliteStore::createInvitedUser(const NewUser &user,
                                                   const QByteArray &inviteHash,
                                                   const QDateTime &now)
{
    return m_users.createInvited(user, inviteHash, now);
}

} // namespace parley::server
