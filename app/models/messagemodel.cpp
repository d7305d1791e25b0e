// SPDX-License-Identifier: GPL-3.0-or-later
#include "messagemodel.h"

#include "avatarcache.h"
#include "connection.h"
#include "outbox.h"
#include "protocollimits.h"
#include "requests.h"
#include "results.h"
#include "timeformat.h"
#include "validation.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace parley::client {

namespace {

constexpr qint64 GroupWindowSecs = 5 * 60;

QList<int> neighbourRoles()
{
    return {MessageModel::ShowDaySeparatorRole, MessageModel::DayLabelRole,
            MessageModel::FirstOfGroupRole, MessageModel::LastOfGroupRole};
}

} // namespace

MessageModel::MessageModel(Connection *connection, Outbox *outbox, AvatarCache *avatars,
                           QObject *parent)
    : QAbstractListModel(parent)
    , m_connection(connection)
    , m_outbox(outbox)
    , m_avatars(avatars)
{
    connect(m_outbox, &Outbox::added, this,
            [this](const Outbox::Entry &entry) { onOutboxAdded(entry.chatId, entry.clientId); });
    connect(m_outbox, &Outbox::delivered, this, [this](const Message &message) {
        if (message.chatId == m_chat.id)
            addMessage(message);
    });
    connect(m_outbox, &Outbox::failed, this, &MessageModel::onOutboxFailed);
    connect(m_outbox, &Outbox::retrying, this, &MessageModel::onOutboxRetrying);
    connect(m_avatars, &AvatarCache::avatarReady, this, &MessageModel::onAvatarReady);
    connect(this, &QAbstractItemModel::rowsInserted, this, &MessageModel::countChanged);
    connect(this, &QAbstractItemModel::rowsRemoved, this, &MessageModel::countChanged);
    connect(this, &QAbstractItemModel::modelReset, this, &MessageModel::countChanged);
}

int MessageModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : count();
}

QHash<int, QByteArray> MessageModel::roleNames() const
{
    return {
        {MessageIdRole, "messageId"},
        {ClientIdRole, "clientId"},
        {SeqRole, "seq"},
        {SenderIdRole, "senderId"},
        {SenderNameRole, "senderName"},
        {SenderAvatarSourceRole, "senderAvatarSource"},
        {ContentRole, "content"},
        {CreatedAtRole, "createdAt"},
        {TimeTextRole, "timeText"},
        {EditedAtRole, "editedAt"},
        {EditedRole, "edited"},
        {DeletedRole, "deleted"},
        {IsOwnRole, "isOwn"},
        {DeliveryStateRole, "deliveryState"},
        {ErrorTextRole, "errorText"},
        {ShowDaySeparatorRole, "showDaySeparator"},
        {DayLabelRole, "dayLabel"},
        {FirstOfGroupRole, "firstOfGroup"},
        {LastOfGroupRole, "lastOfGroup"},
        {ReadByAllRole, "readByAll"},
        {ReadByRole, "readBy"},
        {IsFirstUnreadRole, "isFirstUnread"},
        {CanEditRole, "canEdit"},
        {CanDeleteRole, "canDelete"},
        {IsEventRole, "isEvent"},
    };
}

