// SPDX-License-Identifier: GPL-3.0-or-later
#include "chatlistmodel.h"

#include "avatarcache.h"
#include "personname.h"
#include "timeformat.h"

using namespace Qt::StringLiterals;

namespace parley::client {

namespace {

bool newerThan(const QDateTime &a, const QDateTime &b)
{
    return a > b;
}

} // namespace

ChatListModel::ChatListModel(AvatarCache *avatars, QObject *parent)
    : QAbstractListModel(parent)
    , m_avatars(avatars)
{
    connect(m_avatars, &AvatarCache::avatarReady, this, &ChatListModel::onAvatarReady);
    connect(this, &QAbstractItemModel::rowsInserted, this, &ChatListModel::countChanged);
    connect(this, &QAbstractItemModel::rowsRemoved, this, &ChatListModel::countChanged);
    connect(this, &QAbstractItemModel::modelReset, this, &ChatListModel::countChanged);
}

int ChatListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : count();
}

QHash<int, QByteArray> ChatListModel::roleNames() const
{
    return {
        {ChatIdRole, "chatId"},
        {TitleRole, "title"},
        {AvatarSourceRole, "avatarSource"},
        {AvatarKeyRole, "avatarKey"},
        {IsGroupRole, "isGroup"},
        {MemberCountRole, "memberCount"},
        {OnlineRole, "online"},
        {OnlineCountRole, "onlineCount"},
        {OtherUserIdRole, "otherUserId"},
        {AdminIdRole, "adminId"},
        {IsAdminRole, "isAdmin"},
        {LatestTextRole, "latestText"},
        {LatestSenderNameRole, "latestSenderName"},
        {LatestSenderFirstNameRole, "latestSenderFirstName"},
        {LatestIsOwnRole, "latestIsOwn"},
        {LatestTimeRole, "latestTime"},
        {LatestTimeTextRole, "latestTimeText"},
        {UnreadCountRole, "unreadCount"},
        {LastReadSeqRole, "lastReadSeq"},
        {TypingTextRole, "typingText"},
        {IsTypingRole, "isTyping"},
        {LastActivityRole, "lastActivity"},
    };
}

QVariant ChatListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &entry = m_chats.at(index.row());
    const Chat &chat = entry.chat;
    const User *other = chat.isGroup ? nullptr : otherMember(chat);
    const Message *latest = chat.latestMessage ? &*chat.latestMessage : nullptr;
    switch (role) {
    case ChatIdRole:
        return chat.id;
    case TitleRole:
        return titleOf(chat);
    case AvatarSourceRole:
        return other ? m_avatars->source(other->avatar) : QString();
    case AvatarKeyRole:
        return other ? other->id : chat.id;
    case IsGroupRole:
        return chat.isGroup;
    case MemberCountRole:
        return static_cast<int>(chat.members.size());
    case OnlineRole:
        return std::any_of(chat.members.cbegin(), chat.members.cend(), [this](const User &user) {
            return user.id != m_currentUserId && user.online;
        });
    case OnlineCountRole:
        return static_cast<int>(
            std::count_if(chat.members.cbegin(), chat.members.cend(), [this](const User &user) {
                return user.id != m_currentUserId && user.online;
            }));
    case OtherUserIdRole:
        return other ? other->id : QString();
    case AdminIdRole:
        return chat.adminId.isNull() ? QString(u""_s) : chat.adminId;
    case IsAdminRole:
        return chat.isGroup && !m_currentUserId.isEmpty() && chat.adminId == m_currentUserId;
    case LatestTextRole:
        if (!latest)
            return QString(u""_s);
        return latest->deleted ? tr("This message was deleted") : latest->content;
    case LatestSenderNameRole:
        return latest ? latest->sender.name : QString(u""_s);
    case LatestSenderFirstNameRole:
        if (!latest)
            return QString(u""_s);
        return latest->sender.id == m_currentUserId ? tr("You")
                                                    : personname::firstName(latest->sender.name);
    case LatestIsOwnRole:
        return latest && latest->sender.id == m_currentUserId;
    case LatestTimeRole:
        return latest ? latest->createdAt : chat.lastActivity;
    case LatestTimeTextRole:
        return timeformat::shortStamp(latest ? latest->createdAt : chat.lastActivity);
    case UnreadCountRole:
        return static_cast<int>(chat.unreadCount);
    case LastReadSeqRole:
        return chat.lastReadSeq;
    case TypingTextRole:
        return entry.typingText;
    case IsTypingRole:
        return !entry.typingText.isEmpty();
    case LastActivityRole:
        return chat.lastActivity;
    default:
        return {};
    }
}

