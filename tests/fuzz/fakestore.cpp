// SPDX-License-Identifier: GPL-3.0-or-later
#include "fakestore.h"

#include "validation.h"

#include <QMutexLocker>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace parley::test {

namespace {

// Only the canonical spelling of a positive integer names a row, as in the SQLite store.
qint64 rowId(const QString &id)
{
    bool ok = false;
    const qint64 value = id.toLongLong(&ok);
    if (!ok || value <= 0 || QString::number(value) != id)
        return -1;
    return value;
}

QString idText(qint64 id)
{
    return id > 0 ? QString::number(id) : QString();
}

qint64 msecs(const QDateTime &time)
{
    return time.toMSecsSinceEpoch();
}

QDateTime dateTime(qint64 ms)
{
    return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC) : QDateTime();
}

QString directKey(qint64 a, qint64 b)
{
    return u"%1:%2"_s.arg(std::min(a, b)).arg(std::max(a, b));
}

} // namespace

FakeStore::State FakeStore::snapshot() const
{
    const QMutexLocker lock(&m_mutex);
    return m_state;
}

void FakeStore::restore(const State &state)
{
    const QMutexLocker lock(&m_mutex);
    m_state = state;
}

bool FakeStore::open(QString *)
{
    return true;
}

int FakeStore::schemaVersion()
{
    return 1;
}

// ---- users

std::optional<User> FakeStore::userRow(qint64 id) const
{
    const auto it = m_state.users.constFind(id);
    if (it == m_state.users.cend())
        return std::nullopt;
    return User{idText(id), it->name, it->email, it->avatarId, false};
}

QString FakeStore::newAvatar(const QString &dataUri)
{
    const QString id = u"avatar-"_s + QString::number(nextId());
    m_state.avatars.insert(id, dataUri);
    return id;
}

std::optional<User> FakeStore::createUser(const NewUser &user, const QDateTime &)
{
    const QMutexLocker lock(&m_mutex);
    const QString key = normalizedEmail(user.email);
    for (const UserRow &row : std::as_const(m_state.users)) {
        if (normalizedEmail(row.email) == key)
            return std::nullopt;
    }
    UserRow row{user.name, user.email, user.passwordHash, {}, false};
    if (!user.avatarDataUri.isEmpty())
        row.avatarId = newAvatar(user.avatarDataUri);
    const qint64 id = nextId();
    m_state.users.insert(id, row);
    return userRow(id);
}

std::optional<server::Store::Credentials> FakeStore::credentialsByEmail(const QString &email)
{
    const QMutexLocker lock(&m_mutex);
    const QString key = normalizedEmail(email);
    for (auto it = m_state.users.cbegin(); it != m_state.users.cend(); ++it) {
        if (normalizedEmail(it->email) == key)
            return Credentials{idText(it.key()), it->passwordHash, it->disabled};
    }
    return std::nullopt;
}

std::optional<server::Store::Credentials> FakeStore::credentialsById(const QString &userId)
{
    const QMutexLocker lock(&m_mutex);
    const auto it = m_state.users.constFind(rowId(userId));
    if (it == m_state.users.cend())
        return std::nullopt;
    return Credentials{userId, it->passwordHash, it->disabled};
}

std::optional<User> FakeStore::user(const QString &userId)
{
    const QMutexLocker lock(&m_mutex);
    return userRow(rowId(userId));
}

std::optional<User> FakeStore::updateUser(const QString &userId, const UserChanges &changes)
{
    const QMutexLocker lock(&m_mutex);
    const qint64 id = rowId(userId);
    if (!m_state.users.contains(id))
        return std::nullopt;
    if (changes.name)
        m_state.users[id].name = *changes.name;
    if (changes.avatarDataUri) {
        m_state.users[id].avatarId =
            changes.avatarDataUri->isEmpty() ? QString() : newAvatar(*changes.avatarDataUri);
    }
    if (changes.passwordHash)
        m_state.users[id].passwordHash = *changes.passwordHash;
    return userRow(id);
}

QList<User> FakeStore::searchUsers(const QString &query, const QString &excludeUserId, int limit)
{
    const QMutexLocker lock(&m_mutex);
    if (limit <= 0)
        return {};
    const QString needle = query.toLower();
    const qint64 excluded = rowId(excludeUserId);
    QList<std::pair<QString, qint64>> found;
    for (auto it = m_state.users.cbegin(); it != m_state.users.cend(); ++it) {
        if (it.key() == excluded || it->disabled)
            continue;
        if (it->name.toLower().contains(needle) || it->email.toLower().contains(needle))
            found.append({it->name.toLower(), it.key()});
    }
    std::sort(found.begin(), found.end());
    QList<User> users;
    for (const auto &[name, id] : std::as_const(found)) {
        if (users.size() == limit)
            break;
        users.append(*userRow(id));
    }
    return users;
}