QVariant MessageModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const Row &entry = m_rows.at(row);
    const Message &message = entry.message;
    const bool own = message.sender.id == m_currentUserId;
    switch (role) {
    case MessageIdRole:
        return message.id.isNull() ? QString(u""_s) : message.id;
    case ClientIdRole:
        return own && !message.clientId.isNull() ? message.clientId : QString(u""_s);
    case SeqRole:
        return message.seq;
    case SenderIdRole:
        return message.sender.id;
    case SenderNameRole:
        return message.sender.name;
    case SenderAvatarSourceRole:
        return m_avatars->source(message.sender.avatar);
    case ContentRole:
        return message.deleted ? QString(u""_s) : message.content;
    case CreatedAtRole:
        return message.createdAt;
    case TimeTextRole:
        return timeformat::clock(message.createdAt);
    case EditedAtRole:
        return message.editedAt;
    case EditedRole:
        return message.editedAt.isValid() && !message.deleted;
    case DeletedRole:
        return message.deleted;
    case IsOwnRole:
        return own;
    case DeliveryStateRole:
        return deliveryState(entry);
    case ErrorTextRole:
        return entry.error;
    case ShowDaySeparatorRole:
        return row == count() - 1
            || m_rows.at(row + 1).message.createdAt.toLocalTime().date()
            != message.createdAt.toLocalTime().date();
    case DayLabelRole:
        return timeformat::dayLabel(message.createdAt);
    case FirstOfGroupRole:
        // Under the "New messages" divider a message needs its sender's name and avatar.
        return row == count() - 1 || !sameGroup(row, row + 1)
            || (m_firstUnreadSeq > 0 && message.seq == m_firstUnreadSeq);
    case LastOfGroupRole:
        return row == 0 || !sameGroup(row - 1, row);
    case ReadByAllRole:
        return !entry.pending() && own && isReadByAll(message);
    case ReadByRole:
        return entry.pending() || entry.event() ? QStringList() : readBy(message);
    case IsFirstUnreadRole:
        return m_firstUnreadSeq > 0 && message.seq == m_firstUnreadSeq;
    case CanEditRole:
        return own && !entry.pending() && !message.deleted;
    case CanDeleteRole:
        return !entry.pending() && !entry.event() && !message.deleted && (own || isAdmin());
    case IsEventRole:
        return entry.event();
    default:
        return {};
    }
}

MessageModel::DeliveryState MessageModel::deliveryState(const Row &row) const
{
    if (row.pending())
        return row.state;
    if (row.message.sender.id == m_currentUserId && isReadByAll(row.message))
        return Read;
    return Sent;
}

bool MessageModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_chat.id.isEmpty() && m_loaded && m_hasOlder && !m_loading;
}

void MessageModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        requestPage(Page::Older);
}

void MessageModel::loadNewer()
{
    if (!m_chat.id.isEmpty() && m_loaded && m_hasNewer && !m_loading)
        requestPage(Page::Newer);
}

void MessageModel::reload()
{
    if (!m_chat.id.isEmpty() && !m_loaded && !m_loading)
        requestPage(Page::Newest);
}

void MessageModel::setMaxRows(int rows)
{
    rows = std::max(rows, 1);
    if (m_maxRows == rows)
        return;
    m_maxRows = rows;
    emit maxRowsChanged();
    trimOldest();
}

void MessageModel::send(const QString &text)
{
    const QString content = trimmedContent(text);
    if (m_chat.id.isEmpty() || content.isEmpty())
        return;
    if (const auto error = checkContent(u"content"_s, content)) {
        emit sendFailed(
            tr("The message is too long (at most %1 characters).").arg(limits::ContentMaxChars));
        return;
    }
    if (m_draft) {
        emit draftSendRequested(content);
        return;
    }
    m_outbox->enqueue(m_chat.id, content);
}

void MessageModel::retry(int row)
{
    if (row < 0 || row >= count() || m_rows[row].state != Failed)
        return;
    m_outbox->retry(m_rows[row].message.clientId);
}

void MessageModel::discard(int row)
{
    if (row < 0 || row >= count() || !m_rows[row].pending() || m_rows[row].state != Failed)
        return;
    m_outbox->discard(m_rows[row].message.clientId);
    removeRowAt(row);
}

void MessageModel::edit(int row, const QString &text)
{
    if (row < 0 || row >= count() || !data(index(row), CanEditRole).toBool())
        return;
    const QString content = trimmedContent(text);
    if (content.isEmpty() || content == m_rows[row].message.content)
        return;
    const MessageEditRequest request{m_rows[row].message.id, content};
    m_connection->request(Op::MessageEdit, request.toJson(), this, [this](const Reply &reply) {
        if (!reply.ok()) {
            emit actionFailed(reply.error.message);
            return;
        }
        if (const auto result = MessageResult::fromJson(reply.data);
            result && result->message.chatId == m_chat.id)
            addMessage(result->message);
    });
}

void MessageModel::remove(int row)
{
    if (row < 0 || row >= count() || !data(index(row), CanDeleteRole).toBool())
        return;
    const MessageDeleteRequest request{m_rows[row].message.id};
    m_connection->request(Op::MessageDelete, request.toJson(), this, [this](const Reply &reply) {
        if (!reply.ok()) {
            emit actionFailed(reply.error.message);
            return;
        }
        if (const auto result = MessageResult::fromJson(reply.data);
            result && result->message.chatId == m_chat.id)
            addMessage(result->message);
    });
}

