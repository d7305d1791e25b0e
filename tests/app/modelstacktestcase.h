// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "avatarcache.h"
#include "chatfixtures.h"
#include "chatlistmodel.h"
#include "connection.h"
#include "currentchat.h"
#include "eventrouter.h"
#include "faketransport.h"
#include "messagemodel.h"
#include "notificationmodel.h"
#include "outbox.h"
#include "signedinuser.h"
#include "typingmodel.h"
#include "usersearchmodel.h"

#include <QObject>

#include <memory>

namespace parley::test {

// The base of the suites that test the app's state classes over the real models: before each
// test function (init() and cleanup() are inherited slots) a Connection over a FakeTransport that
// plays the server, the models, the selection and the EventRouter wired as Session wires them,
// signed in as fixtures::Me ("Alice"). setUp() and tearDown() add what a suite needs beside them.
class ModelStackTestCase : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

protected:
    virtual void setUp() { }
    virtual void tearDown() { }

    FakeTransport *m_transport = nullptr; // owned by m_connection
    std::unique_ptr<client::Connection> m_connection;
    std::unique_ptr<client::AvatarCache> m_avatars;
    std::unique_ptr<client::ChatListModel> m_chats;
    std::unique_ptr<client::Outbox> m_outbox;
    std::unique_ptr<client::MessageModel> m_messages;
    std::unique_ptr<client::NotificationModel> m_notifications;
    std::unique_ptr<client::UserSearchModel> m_search;
    std::unique_ptr<client::TypingModel> m_typing;
    std::unique_ptr<client::SignedInUser> m_viewer;
    std::unique_ptr<client::CurrentChat> m_current;
    std::unique_ptr<client::EventRouter> m_router;
    const User m_alice = fixtures::user(fixtures::Me, QStringLiteral("Alice"));
    const User m_bob = fixtures::user(QStringLiteral("u2"), QStringLiteral("Bob Baker"));
    const User m_carol = fixtures::user(QStringLiteral("u3"), QStringLiteral("Carol Cho"));
};

} // namespace parley::test