std::optional<QString> FakeStore::avatarDataUri(const QString &avatarId)
{
    const QMutexLocker lock(&m_mutex);
    const auto it = m_state.avatars.constFind(avatarId);
    if (it == m_state.avatars.cend())
        return std::nullopt;
    return *it;
}

QStringList FakeStore::contactsOf(const QString &userId)
{
    const QMutexLocker lock(&m_mutex);
    const qint64 self = rowId(userId);
    QList<qint64> ids;
    for (const ChatRow &chat : std::as_const(m_state.chats)) {
        if (!isMember(chat, self))
            continue;
        for (const MemberRow &member : chat.members) {
            if (member.userId != self && !ids.contains(member.userId))
                ids.append(member.userId);
        }
    }
    std::sort(ids.begin(), ids.end());
    QStringList contacts;
    for (qint64 id : std::as_const(ids))
        contacts.append(idText(id));
    return contacts;
}

// ---- sessions

QString FakeStore::createSession(const QString &userId, const QByteArray &refreshHash,
                                 const QString &, const QDateTime &,
                                 const QDateTime &refreshExpiresAt)
{
    const QMutexLocker lock(&m_mutex);
    const qint64 id = nextId();
    m_state.sessions.insert(id, SessionRow{rowId(userId), false});
    m_state.refreshTokens.insert(refreshHash, TokenRow{id, msecs(refreshExpiresAt), false});
    return idText(id);
}

server::Store::Rotation FakeStore::rotateRefreshToken(const QByteArray &oldHash,
                                                      const QByteArray &newHash,
                                                      const QDateTime &now,
                                                      const QDateTime &newExpiresAt)
{
    const QMutexLocker lock(&m_mutex);
    using Outcome = Rotation::Outcome;
    const auto token = m_state.refreshTokens.find(oldHash);
    if (token == m_state.refreshTokens.end())
        return {};
    SessionRow &session = m_state.sessions[token->sessionId];
    const QString userId = idText(session.userId);
    const QString sessionId = idText(token->sessionId);
    if (token->spent) {
        // Two parties hold this session's tokens: end it for both.
        session.revoked = true;
        return {Outcome::Reused, userId, sessionId};
    }
    if (session.revoked || token->expiresAtMs <= msecs(now))
        return {Outcome::Inactive, {}, {}};
    token->spent = true;
    const qint64 owner = token->sessionId;
    m_state.refreshTokens.insert(newHash, TokenRow{owner, msecs(newExpiresAt), false});
    return {Outcome::Rotated, userId, sessionId};
}

bool FakeStore::sessionActive(const QString &sessionId, const QString &userId)
{
    const QMutexLocker lock(&m_mutex);
    const auto it = m_state.sessions.constFind(rowId(sessionId));
    return it != m_state.sessions.cend() && !it->revoked && it->userId == rowId(userId);
}

void FakeStore::revokeSession(const QString &sessionId)
{
    const QMutexLocker lock(&m_mutex);
    const auto it = m_state.sessions.find(rowId(sessionId));
    if (it != m_state.sessions.end())
        it->revoked = true;
}

QStringList FakeStore::revokeSessions(const QString &userId, const QString &keepSessionId)
{
    const QMutexLocker lock(&m_mutex);
    const qint64 user = rowId(userId);
    const qint64 keep = rowId(keepSessionId);
    QStringList revoked;
    for (auto it = m_state.sessions.begin(); it != m_state.sessions.end(); ++it) {
        if (it->userId == user && !it->revoked && it.key() != keep) {
            it->revoked = true;
            revoked.append(idText(it.key()));
        }
    }
    return revoked;
}

// ---- chats

bool FakeStore::isMember(const ChatRow &chat, qint64 userId) const
{
    return std::any_of(chat.members.cbegin(), chat.members.cend(),
                       [userId](const MemberRow &member) { return member.userId == userId; });
}