int MessageModel::lastOwnEditableRow() const
{
    for (int row = 0; row < count(); ++row) {
        const Row &entry = m_rows[row];
        if (!entry.pending() && entry.message.sender.id == m_currentUserId
            && !entry.message.deleted)
            return row;
    }
    return -1;
}

int MessageModel::rowOfSeq(qint64 seq) const
{
    for (int row = pendingCount(); row < count(); ++row) {
        if (m_rows[row].message.seq == seq && !m_rows[row].event())
            return row;
    }
    return -1;
}

QVariantMap MessageModel::get(int row) const
{
    QVariantMap map;
    if (row < 0 || row >= count())
        return map;
    const QModelIndex at = index(row);
    const auto roles = roleNames();
    for (auto it = roles.cbegin(); it != roles.cend(); ++it)
        map.insert(QString::fromUtf8(it.value()), data(at, it.key()));
    return map;
}

void MessageModel::setCurrentUserId(const QString &userId)
{
    m_currentUserId = userId;
}

void MessageModel::setDraftChat(const Chat &chat)
{
    setChat({});
    const bool changed = chat.id != m_chat.id;
    m_chat = chat;
    m_draft = true;
    setLoaded(true);
    if (changed)
        emit chatIdChanged();
}

void MessageModel::setChat(const Chat &chat)
{
    const bool changed = chat.id != m_chat.id;
    m_draft = false;
    ++m_generation;
    beginResetModel();
    m_rows.clear();
    m_ids.clear();
    m_readMarkers.clear();
    m_chat = chat;
    m_latestKnownSeq = chat.latestMessage ? chat.latestMessage->seq : 0;
    // Sends still on their way (or failed) belong to the chat, newest first.
    const QList<Outbox::Entry> outgoing = m_outbox->entries(chat.id);
    for (auto it = outgoing.crbegin(); it != outgoing.crend(); ++it) {
        Row row;
        row.message.chatId = it->chatId;
        row.message.clientId = it->clientId;
        row.message.content = it->content;
        row.message.createdAt = it->createdAt;
        row.message.sender = {m_currentUserId, {}, {}};
        row.state = it->state == Outbox::State::Failed ? Failed : Pending;
        row.error = it->error;
        m_rows.append(row);
    }
    endResetModel();
    m_loading = false;
    setLoaded(false);
    setHasOlder(false);
    setHasNewer(false);
    if (m_firstUnreadSeq != 0) {
        m_firstUnreadSeq = 0;
        emit firstUnreadSeqChanged();
    }
    if (changed)
        emit chatIdChanged();
    if (!chat.id.isEmpty())
        requestPage(Page::Newest);
}

void MessageModel::updateChat(const Chat &chat)
{
    if (chat.id != m_chat.id)
        return;
    const std::optional<Message> latest = m_chat.latestMessage;
    const qint64 unread = m_chat.unreadCount;
    const qint64 lastRead = m_chat.lastReadSeq;
    m_chat = chat;
    if (!m_chat.latestMessage) {
        m_chat.latestMessage = latest;
        m_chat.unreadCount = unread;
        m_chat.lastReadSeq = lastRead;
    }
    if (count() > 0)
        notifyRows(0, count() - 1, {ReadByAllRole, ReadByRole, DeliveryStateRole, CanDeleteRole});
}

void MessageModel::clear()
{
    setChat({});
}

void MessageModel::addMessage(const Message &message)
{
    if (message.chatId != m_chat.id || message.id.isEmpty())
        return;
    m_latestKnownSeq = std::max(m_latestKnownSeq, message.seq);
    if (m_ids.contains(message.id)) {
        updateStored(rowOfId(message.id), message);
        return;
    }
    if (message.sender.id == m_currentUserId && !message.clientId.isEmpty()) {
        const int pendingRow = rowOfClientId(message.clientId);
        if (pendingRow >= 0)
            removeRowAt(pendingRow);
    }
    const bool haveStored = pendingCount() < count();
    // Outside the window in memory: it is loaded when the view scrolls there.
    if (haveStored && m_hasNewer && message.seq > newestSeq())
        return;
    if (haveStored && m_hasOlder && message.seq < oldestSeq())
        return;
    const bool newest = !haveStored || message.seq > newestSeq();
    insertStored(message);
    if (newest)
        emit newestMessageAdded(message);
    trimOldest();
}

