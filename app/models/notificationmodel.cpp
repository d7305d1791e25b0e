// SPDX-License-Identifier: GPL-3.0-or-later
#include "notificationmodel.h"

#include "timeformat.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace parley::client {

Q_LOGGING_CATEGORY(lcNotifications, "parley.notifications")

namespace {

// The ids remembered beyond the items themselves, so an old message does not return.
constexpr int SeenIdsKept = 2000;

QJsonObject toJson(const NotificationModel::Item &item)
{
    return {
        {u"messageId"_s, item.messageId}, {u"chatId"_s, item.chatId},
        {u"chatTitle"_s, item.chatTitle}, {u"isGroup"_s, item.isGroup},
        {u"senderId"_s, item.senderId},   {u"senderName"_s, item.senderName},
        {u"text"_s, item.text},           {u"createdAt"_s, formatTimestamp(item.createdAt)},
    };
}

NotificationModel::Item fromJson(const QJsonObject &object)
{
    NotificationModel::Item item;
    item.messageId = object.value(u"messageId").toString();
    item.chatId = object.value(u"chatId").toString();
    item.chatTitle = object.value(u"chatTitle").toString();
    item.isGroup = object.value(u"isGroup").toBool();
    item.senderId = object.value(u"senderId").toString();
    item.senderName = object.value(u"senderName").toString();
    item.text = object.value(u"text").toString();
    item.createdAt = parseTimestamp(object.value(u"createdAt").toString());
    return item;
}

} // namespace

NotificationModel::NotificationModel(QObject *parent)
    : QAbstractListModel(parent)
{
    connect(this, &QAbstractItemModel::rowsInserted, this, &NotificationModel::countChanged);
    connect(this, &QAbstractItemModel::rowsRemoved, this, &NotificationModel::countChanged);
    connect(this, &QAbstractItemModel::modelReset, this, &NotificationModel::countChanged);
}

int NotificationModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : count();
}

QHash<int, QByteArray> NotificationModel::roleNames() const
{
    return {
        {MessageIdRole, "messageId"}, {ChatIdRole, "chatId"},       {ChatTitleRole, "chatTitle"},
        {IsGroupRole, "isGroup"},     {SenderIdRole, "senderId"},   {SenderNameRole, "senderName"},
        {TextRole, "text"},           {CreatedAtRole, "createdAt"}, {TimeTextRole, "timeText"},
    };
}

QVariant NotificationModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Item &item = m_items.at(index.row());
    switch (role) {
    case MessageIdRole:
        return item.messageId;
    case ChatIdRole:
        return item.chatId;
    case ChatTitleRole:
        return item.chatTitle;
    case IsGroupRole:
        return item.isGroup;
    case SenderIdRole:
        return item.senderId;
    case SenderNameRole:
        return item.senderName;
    case TextRole:
        return item.text;
    case CreatedAtRole:
        return item.createdAt;
    case TimeTextRole:
        return timeformat::shortStamp(item.createdAt);
    default:
        return {};
    }
}

void NotificationModel::clearChat(const QString &chatId)
{
    bool removed = false;
    for (int row = count() - 1; row >= 0; --row) {
        if (m_items[row].chatId != chatId)
            continue;
        beginRemoveRows({}, row, row);
        m_items.removeAt(row);
        endRemoveRows();
        removed = true;
    }
    if (removed)
        save();
}

void NotificationModel::clear()
{
    if (m_items.isEmpty())
        return;
    beginResetModel();
    m_items.clear();
    endResetModel();
    save();
}

void NotificationModel::removeAt(int row)
{
    if (row < 0 || row >= count())
        return;
    beginRemoveRows({}, row, row);
    m_items.removeAt(row);
    endRemoveRows();
    save();
}

int NotificationModel::countForChat(const QString &chatId) const
{
    return static_cast<int>(
        std::count_if(m_items.cbegin(), m_items.cend(),
                      [&chatId](const Item &item) { return item.chatId == chatId; }));
}

bool NotificationModel::add(const Message &message, const QString &chatTitle, bool isGroup)
{
    if (message.id.isEmpty() || message.deleted || m_seen.contains(message.id))
        return false;
    m_seen.insert(message.id);
    Item item;
    item.messageId = message.id;
    item.chatId = message.chatId;
    item.chatTitle = chatTitle;
    item.isGroup = isGroup;
    item.senderId = message.sender.id;
    item.senderName = message.sender.name;
    item.text = message.content;
    item.createdAt = message.createdAt;
    insertSorted(item);
    while (count() > m_maxItems) {
        beginRemoveRows({}, count() - 1, count() - 1);
        m_items.removeLast();
        endRemoveRows();
    }
    save();
    return true;
}

void NotificationModel::update(const Message &message)
{
    for (int row = 0; row < count(); ++row) {
        if (m_items[row].messageId != message.id)
            continue;
        if (message.deleted) {
            removeAt(row);
            return;
        }
        m_items[row].text = message.content;
        emit dataChanged(index(row), index(row), {TextRole});
        save();
        return;
    }
}

void NotificationModel::setStoragePath(const QString &path)
{
    if (m_path == path)
        return;
    m_path = path;
    beginResetModel();
    m_items.clear();
    m_seen.clear();
    endResetModel();
    load();
}

void NotificationModel::insertSorted(const Item &item)
{
    int row = 0;
    while (row < count() && m_items[row].createdAt > item.createdAt)
        ++row;
    beginInsertRows({}, row, row);
    m_items.insert(row, item);
    endInsertRows();
}

void NotificationModel::load()
{
    if (m_path.isEmpty())
        return;
    QFile file(m_path);
    if (!file.exists())
        return;
    if (!file.open(QIODevice::ReadOnly)) {
        qCWarning(lcNotifications) << "cannot read" << m_path << file.errorString();
        return;
    }
    const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    QList<Item> items;
    for (const QJsonValue &value : root.value(u"items").toArray()) {
        Item item = fromJson(value.toObject());
        if (!item.messageId.isEmpty() && !m_seen.contains(item.messageId)) {
            m_seen.insert(item.messageId);
            items.append(item);
        }
    }
    for (const QJsonValue &value : root.value(u"seen").toArray())
        m_seen.insert(value.toString());
    std::stable_sort(items.begin(), items.end(),
                     [](const Item &a, const Item &b) { return a.createdAt > b.createdAt; });
    beginResetModel();
    m_items = items;
    endResetModel();
}

void NotificationModel::save() const
{
    if (m_path.isEmpty())
        return;
    QJsonArray items;
    for (const Item &item : m_items)
        items.append(toJson(item));
    QJsonArray seen;
    for (const QString &id : m_seen) {
        if (seen.size() >= SeenIdsKept)
            break;
        seen.append(id);
    }
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly)) {
        qCWarning(lcNotifications) << "cannot write" << m_path << file.errorString();
        return;
    }
    file.write(QJsonDocument(QJsonObject{{u"items"_s, items}, {u"seen"_s, seen}})
                   .toJson(QJsonDocument::Compact));
    if (!file.commit())
        qCWarning(lcNotifications) << "cannot write" << m_path << file.errorString();
}

} // namespace parley::client
