// SPDX-License-Identifier: GPL-3.0-or-later
// EventRouter on its own: server events fed by hand into the real models, with a connection
// that never opens, so each case states exactly what the server said.
#include "modelstacktestcase.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using parley::client::EventRouter;
using parley::client::NotificationModel;

using namespace parley::test::fixtures;

class TestEventRouter : public parley::test::ModelStackTestCase
{
    Q_OBJECT

private:
    QStringList eventTexts(const QString &chatId) const
    {
        QStringList texts;
        for (const parley::Message &line : m_router->eventLines(chatId))
            texts.append(line.content);
        return texts;
    }

    QString notificationRole(int row, int role) const
    {
        return m_notifications->index(row).data(role).toString();
    }

private slots:
    // The message moves its chat to the top of the list; the notification must still name the
    // chat and sender of the message, not whichever chat took the old row.
    void notificationsNameTheMessagesChatAfterTheListReorders()
    {
        m_router->applyChat(direct(u"dm"_s, m_bob, 1));
        m_router->applyChat(group(u"rocket"_s, u"Rocket team"_s, {m_bob, m_carol}, 5));
        m_router->applyChat(direct(u"dm-carol"_s, m_carol, 0));
        QCOMPARE(m_chats->indexOf(u"rocket"_s), 0);
        QSignalSpy told(m_router.get(), &EventRouter::notificationWanted);

        m_router->applyEvent(u"message.new"_s,
                             messageEvent(message(u"dm"_s, 1, m_bob, u"third DM from Bob"_s, 10)));
        QCOMPARE(m_chats->indexOf(u"dm"_s), 0);
        QCOMPARE(notificationRole(0, NotificationModel::ChatTitleRole), u"Bob Baker"_s);
        QCOMPARE(notificationRole(0, NotificationModel::IsGroupRole), u"false"_s);
        QCOMPARE(told.count(), 1);
        QCOMPARE(told.at(0).at(0).toString(), u"dm"_s);
        QCOMPARE(told.at(0).at(1).toString(), u"Bob Baker"_s);

        m_router->applyEvent(u"message.new"_s,
                             messageEvent(message(u"rocket"_s, 1, m_carol, u"from Carol"_s, 11)));
        QCOMPARE(notificationRole(0, NotificationModel::ChatTitleRole), u"Rocket team"_s);
        QCOMPARE(notificationRole(0, NotificationModel::SenderNameRole), u"Carol Cho"_s);
        QCOMPARE(told.at(1).at(1).toString(), u"Carol Cho · Rocket team"_s);

        // The oldest chat jumps over two others.
        m_router->applyEvent(u"message.new"_s,
                             messageEvent(message(u"dm-carol"_s, 1, m_carol, u"psst"_s, 12)));
        QCOMPARE(notificationRole(0, NotificationModel::ChatTitleRole), u"Carol Cho"_s);
        QCOMPARE(told.at(2).at(1).toString(), u"Carol Cho"_s);
    }

    // Bob renamed himself and chose a picture; no event says so, but his next message carries
    // both: the list, the open chat's header and his earlier rows follow.
    void aSendersNewNameAndPictureReachTheListAndHeader()
    {
        m_router->applyChat(direct(u"dm"_s, m_bob, 1));
        m_router->applyChat(group(u"rocket"_s, u"Rocket team"_s, {m_bob, m_carol}, 2));
        m_current->select(u"dm"_s);
        m_messages->setChat(*m_chats->chat(u"dm"_s));
        m_messages->addMessage(message(u"dm"_s, 1, m_bob, u"before"_s, 3));
        QSignalSpy changed(m_chats.get(), &parley::client::ChatListModel::chatChanged);

        const parley::User renamed = user(u"u2"_s, u"Robert Baker"_s, u"av-robert"_s);
        m_router->applyEvent(u"message.new"_s,
                             messageEvent(message(u"dm"_s, 2, renamed, u"after"_s, 4)));
        QCOMPARE(m_chats->get(u"dm"_s).value(u"title"_s).toString(), u"Robert Baker"_s);
        QCOMPARE(m_chats->chat(u"dm"_s)->members.at(1).avatar, u"av-robert"_s);
        QCOMPARE(m_chats->chat(u"rocket"_s)->members.at(1).name, u"Robert Baker"_s);
        QVERIFY(changed.contains(QVariantList{u"dm"_s})); // Session refreshes the header
        QVERIFY(changed.contains(QVariantList{u"rocket"_s}));
        QCOMPARE(m_messages->rowCount(), 2);
        for (int row = 0; row < 2; ++row) {
            QCOMPARE(m_messages->get(row).value(u"senderName"_s).toString(), u"Robert Baker"_s);
        }
    }