void FakeStore::recordForMembers(qint64 revision, qint64 chatId, ChangeKind kind,
                                 qint64 exceptUserId)
{
    for (const MemberRow &member : std::as_const(m_state.chats[chatId].members)) {
        if (member.userId != exceptUserId)
            m_state.changes.append(ChangeRow{revision, member.userId, chatId, kind});
    }
}

std::optional<server::Store::ChatInfo> FakeStore::chatInfo(const QString &chatId)
{
    const QMutexLocker lock(&m_mutex);
    const auto it = m_state.chats.constFind(rowId(chatId));
    if (it == m_state.chats.cend())
        return std::nullopt;
    ChatInfo info{chatId, it->isGroup, idText(it->adminId), {}};
    for (const MemberRow &member : it->members)
        info.memberIds.append(idText(member.userId));
    return info;
}

std::optional<Message> FakeStore::messageView(qint64 messageId) const
{
    const auto it = m_state.messages.constFind(messageId);
    if (it == m_state.messages.cend())
        return std::nullopt;
    const UserRow sender = m_state.users.value(it->senderId);
    Message message;
    message.id = idText(messageId);
    message.chatId = idText(it->chatId);
    message.seq = it->seq;
    message.sender = UserSummary{idText(it->senderId), sender.name, sender.avatarId};
    message.content = it->content;
    message.clientId = it->clientId;
    message.createdAt = dateTime(it->createdAtMs);
    message.editedAt = dateTime(it->editedAtMs);
    message.deleted = it->deleted;
    return message;
}

std::optional<Chat> FakeStore::chatView(qint64 chatId, qint64 viewerId) const
{
    const auto it = m_state.chats.constFind(chatId);
    if (it == m_state.chats.cend())
        return std::nullopt;
    Chat chat;
    chat.id = idText(chatId);
    chat.isGroup = it->isGroup;
    chat.name = it->isGroup ? it->name : QString();
    chat.adminId = idText(it->adminId);
    chat.lastActivity = dateTime(it->lastActivityMs);
    for (const MemberRow &member : it->members) {
        if (const auto user = userRow(member.userId))
            chat.members.append(*user);
        if (member.userId == viewerId)
            chat.lastReadSeq = member.lastReadSeq;
    }
    const bool viewerIsMember = isMember(*it, viewerId);
    for (auto m = m_state.messages.cbegin(); m != m_state.messages.cend(); ++m) {
        if (m->chatId != chatId)
            continue;
        if (m->seq == it->lastSeq)
            chat.latestMessage = messageView(m.key());
        if (viewerIsMember && m->seq > chat.lastReadSeq && m->senderId != viewerId && !m->deleted)
            ++chat.unreadCount;
    }
    return chat;
}

QList<Chat> FakeStore::chatsSorted(qint64 viewerId, const QList<qint64> &chatIds) const
{
    QList<Chat> chats;
    for (qint64 id : chatIds) {
        if (auto chat = chatView(id, viewerId))
            chats.append(*chat);
    }
    std::sort(chats.begin(), chats.end(), [](const Chat &a, const Chat &b) {
        if (a.lastActivity != b.lastActivity)
            return a.lastActivity > b.lastActivity;
        return rowId(a.id) > rowId(b.id);
    });
    return chats;
}

Chat FakeStore::directChat(const QString &userId, const QString &otherId, const QDateTime &now,
                           bool *created)
{
    const QMutexLocker lock(&m_mutex);
    const qint64 self = rowId(userId);
    const qint64 other = rowId(otherId);
    const QString key = directKey(self, other);
    if (created)
        *created = false;
    for (auto it = m_state.chats.cbegin(); it != m_state.chats.cend(); ++it) {
        if (it->directKey == key)
            return chatView(it.key(), self).value_or(Chat());
    }
    const qint64 id = nextId();
    ChatRow chat;
    chat.directKey = key;
    chat.lastActivityMs = msecs(now);
    chat.members = {MemberRow{self, 0}, MemberRow{other, 0}};
    m_state.chats.insert(id, chat);
    recordForMembers(++m_state.revision, id, ChangeKind::Joined);
    if (created)
        *created = true;
    return chatView(id, self).value_or(Chat());
}

