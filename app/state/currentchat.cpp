// SPDX-License-Identifier: GPL-3.0-or-later
#include "currentchat.h"

#include "avatarcache.h"
#include "chatlistmodel.h"
#include "signedinuser.h"

#include <QMetaProperty>

using namespace Qt::StringLiterals;

namespace parley::client {

CurrentChat::CurrentChat(const ChatListModel *chats, AvatarCache *avatars,
                         const SignedInUser *viewer, QObject *parent)
    : QObject(parent)
    , m_chats(chats)
    , m_avatars(avatars)
    , m_viewer(viewer)
{
    connect(m_chats, &ChatListModel::chatChanged, this, [this](const QString &chatId) {
        if (chatId == m_chatId)
            refresh();
    });
    // A reload of the list (after sign-in or a reconnect) changes no chat one by one.
    connect(m_chats, &ChatListModel::modelReset, this, &CurrentChat::refresh);
    connect(m_avatars, &AvatarCache::avatarReady, this, [this] {
        if (!m_chatId.isEmpty())
            refresh();
    });
    connect(m_viewer, &SignedInUser::idChanged, this, &CurrentChat::refresh);
}

const Chat *CurrentChat::chat() const
{
    if (isDraft())
        return &m_draft;
    return m_chatId.isEmpty() ? nullptr : m_chats->chat(m_chatId);
}

QString CurrentChat::draftUserId() const
{
    return isDraft() ? m_draft.id.mid(DraftPrefix.size()) : QString();
}

void CurrentChat::select(const QString &chatId)
{
    if (chatId == m_chatId && !isDraft())
        return;
    m_draft = Chat{};
    m_chatId = chatId;
    emit chatIdChanged();
    refresh();
}

void CurrentChat::selectDraft(const User &other)
{
    m_draft = Chat{};
    m_draft.id = DraftPrefix + other.id;
    m_draft.members = {m_viewer->user(), other};
    m_chatId = m_draft.id;
    emit chatIdChanged();
    refresh();
}

void CurrentChat::refresh()
{
    const Chat *current = chat();
    Fields fields = !current ? Fields{} : isDraft() ? draftFields() : listFields(*current);
    // The header binds to every property: tell it only when something it shows changed.
    if (fields == m_fields)
        return;
    m_fields = std::move(fields);
    emit changed();
}

CurrentChat::Fields CurrentChat::listFields(const Chat &chat) const
{
    // The title, picture and who is online follow the same rules as the chat's row.
    const QVariantMap row = m_chats->get(chat.id);
    Fields fields;
    fields.title = row.value(u"title"_s).toString();
    fields.isGroup = chat.isGroup;
    fields.avatarSource = row.value(u"avatarSource"_s).toString();
    fields.avatarKey = row.value(u"avatarKey"_s).toString();
    fields.memberCount = row.value(u"memberCount"_s).toInt();
    fields.onlineCount = row.value(u"onlineCount"_s).toInt();
    fields.online = row.value(u"online"_s).toBool();
    fields.adminId = row.value(u"adminId"_s).toString();
    fields.isAdmin = row.value(u"isAdmin"_s).toBool();
    fields.otherUserId = row.value(u"otherUserId"_s).toString();
    fields.members = membersOf(chat);
    return fields;
}

CurrentChat::Fields CurrentChat::draftFields() const
{
    const User &other = m_draft.members.constLast();
    Fields fields;
    fields.title = other.name;
    fields.avatarSource = m_avatars->source(other.avatar);
    fields.avatarKey = other.id;
    fields.memberCount = 2;
    fields.onlineCount = other.online ? 1 : 0;
    fields.online = other.online;
    fields.otherUserId = other.id;
    fields.members = membersOf(m_draft);
    return fields;
}

QVariantList CurrentChat::membersOf(const Chat &chat) const
{
    QVariantList members;
    for (const User &member : chat.members) {
        members.append(QVariantMap{
            {u"userId"_s, member.id},
            {u"name"_s, member.name},
            {u"email"_s, member.email},
            {u"avatarSource"_s, m_avatars->source(member.avatar)},
            {u"online"_s, member.online},
            {u"isAdmin"_s, chat.isGroup && member.id == chat.adminId},
            {u"isSelf"_s, member.id == m_viewer->id()},
        });
    }
    return members;
}

QVariantMap CurrentChat::toMap() const
{
    QVariantMap map;
    const QMetaObject *meta = metaObject();
    for (int i = meta->propertyOffset(); i < meta->propertyCount(); ++i)
        map.insert(QString::fromLatin1(meta->property(i).name()), meta->property(i).read(this));
    return map;
}

} // namespace parley::client
