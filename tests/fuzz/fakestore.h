// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storage/store.h"

#include <QHash>
#include <QList>
#include <QMap>
#include <QMutex>

namespace parley::test {

// parley::server::Store in memory, with the SQLite store's rules (case-insensitive emails, one
// direct chat per pair, per-chat seq without gaps, one revision counter for sync), so that the
// fuzzer drives the real request handlers without a disk. Its whole content can be saved and put
// back, which lets every fuzz input start from the same state.
class FakeStore : public server::Store
{
public:
    struct UserRow
    {
        QString name;
        QString email;
        QByteArray passwordHash;
        QString avatarId;
        bool disabled = false;
    };
    struct SessionRow
    {
        qint64 userId = 0;
        bool revoked = false;
    };
    struct TokenRow
    {
        qint64 sessionId = 0;
        qint64 expiresAtMs = 0;
        bool spent = false;
    };
    struct MemberRow
    {
        qint64 userId = 0;
        qint64 lastReadSeq = 0;
    };
    struct ChatRow
    {
        bool isGroup = false;
        QString name;
        qint64 adminId = 0; // 0: none
        QString directKey;
        qint64 lastSeq = 0;
        qint64 lastActivityMs = 0;
        QList<MemberRow> members; // in the order they joined
    };
    struct MessageRow
    {
        qint64 chatId = 0;
        qint64 seq = 0;
        qint64 senderId = 0;
        QString clientId;
        QString content;
        qint64 createdAtMs = 0;
        qint64 editedAtMs = 0; // 0: never edited
        bool deleted = false;
        qint64 revision = 0;
    };
    enum class ChangeKind { Joined, Updated, Removed };
    struct ChangeRow
    {
        qint64 revision = 0;
        qint64 userId = 0;
        qint64 chatId = 0;
        ChangeKind kind = ChangeKind::Updated;
    };

    // Everything the store holds.
    struct State
    {
        QMap<qint64, UserRow> users;
        QHash<QString, QString> avatars;
        QMap<qint64, SessionRow> sessions;
        QHash<QByteArray, TokenRow> refreshTokens;
        QMap<qint64, ChatRow> chats;
        QMap<qint64, MessageRow> messages;
        QList<ChangeRow> changes;
        qint64 revision = 0;
        qint64 lastId = 0; // one counter for every row id: ids never repeat across tables
    };

    // Safe from any thread, between the server's calls.
    State snapshot() const;
    void restore(const State &state);

    bool open(QString *error) override;
    int schemaVersion() override;
    bool takeFailure() override { return false; }

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

private:
    // The unlocked workers behind the public calls.
    qint64 nextId() { return ++m_state.lastId; }
    std::optional<User> userRow(qint64 id) const;
    std::optional<Chat> chatView(qint64 chatId, qint64 viewerId) const;
    std::optional<Message> messageView(qint64 messageId) const;
    QList<Chat> chatsSorted(qint64 viewerId, const QList<qint64> &chatIds) const;
    bool isMember(const ChatRow &chat, qint64 userId) const;
    QString newAvatar(const QString &dataUri);
    void recordForMembers(qint64 revision, qint64 chatId, ChangeKind kind, qint64 exceptUserId = 0);

    mutable QMutex m_mutex;
    State m_state;
};

} // namespace parley::test
