// SPDX-License-Identifier: GPL-3.0-or-later
#include "modelstacktestcase.h"

namespace parley::test {

void ModelStackTestCase::init()
{
    m_transport = new FakeTransport;
    m_connection = std::make_unique<client::Connection>(m_transport);
    m_avatars = std::make_unique<client::AvatarCache>(m_connection.get());
    m_chats = std::make_unique<client::ChatListModel>(m_avatars.get());
    m_chats->setCurrentUserId(fixtures::Me);
    m_outbox = std::make_unique<client::Outbox>(m_connection.get());
    m_messages =
        std::make_unique<client::MessageModel>(m_connection.get(), m_outbox.get(), m_avatars.get());
    m_messages->setCurrentUserId(fixtures::Me);
    m_notifications = std::make_unique<client::NotificationModel>();
    m_search = std::make_unique<client::UserSearchModel>(m_connection.get(), m_avatars.get());
    m_typing = std::make_unique<client::TypingModel>(m_connection.get());
    m_viewer = std::make_unique<client::SignedInUser>();
    m_viewer->set(m_alice);
    m_current =
        std::make_unique<client::CurrentChat>(m_chats.get(), m_avatars.get(), m_viewer.get());
    m_router = std::make_unique<client::EventRouter>(
        client::EventRouter::Targets{m_chats.get(), m_messages.get(), m_notifications.get(),
                                     m_search.get(), m_typing.get(), m_outbox.get()},
        m_viewer.get(), m_current.get());
    // What Session does: the open chat's members and name follow the list.
    connect(m_chats.get(), &client::ChatListModel::chatChanged, m_messages.get(),
            [this](const QString &chatId) {
                if (const Chat *chat = m_chats->chat(chatId))
                    m_messages->updateChat(*chat);
            });
    setUp();
}

void ModelStackTestCase::cleanup()
{
    tearDown();
    m_router.reset();
    m_current.reset();
    m_viewer.reset();
    m_typing.reset();
    m_search.reset();
    m_notifications.reset();
    m_messages.reset();
    m_outbox.reset();
    m_chats.reset();
    m_avatars.reset();
    m_connection.reset();
    m_transport = nullptr;
}

} // namespace parley::test