void MessageModel::addEventLine(const Message &line)
{
    if (line.chatId != m_chat.id || m_ids.contains(line.id))
        return;
    Row row;
    row.message = line;
    insertRow(storedInsertRow(line.seq, true), row);
}

void MessageModel::setReadMarker(const QString &userId, qint64 seq)
{
    qint64 &marker = m_readMarkers[userId];
    if (seq <= marker)
        return;
    marker = seq;
    if (count() > 0)
        notifyRows(0, count() - 1, {ReadByAllRole, ReadByRole, DeliveryStateRole});
}

qint64 MessageModel::newestSeq() const
{
    // Event lines carry the seq of the message before them: paging goes by messages only.
    for (int row = pendingCount(); row < count(); ++row) {
        if (!m_rows[row].event())
            return m_rows[row].message.seq;
    }
    return 0;
}

qint64 MessageModel::oldestSeq() const
{
    for (int row = count() - 1; row >= pendingCount(); --row) {
        if (!m_rows[row].event())
            return m_rows[row].message.seq;
    }
    return 0;
}

QList<Message> MessageModel::storedMessages() const
{
    QList<Message> messages;
    for (auto it = m_rows.crbegin(); it != m_rows.crend(); ++it) {
        if (!it->pending() && !it->event())
            messages.append(it->message);
    }
    return messages;
}

int MessageModel::pendingCount() const
{
    int pending = 0;
    while (pending < count() && m_rows[pending].pending())
        ++pending;
    return pending;
}

int MessageModel::storedInsertRow(qint64 seq, bool event) const
{
    // Stored rows run by seq descending after the pending ones. An event line carries the seq
    // of the message it came after: it stays above that message, newer lines above older ones.
    const auto begin = m_rows.cbegin() + pendingCount();
    const auto at = std::partition_point(begin, m_rows.cend(), [seq, event](const Row &row) {
        return row.message.seq > seq || (!event && row.message.seq == seq && row.event());
    });
    return static_cast<int>(at - m_rows.cbegin());
}

int MessageModel::rowOfId(const QString &id) const
{
    for (int row = 0; row < count(); ++row) {
        if (m_rows[row].message.id == id)
            return row;
    }
    return -1;
}

int MessageModel::rowOfClientId(const QString &clientId) const
{
    for (int row = 0; row < count(); ++row) {
        if (m_rows[row].pending() && m_rows[row].message.clientId == clientId)
            return row;
    }
    return -1;
}

void MessageModel::insertRow(int row, const Row &entry)
{
    beginInsertRows({}, row, row);
    m_rows.insert(row, entry);
    if (!entry.pending())
        m_ids.insert(entry.message.id);
    endInsertRows();
    notifyNeighbours(row);
}

void MessageModel::insertStored(const Message &message)
{
    Row row;
    row.message = message;
    row.state = Sent;
    insertRow(storedInsertRow(message.seq), row);
}

void MessageModel::removeRowAt(int row)
{
    beginRemoveRows({}, row, row);
    m_ids.remove(m_rows[row].message.id);
    m_rows.removeAt(row);
    endRemoveRows();
    if (row > 0)
        notifyRows(row - 1, row - 1, neighbourRoles());
    if (row < count())
        notifyRows(row, row, neighbourRoles());
}

void MessageModel::notifyRows(int first, int last, const QList<int> &roles)
{
    emit dataChanged(index(first), index(last), roles);
}

void MessageModel::notifyNeighbours(int row)
{
    if (row > 0)
        notifyRows(row - 1, row - 1, neighbourRoles());
    if (row + 1 < count())
        notifyRows(row + 1, row + 1, neighbourRoles());
}

void MessageModel::updateStored(int row, const Message &message)
{
    if (row < 0)
        return;
    m_rows[row].message = message;
    notifyRows(row, row);
}

void MessageModel::trimOldest()
{
    const int excess = count() - m_maxRows;
    const int stored = count() - pendingCount();
    const int drop = std::min(excess, stored);
    if (drop <= 0)
        return;
    const int first = count() - drop;
    beginRemoveRows({}, first, count() - 1);
    for (int row = first; row < count(); ++row)
        m_ids.remove(m_rows[row].message.id);
    m_rows.remove(first, drop);
    endRemoveRows();
    if (first > 0)
        notifyRows(first - 1, first - 1, neighbourRoles());
    setHasOlder(true);
}