int ChatListModel::totalUnread() const
{
    qint64 total = 0;
    for (const Entry &entry : m_chats)
        total += entry.chat.unreadCount;
    return static_cast<int>(total);
}

int ChatListModel::indexOf(const QString &chatId) const
{
    return rowOf(chatId);
}

QString ChatListModel::chatIdAt(int row) const
{
    return row >= 0 && row < count() ? m_chats[row].chat.id : QString();
}

QVariantMap ChatListModel::get(const QString &chatId) const
{
    const int row = rowOf(chatId);
    if (row < 0)
        return {};
    QVariantMap map;
    const QModelIndex at = index(row);
    const auto roles = roleNames();
    for (auto it = roles.cbegin(); it != roles.cend(); ++it)
        map.insert(QString::fromUtf8(it.value()), data(at, it.key()));
    return map;
}

void ChatListModel::updateTotalUnread()
{
    const int total = totalUnread();
    if (total == m_lastTotalUnread)
        return;
    m_lastTotalUnread = total;
    emit totalUnreadChanged();
}

void ChatListModel::setCurrentUserId(const QString &userId)
{
    if (m_currentUserId == userId)
        return;
    m_currentUserId = userId;
    if (!m_chats.isEmpty())
        emit dataChanged(index(0), index(count() - 1));
}

void ChatListModel::setLoading(bool loading)
{
    if (m_loading == loading)
        return;
    m_loading = loading;
    emit loadingChanged();
}

void ChatListModel::setChats(const QList<Chat> &chats)
{
    // Typing lines survive a reload; everything else comes from the server.
    QHash<QString, QString> typing;
    for (const Entry &entry : std::as_const(m_chats)) {
        if (!entry.typingText.isEmpty())
            typing.insert(entry.chat.id, entry.typingText);
    }
    beginResetModel();
    m_chats.clear();
    for (const Chat &chat : chats)
        m_chats.append({chat, typing.value(chat.id)});
    std::stable_sort(m_chats.begin(), m_chats.end(), [](const Entry &a, const Entry &b) {
        return newerThan(a.chat.lastActivity, b.chat.lastActivity);
    });
    endResetModel();
    setLoading(false);
    for (const Entry &entry : std::as_const(m_chats))
        emit chatChanged(entry.chat.id);
    updateTotalUnread();
}

void ChatListModel::upsertChat(const Chat &chat)
{
    const int row = rowOf(chat.id);
    if (row < 0) {
        const int at = sortedRowFor(chat.lastActivity, -1);
        beginInsertRows({}, at, at);
        m_chats.insert(at, {chat, {}});
        endInsertRows();
        emit chatChanged(chat.id);
        updateTotalUnread();
        return;
    }
    Chat &known = m_chats[row].chat;
    const std::optional<Message> latest = known.latestMessage;
    const bool newerLatest =
        chat.latestMessage && (!latest || chat.latestMessage->seq >= latest->seq);
    known.isGroup = chat.isGroup;
    known.name = chat.name;
    known.members = chat.members;
    known.adminId = chat.adminId;
    if (newerLatest) {
        known.latestMessage = chat.latestMessage;
        known.unreadCount = chat.unreadCount;
        known.lastReadSeq = std::max(known.lastReadSeq, chat.lastReadSeq);
    }
    if (chat.lastActivity.isValid() && newerThan(chat.lastActivity, known.lastActivity))
        known.lastActivity = chat.lastActivity;
    notifyRow(row);
    moveToSortedPosition(row);
    emit chatChanged(chat.id);
    updateTotalUnread();
}

void ChatListModel::removeChat(const QString &chatId)
{
    const int row = rowOf(chatId);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_chats.removeAt(row);
    endRemoveRows();
    emit chatChanged(chatId);
    updateTotalUnread();
}

void ChatListModel::clear()
{
    beginResetModel();
    m_chats.clear();
    endResetModel();
    updateTotalUnread();
}

void ChatListModel::applyMessage(const Message &message, bool countUnread)
{
    const int row = rowOf(message.chatId);
    if (row < 0)
        return;
    Chat &chat = m_chats[row].chat;
    if (chat.latestMessage && message.seq < chat.latestMessage->seq)
        return; // an edit of an older message changes nothing here
    if (chat.latestMessage && message.seq == chat.latestMessage->seq) {
        chat.latestMessage = message; // edited or deleted
        notifyRow(row, {LatestTextRole});
        return;
    }
    chat.latestMessage = message;
    if (countUnread && message.sender.id != m_currentUserId && !message.deleted
        && message.seq > chat.lastReadSeq)
        ++chat.unreadCount;
    if (message.sender.id == m_currentUserId)
        chat.lastReadSeq = std::max(chat.lastReadSeq, message.seq);
    if (!chat.lastActivity.isValid() || newerThan(message.createdAt, chat.lastActivity))
        chat.lastActivity = message.createdAt;
    notifyRow(row);
    moveToSortedPosition(row);
    updateTotalUnread();
}