    // user.updated: a rename or a new picture reaches the list, the header and the open chat
    // at once, without waiting for that person's next message.
    void aProfileUpdateEventReachesTheListHeaderAndMessages()
    {
        m_router->applyChat(direct(u"dm"_s, m_bob, 1));
        m_router->applyChat(group(u"rocket"_s, u"Rocket team"_s, {m_bob, m_carol}, 2));
        m_current->select(u"dm"_s);
        m_messages->setChat(*m_chats->chat(u"dm"_s));
        m_messages->addMessage(message(u"dm"_s, 1, m_bob, u"before"_s, 3));
        QSignalSpy changed(m_chats.get(), &parley::client::ChatListModel::chatChanged);
        QSignalSpy own(m_router.get(), &parley::client::EventRouter::ownProfileChanged);

        parley::User renamed = user(u"u2"_s, u"Robert Baker"_s, u"av-robert"_s);
        m_router->applyEvent(u"user.updated"_s, {{u"user"_s, renamed.toJson()}});
        QCOMPARE(m_chats->get(u"dm"_s).value(u"title"_s).toString(), u"Robert Baker"_s);
        QCOMPARE(m_chats->chat(u"dm"_s)->members.at(1).avatar, u"av-robert"_s);
        QCOMPARE(m_chats->chat(u"rocket"_s)->members.at(1).name, u"Robert Baker"_s);
        QVERIFY(changed.contains(QVariantList{u"dm"_s})); // Session refreshes the header
        QVERIFY(changed.contains(QVariantList{u"rocket"_s}));
        QCOMPARE(m_messages->get(0).value(u"senderName"_s).toString(), u"Robert Baker"_s);
        QCOMPARE(own.count(), 0);

        // The user's own change made on another device updates who they are here.
        const parley::User me = user(m_alice.id, u"Alice Archer"_s, u"av-alice"_s);
        m_router->applyEvent(u"user.updated"_s, {{u"user"_s, me.toJson()}});
        QCOMPARE(own.count(), 1);
        QCOMPARE(own.at(0).at(0).value<parley::User>().name, u"Alice Archer"_s);
    }

    // Alice's message was read by everyone: Bob said so with a read event, Carol by replying
    // after it once she was back in the group. A re-added member starts with the chat read up
    // to then (the server's rule), without a read event.
    // The selected chat is one object whose typed properties follow chat.updated as it comes.
    void theCurrentChatFollowsRenamesAndMembers()
    {
        parley::Chat rocket = group(u"rocket"_s, u"Rocket team"_s, {m_bob}, 1);
        m_router->applyChat(rocket);
        QSignalSpy idChanged(m_current.get(), &parley::client::CurrentChat::chatIdChanged);
        QSignalSpy changed(m_current.get(), &parley::client::CurrentChat::changed);
        m_current->select(u"rocket"_s);
        QCOMPARE(idChanged.size(), 1);
        QCOMPARE(m_current->chatId(), u"rocket"_s);
        QCOMPARE(m_current->title(), u"Rocket team"_s);
        QVERIFY(m_current->isGroup());
        QVERIFY(m_current->isAdmin());
        QCOMPARE(m_current->memberCount(), 2);

        changed.clear();
        rocket.name = u"Launch crew"_s;
        rocket.members.append(m_carol);
        m_router->applyEvent(u"chat.updated"_s, {{u"chat"_s, rocket.toJson()}});
        QCOMPARE(changed.size(), 1);
        QCOMPARE(m_current->title(), u"Launch crew"_s);
        QCOMPARE(m_current->memberCount(), 3);
        QCOMPARE(m_current->members().size(), 3);
        QCOMPARE(m_current->property("title").toString(), u"Launch crew"_s); // as QML reads it

        // Another chat changing is no change of this one.
        changed.clear();
        m_router->applyChat(direct(u"dm"_s, m_bob, 2));
        QCOMPARE(changed.size(), 0);

        // Removed from under the viewer: deselected at once.
        QSignalSpy removed(m_router.get(), &EventRouter::selectedChatRemoved);
        m_router->applyEvent(u"chat.removed"_s, {{u"chatId"_s, u"rocket"_s}});
        QCOMPARE(removed.size(), 1);
        m_current->select({});
        QCOMPARE(m_current->title(), QString());
        QCOMPARE(m_current->memberCount(), 0);
    }