void MessageModel::trimNewest()
{
    const int excess = count() - m_maxRows;
    const int first = pendingCount();
    const int drop = std::min(excess, count() - first);
    if (drop <= 0)
        return;
    beginRemoveRows({}, first, first + drop - 1);
    for (int row = first; row < first + drop; ++row)
        m_ids.remove(m_rows[row].message.id);
    m_rows.remove(first, drop);
    endRemoveRows();
    if (first < count())
        notifyRows(first, first, neighbourRoles());
    setHasNewer(true);
}

void MessageModel::setLoading(bool loading)
{
    if (m_loading == loading)
        return;
    m_loading = loading;
    emit loadingChanged();
}

void MessageModel::setLoaded(bool loaded)
{
    if (m_loaded == loaded)
        return;
    m_loaded = loaded;
    emit loadedChanged();
}

void MessageModel::setHasOlder(bool value)
{
    if (m_hasOlder == value)
        return;
    m_hasOlder = value;
    emit hasOlderChanged();
}

void MessageModel::setHasNewer(bool value)
{
    if (m_hasNewer == value)
        return;
    m_hasNewer = value;
    emit hasNewerChanged();
}

void MessageModel::requestPage(Page page)
{
    MessageHistoryRequest request;
    request.chatId = m_chat.id;
    request.limit = m_pageSize;
    if (page == Page::Older && oldestSeq() > 0)
        request.beforeSeq = oldestSeq();
    else if (page == Page::Newer)
        request.beforeSeq = newestSeq() + m_pageSize + 1;
    else if (page == Page::Newest && firstUnreadBeyondNewestPage())
        // Open where the person stopped reading, a few read messages above the divider; the
        // newer ones come as they scroll down (hasNewer).
        request.beforeSeq = m_chat.lastReadSeq + 1 - ReadContextRows + m_pageSize;
    setLoading(true);
    const quint64 generation = m_generation;
    m_connection->request(Op::MessageHistory, request.toJson(), this,
                          [this, page, generation](const Reply &reply) {
                              if (generation != m_generation)
                                  return; // another chat is shown now
                              if (!reply.ok()) {
                                  setLoading(false);
                                  if (!reply.isTransient())
                                      emit actionFailed(reply.error.message);
                                  return;
                              }
                              const auto history = HistoryResult::fromJson(reply.data);
                              if (!history) {
                                  setLoading(false);
                                  return;
                              }
                              applyPage(page, history->messages, history->hasMore);
                          });
}

bool MessageModel::firstUnreadBeyondNewestPage() const
{
    return m_chat.unreadCount > 0
        && m_latestKnownSeq - m_chat.lastReadSeq + ReadContextRows > m_pageSize;
}

void MessageModel::applyPage(Page page, const QList<Message> &messages, bool hasMore)
{
    // m_loading stays true while rows go in: views (and the model tester) call fetchMore from
    // their rowsInserted handlers.
    const qint64 newestBefore = newestSeq();
    QHash<QString, qint64> repliedUpTo; // a member's message reads what came before it
    for (const Message &message : messages) {
        if (!message.sender.id.isEmpty() && message.sender.id != m_currentUserId
            && !message.deleted)
            repliedUpTo[message.sender.id] =
                std::max(repliedUpTo.value(message.sender.id), message.seq);
        if (message.chatId != m_chat.id || m_ids.contains(message.id))
            continue;
        if (page == Page::Newer && message.seq <= newestBefore)
            continue;
        m_latestKnownSeq = std::max(m_latestKnownSeq, message.seq);
        if (message.sender.id == m_currentUserId && !message.clientId.isEmpty()) {
            const int pendingRow = rowOfClientId(message.clientId);
            if (pendingRow >= 0)
                removeRowAt(pendingRow);
        }
        insertStored(message);
    }
    for (auto it = repliedUpTo.cbegin(); it != repliedUpTo.cend(); ++it)
        setReadMarker(it.key(), it.value());
    switch (page) {
    case Page::Newest:
        setHasOlder(hasMore);
        setHasNewer(newestSeq() < m_latestKnownSeq);
        if (m_chat.unreadCount > 0) {
            for (const Message &message : messages) {
                if (message.seq > m_chat.lastReadSeq && message.sender.id != m_currentUserId) {
                    m_firstUnreadSeq = message.seq;
                    emit firstUnreadSeqChanged();
                    if (const int row = rowOfSeq(message.seq); row >= 0)
                        notifyRows(row, row, {IsFirstUnreadRole, FirstOfGroupRole});
                    break;
                }
            }
        }
        trimOldest();
        break;
    case Page::Older:
        setHasOlder(hasMore);
        trimNewest();
        break;
    case Page::Newer:
        setHasNewer(newestSeq() < m_latestKnownSeq);
        trimOldest();
        break;
    }
    setLoaded(true);
    setLoading(false);
}

