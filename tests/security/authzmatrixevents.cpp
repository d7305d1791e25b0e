// SPDX-License-Identifier: GPL-3.0-or-later
// The authorization matrix's listener rows: which event about a chat reaches whom.
#include "operations.h"
#include "protocolcheck.h"
#include "tst_authz_matrix.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace parley::test;
using namespace parley::test::authz;

namespace {

// Whether an event's data is about the chat or the user (presence, typing, read).
bool isAbout(const QJsonObject &data, const QString &chatId, const QString &userId)
{
    return data.value("chatId"_L1).toString() == chatId
        || data.value("chat"_L1).toObject().value("id"_L1).toString() == chatId
        || data.value("message"_L1).toObject().value("chatId"_L1).toString() == chatId
        || data.value("userId"_L1).toString() == userId;
}

} // namespace

void tst_AuthzMatrix::clearListeners()
{
    for (auto &[role, listener] : m_listeners)
        listener->clearEvents();
}

bool tst_AuthzMatrix::typingSeenBy(Role role, bool typing)
{
    const QString oscar = m_oscar->userId();
    return m_listeners.at(role)
        ->waitEvent(u"typing"_s,
                    [&](const QJsonObject &data) {
                        return data.value("userId"_L1).toString() == oscar
                            && data.value("typing"_L1).toBool() == typing;
                    })
        .has_value();
}

void tst_AuthzMatrix::eventsReachOnlyThoseWhoMaySeeThem_data()
{
    QTest::addColumn<QString>("event");
    QTest::addColumn<Action>("action");
    QTest::addColumn<QList<int>>("receivers"); // roles; everyone else gets nothing about the chat

    const QList<int> members{int(Role::Member), int(Role::Admin)};
    const auto send = [](tst_AuthzMatrix &t) {
        return messageIdOf(t.m_oscar->sendMessage(t.m_listenedGroup, uniqueClientId()));
    };
    const auto typing = [](tst_AuthzMatrix &t, bool start) {
        t.m_oscar->fire(start ? u"typing.start"_s : u"typing.stop"_s,
                        {{"chatId"_L1, t.m_listenedGroup}});
        return true;
    };
    const auto changeMember = [](tst_AuthzMatrix &t, const QString &op, const QString &userId) {
        return isOk(t.client(Role::Admin)
                        .request(op, {{"chatId"_L1, t.m_listenedGroup}, {"userId"_L1, userId}}));
    };
    // Dave is a member again for a moment while Oscar types, and removed before it ends.
    const auto typingWhileDaveIsRemoved = [=](tst_AuthzMatrix &t) {
        if (!changeMember(t, u"chat.addMember"_s, t.m_cast.dave.id) || !typing(t, true)
            || !t.typingSeenBy(Role::Removed, true)
            || !changeMember(t, u"chat.removeMember"_s, t.m_cast.dave.id)
            || !t.m_listeners.at(Role::Removed)->waitEvent(u"chat.removed"_s))
            return false;
        t.clearListeners();
        return true;
    };

    QTest::newRow("message.new") << u"message.new"_s
                                 << Action([=](tst_AuthzMatrix &t) { return !send(t).isEmpty(); })
                                 << members;
    QTest::newRow("message.updated by an edit")
        << u"message.updated"_s << Action([=](tst_AuthzMatrix &t) {
               const QString id = send(t);
               t.clearListeners();
               return isOk(t.m_oscar->request(
                   u"message.edit"_s, {{"messageId"_L1, id}, {"content"_L1, uniqueClientId()}}));
           })
        << members;
    QTest::newRow("message.updated by a delete")
        << u"message.updated"_s << Action([=](tst_AuthzMatrix &t) {
               const QString id = send(t);
               t.clearListeners();
               return isOk(t.m_oscar->request(u"message.delete"_s, {{"messageId"_L1, id}}));
           })
        << members;
    QTest::newRow("typing started")
        << u"typing"_s << Action([=](tst_AuthzMatrix &t) { return typing(t, true); }) << members;
    QTest::newRow("typing stopped") << u"typing"_s << Action([=](tst_AuthzMatrix &t) {
        if (!typing(t, true) || !t.typingSeenBy(Role::Member, true))
            return false;
        t.clearListeners();
        return typing(t, false);
    }) << members;
    QTest::newRow("typing expired") << u"typing"_s << Action([=](tst_AuthzMatrix &t) {
        if (!typing(t, true) || !t.typingSeenBy(Role::Member, true))
            return false;
        t.clearListeners();
        return true; // the server ends it by itself
    }) << members;
    QTest::newRow("read") << u"read"_s << Action([](tst_AuthzMatrix &t) {
        if (t.client(Role::Admin).sendMessage(t.m_listenedGroup, u"news"_s).isEmpty())
            return false;
        t.clearListeners();
        return isOk(t.m_oscar->request(u"chat.markRead"_s,
                                       {{"chatId"_L1, t.m_listenedGroup}, {"seq"_L1, 1'000'000}}));
    }) << members;
    QTest::newRow("presence offline") << u"presence"_s << Action([](tst_AuthzMatrix &t) {
        t.m_oscar->close();
        return true;
    }) << members;
    QTest::newRow("presence online") << u"presence"_s << Action([](tst_AuthzMatrix &t) {
        t.m_oscar = t.m_server->connectAs(t.m_oscar->account());
        return t.m_oscar != nullptr;
    }) << members;
    QTest::newRow("chat.updated by a rename")
        << u"chat.updated"_s << Action([](tst_AuthzMatrix &t) {
               return isOk(
                   t.client(Role::Admin)
                       .request(u"chat.rename"_s,
                                {{"chatId"_L1, t.m_listenedGroup}, {"name"_L1, uniqueClientId()}}));
           })
        << members;
    QTest::newRow("chat.updated by an add") << u"chat.updated"_s << Action([=](tst_AuthzMatrix &t) {
        return changeMember(t, u"chat.addMember"_s, t.m_cast.grace.id);
    }) << members;
    QTest::newRow("chat.updated by a removal")
        << u"chat.updated"_s << Action([=](tst_AuthzMatrix &t) {
               return changeMember(t, u"chat.removeMember"_s, t.m_cast.grace.id);
           })
        << members;
    QTest::newRow("chat.removed goes to the removed user only")
        << u"chat.removed"_s << Action([=](tst_AuthzMatrix &t) {
               if (!changeMember(t, u"chat.addMember"_s, t.m_cast.grace.id))
                   return false;
               t.clearListeners();
               return changeMember(t, u"chat.removeMember"_s, t.m_cast.grace.id);
           })
        << QList<int>{};
    QTest::newRow("typing of the removed member is dropped")
        << u"typing"_s << Action([](tst_AuthzMatrix &t) {
               t.client(Role::Removed).fire(u"typing.start"_s, {{"chatId"_L1, t.m_listenedGroup}});
               return true;
           })
        << QList<int>{};
    QTest::newRow("typing of a non-member is dropped")
        << u"typing"_s << Action([](tst_AuthzMatrix &t) {
               t.client(Role::NonMember)
                   .fire(u"typing.start"_s, {{"chatId"_L1, t.m_listenedGroup}});
               return true;
           })
        << QList<int>{};
    QTest::newRow("message of a non-member is refused")
        << u"message.new"_s << Action([](tst_AuthzMatrix &t) {
               const QJsonObject response = t.client(Role::NonMember)
                                                .request(u"message.send"_s,
                                                         {{"chatId"_L1, t.m_listenedGroup},
                                                          {"clientId"_L1, uniqueClientId()},
                                                          {"content"_L1, u"let me in"_s}});
               return errorCode(response) == u"forbidden"_s;
           })
        << QList<int>{};
    QTest::newRow("typing stopped after a member was removed")
        << u"typing"_s << Action([=](tst_AuthzMatrix &t) {
               return typingWhileDaveIsRemoved(t) && typing(t, false);
           })
        << members;
    QTest::newRow("typing expired after a member was removed")
        << u"typing"_s << Action([=](tst_AuthzMatrix &t) { return typingWhileDaveIsRemoved(t); })
        << members;
    QTest::newRow("error event") << u"error"_s << Action([](tst_AuthzMatrix &t) {
        t.m_oscar->sendRaw("this is not JSON");
        return t.m_oscar->waitEvent(u"error"_s).has_value();
    }) << QList<int>{};
}