Chat FakeStore::createGroup(const QString &adminId, const QString &name,
                            const QStringList &memberIds, const QDateTime &now)
{
    const QMutexLocker lock(&m_mutex);
    const qint64 admin = rowId(adminId);
    const qint64 id = nextId();
    ChatRow chat;
    chat.isGroup = true;
    chat.name = name;
    chat.adminId = admin;
    chat.lastActivityMs = msecs(now);
    chat.members.append(MemberRow{admin, 0});
    for (const QString &memberId : memberIds) {
        const qint64 member = rowId(memberId);
        if (!isMember(chat, member))
            chat.members.append(MemberRow{member, 0});
    }
    m_state.chats.insert(id, chat);
    recordForMembers(++m_state.revision, id, ChangeKind::Joined);
    return chatView(id, admin).value_or(Chat());
}

std::optional<Chat> FakeStore::chat(const QString &chatId, const QString &viewerId)
{
    const QMutexLocker lock(&m_mutex);
    return chatView(rowId(chatId), rowId(viewerId));
}

QList<Chat> FakeStore::chatsOf(const QString &userId)
{
    const QMutexLocker lock(&m_mutex);
    const qint64 self = rowId(userId);
    QList<qint64> ids;
    for (auto it = m_state.chats.cbegin(); it != m_state.chats.cend(); ++it) {
        if (isMember(*it, self))
            ids.append(it.key());
    }
    return chatsSorted(self, ids);
}

void FakeStore::renameChat(const QString &chatId, const QString &name, const QDateTime &)
{
    const QMutexLocker lock(&m_mutex);
    const qint64 id = rowId(chatId);
    if (!m_state.chats.contains(id))
        return;
    m_state.chats[id].name = name;
    recordForMembers(++m_state.revision, id, ChangeKind::Updated);
}

void FakeStore::addMember(const QString &chatId, const QString &userId, const QDateTime &)
{
    const QMutexLocker lock(&m_mutex);
    const qint64 id = rowId(chatId);
    const qint64 user = rowId(userId);
    if (!m_state.chats.contains(id) || isMember(m_state.chats[id], user))
        return;
    ChatRow &chat = m_state.chats[id];
    // A newcomer starts with the history read: it is there to scroll through, not unread news.
    chat.members.append(MemberRow{user, chat.lastSeq});
    const qint64 revision = ++m_state.revision;
    recordForMembers(revision, id, ChangeKind::Updated, user);
    m_state.changes.append(ChangeRow{revision, user, id, ChangeKind::Joined});
}

QString FakeStore::removeMember(const QString &chatId, const QString &userId, const QDateTime &)
{
    const QMutexLocker lock(&m_mutex);
    const qint64 id = rowId(chatId);
    const qint64 user = rowId(userId);
    if (!m_state.chats.contains(id) || !isMember(m_state.chats[id], user))
        return {};
    ChatRow &chat = m_state.chats[id];
    chat.members.removeIf([user](const MemberRow &member) { return member.userId == user; });
    const qint64 revision = ++m_state.revision;
    m_state.changes.append(ChangeRow{revision, user, id, ChangeKind::Removed});
    recordForMembers(revision, id, ChangeKind::Updated);
    if (chat.adminId != user)
        return {};
    chat.adminId = chat.members.isEmpty() ? 0 : chat.members.first().userId;
    return idText(chat.adminId);
}

// ---- messages

server::Store::SendOutcome FakeStore::sendMessage(const QString &chatId, const QString &senderId,
                                                  const QString &clientId, const QString &content,
                                                  const QDateTime &now)
{
    const QMutexLocker lock(&m_mutex);
    const qint64 chatRow = rowId(chatId);
    const qint64 sender = rowId(senderId);
    using Kind = SendOutcome::Kind;
    if (!clientId.isEmpty()) {
        for (auto it = m_state.messages.cbegin(); it != m_state.messages.cend(); ++it) {
            if (it->senderId != sender || it->clientId != clientId)
                continue;
            if (it->chatId != chatRow)
                return {Kind::ClientIdConflict, {}};
            return {Kind::Duplicate, messageView(it.key()).value_or(Message())};
        }
    }
    if (!m_state.chats.contains(chatRow))
        return {};
    ChatRow &chat = m_state.chats[chatRow];
    const qint64 id = nextId();
    chat.lastSeq += 1;
    chat.lastActivityMs = msecs(now);
    m_state.messages.insert(id,
                            MessageRow{chatRow, chat.lastSeq, sender, clientId, content, msecs(now),
                                       0, false, ++m_state.revision});
    return {Kind::Stored, messageView(id).value_or(Message())};
}

std::optional<Message> FakeStore::message(const QString &messageId)
{
    const QMutexLocker lock(&m_mutex);
    return messageView(rowId(messageId));
}