    // Who is signed in is held once: the router and the selected chat read it from there.
    void theSignedInUserIsReadWhereItIsHeld()
    {
        m_router->applyChat(direct(u"dm"_s, m_bob, 1));
        m_current->select(u"dm"_s);
        m_typing->setChatId(u"dm"_s); // as Session does on selection
        const auto selfFlags = [this] {
            QList<bool> flags;
            for (const QVariant &member : m_current->members())
                flags.append(member.toMap().value(u"isSelf"_s).toBool());
            return flags;
        };
        QCOMPARE(selfFlags(), (QList<bool>{true, false}));

        // Bob's typing is shown to Alice; once Bob is the one signed in, it is his own.
        const auto bobTypes = [this] {
            m_router->applyEvent(u"typing"_s,
                                 {{u"chatId"_s, u"dm"_s},
                                  {u"userId"_s, m_bob.id},
                                  {u"name"_s, m_bob.name},
                                  {u"typing"_s, true}});
        };
        bobTypes();
        QVERIFY(m_typing->active());
        m_typing->clear();
        m_viewer->set(m_bob);
        QCOMPARE(selfFlags(), (QList<bool>{false, true}));
        bobTypes();
        QVERIFY(!m_typing->active());
    }

    void readMarksSurviveAMemberBeingRemovedAndAddedAgain()
    {
        parley::Chat rocket = group(u"rocket"_s, u"Rocket team"_s, {m_bob, m_carol}, 1);
        m_router->applyChat(rocket);
        m_current->select(u"rocket"_s);
        m_messages->setChat(*m_chats->chat(u"rocket"_s));
        const parley::Message mine = message(u"rocket"_s, 1, m_alice, u"all read?"_s, 2);
        m_router->applyEvent(u"message.new"_s, messageEvent(mine));
        const auto readByAll = [this] {
            const int row = m_messages->rowOfSeq(1);
            return row >= 0 && m_messages->get(row).value(u"readByAll"_s).toBool();
        };
        m_router->applyEvent(
            u"read"_s,
            {{u"chatId"_s, u"rocket"_s}, {u"userId"_s, m_bob.id}, {u"lastReadSeq"_s, 1}});
        QVERIFY(!readByAll()); // Carol has not read it

        parley::Chat without = rocket;
        without.members.removeLast();
        without.latestMessage = mine;
        m_router->applyEvent(u"chat.updated"_s, {{u"chat"_s, without.toJson()}});
        QVERIFY(readByAll()); // everyone still in the group read it
        parley::Chat back = without;
        back.members.append(m_carol);
        m_router->applyEvent(u"chat.updated"_s, {{u"chat"_s, back.toJson()}});
        QVERIFY(readByAll()); // back with the chat read up to now

        // Switching chats and back keeps what was learnt.
        m_current->select({});
        m_messages->clear();
        m_current->select(u"rocket"_s);
        m_messages->setChat(*m_chats->chat(u"rocket"_s));
        const auto markers = m_router->readMarkers(u"rocket"_s);
        for (auto it = markers.cbegin(); it != markers.cend(); ++it)
            m_messages->setReadMarker(it.key(), it.value());
        m_messages->addMessage(mine);
        QVERIFY(readByAll());
    }

    // A reply says its sender read everything before it, also when no read event was seen
    // (the app started after it was sent).
    void aReplyCountsAsReadingWhatCameBefore()
    {
        m_router->applyChat(direct(u"dm"_s, m_bob, 1));
        m_current->select(u"dm"_s);
        m_messages->setChat(*m_chats->chat(u"dm"_s));
        m_messages->addMessage(message(u"dm"_s, 1, m_alice, u"question"_s, 2));
        m_router->applyEvent(u"message.new"_s,
                             messageEvent(message(u"dm"_s, 2, m_bob, u"answer"_s, 3)));
        const int row = m_messages->rowOfSeq(1);
        QVERIFY(m_messages->get(row).value(u"readByAll"_s).toBool());
        QCOMPARE(m_router->readMarkers(u"dm"_s).value(m_bob.id), 2);
    }

