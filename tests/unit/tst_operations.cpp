// SPDX-License-Identifier: GPL-3.0-or-later
#include "operations.h"

#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace parley;

// The operation and event table against docs/protocol.md: names, and which ops need no sign-in.
class TestOperations : public QObject
{
    Q_OBJECT

private slots:
    void operations_data()
    {
        QTest::addColumn<Op>("op");
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("beforeAuth");
        QTest::addColumn<bool>("fireAndForget");
        const auto row = [](Op op, const QString &name, bool beforeAuth, bool fireAndForget) {
            QTest::newRow(qPrintable(name)) << op << name << beforeAuth << fireAndForget;
        };
        row(Op::ServerInfo, u"server.info"_s, true, false);
        row(Op::AuthRegister, u"auth.register"_s, true, false);
        row(Op::AuthLogin, u"auth.login"_s, true, false);
        row(Op::AuthToken, u"auth.token"_s, true, false);
        row(Op::AuthRefresh, u"auth.refresh"_s, true, false);
        row(Op::AuthLogout, u"auth.logout"_s, false, false);
        row(Op::UserMe, u"user.me"_s, false, false);
        row(Op::UserUpdate, u"user.update"_s, false, false);
        row(Op::AvatarGet, u"avatar.get"_s, false, false);
        row(Op::UserSearch, u"user.search"_s, false, false);
        row(Op::ChatList, u"chat.list"_s, false, false);
        row(Op::ChatDirect, u"chat.direct"_s, false, false);
        row(Op::ChatCreateGroup, u"chat.createGroup"_s, false, false);
        row(Op::ChatRename, u"chat.rename"_s, false, false);
        row(Op::ChatAddMember, u"chat.addMember"_s, false, false);
        row(Op::ChatRemoveMember, u"chat.removeMember"_s, false, false);
        row(Op::MessageSend, u"message.send"_s, false, false);
        row(Op::MessageHistory, u"message.history"_s, false, false);
        row(Op::MessageEdit, u"message.edit"_s, false, false);
        row(Op::MessageDelete, u"message.delete"_s, false, false);
        row(Op::ChatMarkRead, u"chat.markRead"_s, false, false);
        row(Op::Sync, u"sync"_s, false, false);
        row(Op::TypingStart, u"typing.start"_s, false, true);
        row(Op::TypingStop, u"typing.stop"_s, false, true);
    }
    void operations()
    {
        QFETCH(Op, op);
        QFETCH(QString, name);
        QFETCH(bool, beforeAuth);
        QFETCH(bool, fireAndForget);
        QCOMPARE(opName(op), name);
        QCOMPARE(opFromName(name), std::optional<Op>(op));
        QCOMPARE(opInfo(op).op, op);
        QCOMPARE(opInfo(op).allowedBeforeAuth, beforeAuth);
        QCOMPARE(opInfo(op).fireAndForget, fireAndForget);
    }

    void tableHasEveryOpOnceWithAUniqueName()
    {
        const auto table = operationTable();
        QCOMPARE(table.size(), std::size_t(Op::TypingStop) + 1);
        QSet<Op> ops;
        QSet<QString> names;
        for (const OpInfo &info : table) {
            ops.insert(info.op);
            names.insert(QString::fromLatin1(info.name));
        }
        QCOMPARE(ops.size(), qsizetype(table.size()));
        QCOMPARE(names.size(), qsizetype(table.size()));
    }

    void onlyTheFiveSignInOpsAreAllowedBeforeAuth()
    {
        QStringList allowed;
        for (const OpInfo &info : operationTable()) {
            if (info.allowedBeforeAuth)
                allowed.append(QString::fromLatin1(info.name));
        }
        allowed.sort();
        QCOMPARE(allowed,
                 QStringList({u"auth.login"_s, u"auth.refresh"_s, u"auth.register"_s,
                              u"auth.token"_s, u"server.info"_s}));
    }

    void events_data()
    {
        QTest::addColumn<Event>("event");
        QTest::addColumn<QString>("name");
        const auto row = [](Event event, const QString &name) {
            QTest::newRow(qPrintable(name)) << event << name;
        };
        row(Event::MessageNew, u"message.new"_s);
        row(Event::MessageUpdated, u"message.updated"_s);
        row(Event::ChatUpdated, u"chat.updated"_s);
        row(Event::ChatRemoved, u"chat.removed"_s);
        row(Event::Typing, u"typing"_s);
        row(Event::Read, u"read"_s);
        row(Event::Presence, u"presence"_s);
        row(Event::UserUpdated, u"user.updated"_s);
        row(Event::Error, u"error"_s);
    }
    void events()
    {
        QFETCH(Event, event);
        QFETCH(QString, name);
        QCOMPARE(eventName(event), name);
        QCOMPARE(eventFromName(name), std::optional<Event>(event));
    }

    void tableHasEveryEventOnceWithAUniqueName()
    {
        const auto table = eventTable();
        QCOMPARE(table.size(), std::size_t(Event::Error) + 1);
        QSet<Event> events;
        QSet<QString> names;
        for (const EventInfo &info : table) {
            events.insert(info.event);
            names.insert(QString::fromLatin1(info.name));
        }
        QCOMPARE(events.size(), qsizetype(table.size()));
        QCOMPARE(names.size(), qsizetype(table.size()));
    }

    void unknownNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("empty") << QString();
        QTest::newRow("unknown op") << u"chat.explode"_s;
        QTest::newRow("wrong case") << u"Server.Info"_s;
        QTest::newRow("trailing space") << u"sync "_s;
        QTest::newRow("event name is no op") << u"message.new"_s;
    }
    void unknownNames()
    {
        QFETCH(QString, name);
        QCOMPARE(opFromName(name), std::nullopt);
        if (name != u"message.new"_s)
            QCOMPARE(eventFromName(name), std::nullopt);
    }
};

QTEST_GUILESS_MAIN(TestOperations)
#include "tst_operations.moc"