void MessageModel::onOutboxAdded(const QString &chatId, const QString &clientId)
{
    if (chatId != m_chat.id)
        return;
    const Outbox::Entry *entry = m_outbox->entry(clientId);
    if (!entry)
        return;
    Row row;
    row.message.chatId = chatId;
    row.message.clientId = clientId;
    row.message.content = entry->content;
    row.message.createdAt = entry->createdAt;
    row.message.sender = {m_currentUserId, {}, {}};
    for (const User &member : std::as_const(m_chat.members)) {
        if (member.id == m_currentUserId)
            row.message.sender = {member.id, member.name, member.avatar};
    }
    row.state = Pending;
    insertRow(0, row);
}

void MessageModel::onOutboxFailed(const QString &chatId, const QString &clientId,
                                  const QString &error)
{
    if (chatId != m_chat.id)
        return;
    const int row = rowOfClientId(clientId);
    if (row < 0)
        return;
    m_rows[row].state = Failed;
    m_rows[row].error = error;
    notifyRows(row, row, {DeliveryStateRole, ErrorTextRole});
    emit sendFailed(error);
}

void MessageModel::onOutboxRetrying(const QString &chatId, const QString &clientId)
{
    if (chatId != m_chat.id)
        return;
    const int row = rowOfClientId(clientId);
    if (row < 0)
        return;
    m_rows[row].state = Pending;
    m_rows[row].error.clear();
    notifyRows(row, row, {DeliveryStateRole, ErrorTextRole});
}

bool MessageModel::sameGroup(int newerRow, int olderRow) const
{
    const Message &newer = m_rows[newerRow].message;
    const Message &older = m_rows[olderRow].message;
    if (newer.sender.id != older.sender.id)
        return false;
    if (newer.createdAt.toLocalTime().date() != older.createdAt.toLocalTime().date())
        return false;
    return older.createdAt.secsTo(newer.createdAt) < GroupWindowSecs;
}

bool MessageModel::isReadByAll(const Message &message) const
{
    int others = 0;
    for (const User &member : m_chat.members) {
        if (member.id == message.sender.id)
            continue;
        ++others;
        if (m_readMarkers.value(member.id) < message.seq)
            return false;
    }
    return others > 0;
}

QStringList MessageModel::readBy(const Message &message) const
{
    QStringList names;
    for (const User &member : m_chat.members) {
        if (member.id != message.sender.id && member.id != m_currentUserId
            && m_readMarkers.value(member.id) >= message.seq)
            names.append(member.name);
    }
    return names;
}

bool MessageModel::isAdmin() const
{
    return m_chat.isGroup && !m_currentUserId.isEmpty() && m_chat.adminId == m_currentUserId;
}

void MessageModel::applyProfile(const UserSummary &person)
{
    for (int row = 0; row < count(); ++row) {
        UserSummary &sender = m_rows[row].message.sender;
        if (sender.id != person.id
            || (sender.name == person.name && sender.avatar == person.avatar))
            continue;
        sender.name = person.name;
        sender.avatar = person.avatar;
        notifyRows(row, row, {SenderNameRole, SenderAvatarSourceRole});
    }
}

void MessageModel::onAvatarReady(const QString &avatarId)
{
    for (int row = 0; row < count(); ++row) {
        if (m_rows[row].message.sender.avatar == avatarId)
            notifyRows(row, row, {SenderAvatarSourceRole});
    }
}

} // namespace parley::client