void tst_AuthzMatrix::eventsReachOnlyThoseWhoMaySeeThem()
{
    QFETCH(QString, event);
    QFETCH(Action, action);
    QFETCH(QList<int>, receivers);
    const QString chatId = m_listenedGroup;
    const QString oscarId = m_oscar->userId();
    const auto about = [&](const QJsonObject &data) { return isAbout(data, chatId, oscarId); };

    clearListeners();
    QVERIFY(action(*this));
    for (int role : receivers)
        QVERIFY2(m_listeners.at(Role(role))->waitEvent(event, about),
                 qPrintable(roleName(Role(role)) + u" did not get "_s + event));
    QTest::qWait(QuietMs); // what reached the members would have reached the others by now
    for (Role role : AllRoles) {
        if (receivers.contains(int(role)))
            continue;
        TestClient &listener = *m_listeners.at(role);
        QVERIFY2(listener.expectNoEvent(event, {}, 0),
                 qPrintable(roleName(role) + u" got "_s + event));
        if (role == Role::Member || role == Role::Admin)
            continue; // members see the chat's other events; the rest may see none of them
        for (const parley::EventInfo &info : parley::eventTable()) {
            for (const QJsonObject &data : listener.takeEvents(QString::fromLatin1(info.name)))
                QVERIFY2(!about(data),
                         qPrintable(roleName(role) + u" got "_s + QString::fromLatin1(info.name)
                                    + u": "_s + QString::fromUtf8(describe(data))));
        }
    }
    // A typing state left running would swallow the next row's typing.start. Once Oscar's next
    // request is answered, the stop it may cause has reached everyone and the next row's start
    // clears it away.
    if (m_oscar->isConnected()) {
        m_oscar->fire(u"typing.stop"_s, {{"chatId"_L1, chatId}});
        PARLEY_VERIFY_OK(m_oscar->request(u"user.me"_s));
    }
}