    // Removed by the admin: the person is told, not left looking at a vanished group. Leaving
    // on one's own is no news.
    void aRemovedMemberIsToldWhichGroupTheyLeft()
    {
        m_router->applyChat(group(u"rocket"_s, u"Rocket team"_s, {m_bob, m_carol}, 1));
        m_router->applyChat(group(u"design"_s, u"Design"_s, {m_bob, m_carol}, 2));
        m_current->select(u"rocket"_s);
        QSignalSpy deselected(m_router.get(), &EventRouter::selectedChatRemoved);
        QSignalSpy told(m_router.get(), &EventRouter::removedFromChat);

        m_router->applyEvent(u"chat.removed"_s, {{u"chatId"_s, u"rocket"_s}});
        QCOMPARE(deselected.count(), 1);
        QCOMPARE(told.count(), 1);
        QCOMPARE(told.at(0).at(1).toString(), u"Rocket team"_s);
        QCOMPARE(m_chats->indexOf(u"rocket"_s), -1);

        m_router->expectLeave(u"design"_s);
        m_router->applyEvent(u"chat.removed"_s, {{u"chatId"_s, u"design"_s}});
        QCOMPARE(told.count(), 1);
        QCOMPARE(m_chats->count(), 0);
    }

    // The protocol sends chat.updated without saying what changed: the timeline gets a line
    // for each change, placed after the message it followed.
    void groupChangesBecomeTimelineLines()
    {
        const parley::User dave = user(u"u4"_s, u"Dave Diaz"_s);
        parley::Chat rocket = group(u"rocket"_s, u"Rocket team"_s, {m_bob, m_carol}, 1);
        m_router->applyChat(rocket);
        m_current->select(u"rocket"_s);
        m_messages->setChat(*m_chats->chat(u"rocket"_s));
        for (const parley::Message &line : m_router->eventLines(u"rocket"_s))
            m_messages->addEventLine(line);
        const parley::Message hello = message(u"rocket"_s, 1, m_bob, u"hello"_s, 2);
        m_router->applyEvent(u"message.new"_s, messageEvent(hello));

        parley::Chat changed = rocket;
        changed.name = u"Rockets"_s;
        changed.members = {m_alice, m_bob, dave};
        changed.latestMessage = hello;
        m_router->applyEvent(u"chat.updated"_s, {{u"chat"_s, changed.toJson()}});

        const QStringList lines = eventTexts(u"rocket"_s);
        QCOMPARE(lines,
                 (QStringList{u"You created the group"_s, u"You renamed the group to “Rockets”"_s,
                              u"You added Dave Diaz"_s, u"Carol Cho is no longer in the group"_s}));
        // Newest first: the three changes above Bob's message, the creation below it.
        QStringList shown;
        for (int row = 0; row < m_messages->rowCount(); ++row) {
            const QVariantMap item = m_messages->get(row);
            shown.append((item.value(u"isEvent"_s).toBool() ? u"— "_s : u""_s)
                         + item.value(u"content"_s).toString());
        }
        QCOMPARE(shown,
                 (QStringList{u"— Carol Cho is no longer in the group"_s,
                              u"— You added Dave Diaz"_s, u"— You renamed the group to “Rockets”"_s,
                              u"hello"_s, u"— You created the group"_s}));
        QCOMPARE(m_messages->rowOfSeq(1), 3);
        QVERIFY(!m_messages->get(0).value(u"canDelete"_s).toBool());
    }

    void aDepartingAdminLeftAndSomeoneElseLeadsNow()
    {
        parley::Chat rocket = group(u"rocket"_s, u"Rocket team"_s, {m_bob, m_carol}, 1);
        rocket.adminId = m_bob.id;
        rocket.latestMessage = message(u"rocket"_s, 4, m_bob, u"bye"_s, 2);
        m_router->applyChat(rocket);
        QVERIFY(m_router->eventLines(u"rocket"_s).isEmpty()); // joined late: no "created"
        parley::Chat after = rocket;
        after.members.removeAt(1);
        after.adminId = Me;
        m_router->applyEvent(u"chat.updated"_s, {{u"chat"_s, after.toJson()}});
        const QStringList lines = eventTexts(u"rocket"_s);
        QCOMPARE(lines, (QStringList{u"Bob Baker left the group"_s, u"You are now the admin"_s}));
    }
};

QTEST_MAIN(TestEventRouter)
#include "tst_eventrouter.moc"