Message FakeStore::editMessage(const QString &messageId, const QString &content,
                               const QDateTime &now)
{
    const QMutexLocker lock(&m_mutex);
    const auto it = m_state.messages.find(rowId(messageId));
    if (it == m_state.messages.end())
        return {};
    it->content = content;
    it->editedAtMs = msecs(now);
    it->revision = ++m_state.revision;
    return messageView(it.key()).value_or(Message());
}

Message FakeStore::deleteMessage(const QString &messageId, const QDateTime &)
{
    const QMutexLocker lock(&m_mutex);
    const auto it = m_state.messages.find(rowId(messageId));
    if (it == m_state.messages.end())
        return {};
    it->content.clear();
    it->deleted = true;
    it->revision = ++m_state.revision;
    return messageView(it.key()).value_or(Message());
}

server::Store::HistoryPage FakeStore::history(const QString &chatId,
                                              std::optional<qint64> beforeSeq, int limit)
{
    const QMutexLocker lock(&m_mutex);
    HistoryPage page;
    if (limit <= 0)
        return page;
    const qint64 chatRow = rowId(chatId);
    const qint64 before = beforeSeq.value_or(std::numeric_limits<qint64>::max());
    QList<std::pair<qint64, qint64>> found; // seq, message id
    for (auto it = m_state.messages.cbegin(); it != m_state.messages.cend(); ++it) {
        if (it->chatId == chatRow && it->seq < before)
            found.append({it->seq, it.key()});
    }
    std::sort(found.begin(), found.end());
    page.hasMore = found.size() > limit;
    for (qsizetype i = std::max<qsizetype>(0, found.size() - limit); i < found.size(); ++i)
        page.messages.append(*messageView(found.at(i).second));
    return page;
}

qint64 FakeStore::markRead(const QString &chatId, const QString &userId, qint64 seq)
{
    const QMutexLocker lock(&m_mutex);
    const auto chat = m_state.chats.find(rowId(chatId));
    if (chat == m_state.chats.end())
        return 0;
    for (MemberRow &member : chat->members) {
        if (member.userId == rowId(userId)) {
            member.lastReadSeq = std::max(member.lastReadSeq, std::min(seq, chat->lastSeq));
            return member.lastReadSeq;
        }
    }
    return 0;
}

// ---- sync

qint64 FakeStore::currentRevision()
{
    const QMutexLocker lock(&m_mutex);
    return m_state.revision;
}

server::Store::SyncDelta FakeStore::changesSince(const QString &userId, qint64 revision,
                                                 int maxMessages)
{
    const QMutexLocker lock(&m_mutex);
    const qint64 self = rowId(userId);
    const qint64 current = m_state.revision;
    SyncDelta delta;
    delta.revision = std::max(revision, current);
    if (revision >= current || maxMessages <= 0)
        return delta;

    QList<std::pair<qint64, qint64>> changed; // revision, message id
    for (auto it = m_state.messages.cbegin(); it != m_state.messages.cend(); ++it) {
        if (it->revision > revision && it->revision <= current
            && isMember(m_state.chats.value(it->chatId), self))
            changed.append({it->revision, it.key()});
    }
    std::sort(changed.begin(), changed.end());
    delta.hasMore = changed.size() > maxMessages;
    if (delta.hasMore)
        changed.resize(maxMessages);
    delta.revision = delta.hasMore ? changed.last().first : current;

    QList<qint64> chatIds;
    for (const ChangeRow &change : std::as_const(m_state.changes)) {
        if (change.userId != self || change.revision <= revision || change.revision > delta.revision
            || chatIds.contains(change.chatId))
            continue;
        chatIds.append(change.chatId);
    }
    std::sort(chatIds.begin(), chatIds.end());
    QList<qint64> memberOf;
    for (qint64 id : std::as_const(chatIds)) {
        if (isMember(m_state.chats.value(id), self))
            memberOf.append(id);
        else
            delta.removedChatIds.append(idText(id));
    }
    delta.chats = chatsSorted(self, memberOf);

    std::sort(changed.begin(), changed.end(), [this](const auto &a, const auto &b) {
        const MessageRow x = m_state.messages.value(a.second);
        const MessageRow y = m_state.messages.value(b.second);
        return x.chatId != y.chatId ? x.chatId < y.chatId : x.seq < y.seq;
    });
    for (const auto &[rev, id] : std::as_const(changed))
        delta.messages.append(*messageView(id));
    return delta;
}

} // namespace parley::test