void ChatListModel::setLastReadSeq(const QString &chatId, qint64 seq)
{
    const int row = rowOf(chatId);
    if (row < 0)
        return;
    Chat &chat = m_chats[row].chat;
    if (seq < chat.lastReadSeq)
        return;
    chat.lastReadSeq = seq;
    // Only the count "everything up to the latest" is known exactly on this side.
    if (!chat.latestMessage || seq >= chat.latestMessage->seq)
        chat.unreadCount = 0;
    notifyRow(row, {UnreadCountRole, LastReadSeqRole});
    updateTotalUnread();
}

void ChatListModel::setPresence(const QString &userId, bool online)
{
    for (int row = 0; row < count(); ++row) {
        Chat &chat = m_chats[row].chat;
        for (User &member : chat.members) {
            if (member.id == userId && member.online != online) {
                member.online = online;
                notifyRow(row, {OnlineRole, OnlineCountRole});
                emit chatChanged(chat.id);
            }
        }
    }
}

void ChatListModel::applyProfile(const UserSummary &person)
{
    for (int row = 0; row < count(); ++row) {
        Chat &chat = m_chats[row].chat;
        for (User &member : chat.members) {
            if (member.id != person.id
                || (member.name == person.name && member.avatar == person.avatar))
                continue;
            member.name = person.name;
            member.avatar = person.avatar;
            notifyRow(row, {TitleRole, AvatarSourceRole});
            emit chatChanged(chat.id);
        }
    }
}

void ChatListModel::setTypingText(const QString &chatId, const QString &text)
{
    const int row = rowOf(chatId);
    if (row < 0 || m_chats[row].typingText == text)
        return;
    m_chats[row].typingText = text;
    notifyRow(row, {TypingTextRole, IsTypingRole});
}

const Chat *ChatListModel::chat(const QString &chatId) const
{
    const int row = rowOf(chatId);
    return row < 0 ? nullptr : &m_chats[row].chat;
}

QString ChatListModel::directChatWith(const QString &userId) const
{
    for (const Entry &entry : m_chats) {
        const Chat &chat = entry.chat;
        if (chat.isGroup)
            continue;
        const User *other = otherMember(chat);
        if (other && other->id == userId)
            return chat.id;
    }
    return {};
}

QString ChatListModel::titleOf(const Chat &chat) const
{
    if (chat.isGroup)
        return chat.name;
    const User *other = otherMember(chat);
    return other ? other->name : chat.name;
}

const User *ChatListModel::otherMember(const Chat &chat) const
{
    for (const User &member : chat.members) {
        if (member.id != m_currentUserId)
            return &member;
    }
    return nullptr;
}

int ChatListModel::rowOf(const QString &chatId) const
{
    for (int row = 0; row < count(); ++row) {
        if (m_chats[row].chat.id == chatId)
            return row;
    }
    return -1;
}

int ChatListModel::sortedRowFor(const QDateTime &activity, int excludeRow) const
{
    // The position among the other rows: after every row at least as recent.
    int position = 0;
    for (int row = 0; row < count(); ++row) {
        if (row == excludeRow)
            continue;
        if (newerThan(activity, m_chats[row].chat.lastActivity))
            break;
        ++position;
    }
    return position;
}

void ChatListModel::moveToSortedPosition(int row)
{
    const int target = sortedRowFor(m_chats[row].chat.lastActivity, row);
    if (target == row)
        return;
    // beginMoveRows counts the destination before the move.
    const int destination = target > row ? target + 1 : target;
    beginMoveRows({}, row, row, {}, destination);
    m_chats.move(row, target);
    endMoveRows();
}

void ChatListModel::notifyRow(int row, const QList<int> &roles)
{
    const QModelIndex at = index(row);
    emit dataChanged(at, at, roles);
}

void ChatListModel::onAvatarReady(const QString &avatarId)
{
    for (int row = 0; row < count(); ++row) {
        const Chat &chat = m_chats[row].chat;
        if (chat.isGroup)
            continue;
        const User *other = otherMember(chat);
        if (other && other->avatar == avatarId)
            notifyRow(row, {AvatarSourceRole});
    }
}

} // namespace parley::client
