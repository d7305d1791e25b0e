// SPDX-License-Identifier: GPL-3.0-or-later
// The app's state against a real in-process server: two (or three) Sessions as different users,
// each with its own settings, data and keychain, observed through the models QML shows.
#include "account.h"
#include "apptestkit.h"
#include "chatlistmodel.h"
#include "connection.h"
#include "currentchat.h"
#include "messagemodel.h"
#include "notificationmodel.h"
#include "outbox.h"
#include "requests.h"
#include "typingmodel.h"
#include "usersearchmodel.h"

#include <QImage>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using parley::client::ChatListModel;
using parley::client::Connection;
using parley::client::MessageModel;
using parley::client::Session;
using parley::test::AppClient;
using parley::test::AppServer;
using parley::test::SlowMs;

namespace {

QVariant roleOf(QAbstractItemModel *model, int row, int role)
{
    return model->data(model->index(row, 0), role);
}

// The contents of a message list, oldest first.
QStringList contents(MessageModel *model)
{
    QStringList texts;
    for (int row = model->rowCount() - 1; row >= 0; --row)
        texts.append(roleOf(model, row, MessageModel::ContentRole).toString());
    return texts;
}

// Stored by the server: one tick, or two once read.
bool delivered(MessageModel *model, int row)
{
    const int state = roleOf(model, row, MessageModel::DeliveryStateRole).toInt();
    return state == MessageModel::Sent || state == MessageModel::Read;
}

bool allIdsDistinct(MessageModel *model)
{
    QSet<QString> ids;
    for (int row = 0; row < model->rowCount(); ++row) {
        const QString id = roleOf(model, row, MessageModel::MessageIdRole).toString();
        if (!id.isEmpty() && ids.contains(id))
            return false;
        ids.insert(id);
    }
    return true;
}

int unreadOf(const AppClient &client, const QString &chatId)
{
    return client->chats()->get(chatId).value(u"unreadCount"_s).toInt();
}

} // namespace

class TestSession : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_root;
    std::unique_ptr<AppServer> m_server;

    std::vector<std::unique_ptr<AppClient>> m_clients;

    // A new installation of the app, kept until the test ends.
    AppClient &client(const QString &name)
    {
        m_clients.push_back(std::make_unique<AppClient>(m_root->filePath(name)));
        return *m_clients.back();
    }

    // A client signed up as name and online; check signedIn() before relying on it.
    AppClient &signedUp(const QString &name)
    {
        AppClient &result = client(name);
        [[maybe_unused]] const bool ok = result.signUp(m_server->url(), name);
        return result;
    }

    // Ana opens a direct chat with Ben; both lists hold it. Returns its id.
    QString directChat(AppClient &ana, AppClient &ben)
    {
        ana->openDirectChat(ben->userId());
        if (!QTest::qWaitFor([&] { return !ana->selectedChatId().isEmpty(); }, SlowMs))
            return {};
        const QString chatId = ana->selectedChatId();
        return ben.waitForChat(chatId) ? chatId : QString();
    }

    // Stores count messages quickly, pipelined past the app's one-at-a-time outbox.
    bool seed(AppClient &sender, const QString &chatId, int count)
    {
        int stored = 0;
        for (int i = 1; i <= count; ++i) {
            const parley::MessageSendRequest request{chatId, QUuid::createUuid().toString(),
                                                     u"message %1"_s.arg(i)};
            sender->connection()->request(
                parley::Op::MessageSend, request.toJson(), nullptr,
                [&stored](const parley::client::Reply &reply) { stored += reply.ok() ? 1 : 0; });
        }
        return QTest::qWaitFor([&] { return stored == count; }, SlowMs);
    }

    void sendAll(AppClient &sender, int count)
    {
        for (int i = 1; i <= count; ++i)
            sender->messages()->send(u"message %1"_s.arg(i));
    }

private slots:
    void init()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_root = std::make_unique<QTemporaryDir>();
        QVERIFY(m_root->isValid());
        m_server = std::make_unique<AppServer>();
        QVERIFY(m_server->start());
    }

    void cleanup()
    {
        m_clients.clear();
        m_server.reset();
        m_root.reset();
    }

    void signUpShowsErrorsNextToTheirField_data()
    {
        QTest::addColumn<QString>("server");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("email");
        QTest::addColumn<QString>("password");
        QTest::addColumn<QString>("field");
        QTest::newRow("no server") << ""
                                   << "Ana"
                                   << "ana@example.org"
                                   << "long enough"
                                   << "server";
        QTest::newRow("not an email") << "SERVER"
                                      << "Ana"
                                      << "ana.example.org"
                                      << "long enough"
                                      << "email";
        QTest::newRow("short password") << "SERVER"
                                        << "Ana"
                                        << "ana@example.org"
                                        << "short"
                                        << "password";
        QTest::newRow("empty name") << "SERVER"
                                    << "  "
                                    << "ana@example.org"
                                    << "long enough"
                                    << "name";
    }

    void signUpShowsErrorsNextToTheirField()
    {
        QFETCH(QString, server);
        QFETCH(QString, name);
        QFETCH(QString, email);
        QFETCH(QString, password);
        QFETCH(QString, field);
        AppClient &ana = client(u"ana"_s);
        ana->signUp(server == u"SERVER"_s ? m_server->url() : server, name, email, password);
        QVERIFY2(ana->fieldErrors().contains(field), qPrintable(field));
        QCOMPARE(ana->fieldErrors().size(), 1);
        QCOMPARE(ana->state(), Session::SignedOut);
    }

    // Who is signed in is held once, by Account: Session and the selected chat read it there
    // and follow its change, from sign-up to sign-out.
    void theUserIsHeldOnceAndObserved()
    {
        AppClient &ana = client(u"ana"_s);
        parley::client::Account *account = ana->account();
        QSignalSpy idChanged(account, &parley::client::Account::userIdChanged);
        QVERIFY(ana.signUp(m_server->url(), u"Ana"_s));
        QCOMPARE(idChanged.size(), 1);
        QVERIFY(!account->userId().isEmpty());
        QCOMPARE(account->property("userId").toString(), account->userId());
        QCOMPARE(ana->userId(), account->userId());

        AppClient &ben = signedUp(u"Ben"_s);
        QVERIFY(ben->signedIn());
        const QString chatId = directChat(ana, ben);
        QVERIFY(!chatId.isEmpty());
        const QVariantList members = ana->currentChat()->members();
        QCOMPARE(members.size(), 2);
        for (const QVariant &member : members) {
            const QVariantMap person = member.toMap();
            QCOMPARE(person.value(u"isSelf"_s).toBool(),
                     person.value(u"userId"_s).toString() == account->userId());
        }

        ana->signOut();
        QCOMPARE(idChanged.size(), 2);
        QVERIFY(account->userId().isEmpty());
        QVERIFY(ana->userId().isEmpty());
        QVERIFY(ana->currentChat()->chatId().isEmpty());
    }

    void serverRefusalsAreShownInPlace()
    {
        AppClient &ana = signedUp(u"Ana"_s);
        QVERIFY(ana->signedIn());

        AppClient &again = client(u"again"_s);
        again->signUp(m_server->url(), u"Ana Two"_s, u"ANA@example.org"_s, u"long enough"_s);
        QTRY_VERIFY_WITH_TIMEOUT(again->fieldErrors().contains(u"email"_s), SlowMs);
        QCOMPARE(again->state(), Session::SignedOut);

        again->signIn(m_server->url(), u"ana@example.org"_s, u"wrong password"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!again->generalError().isEmpty(), SlowMs);
        QCOMPARE(again->state(), Session::SignedOut);

        again->signIn(m_server->url(), u"ana@example.org"_s, parley::test::Password);
        QTRY_VERIFY_WITH_TIMEOUT(again->signedIn(), SlowMs);
        QCOMPARE(again->userName(), u"Ana"_s);
        QVERIFY(again->generalError().isEmpty());
        QVERIFY(again->fieldErrors().isEmpty());
        QCOMPARE(again->recentServers().value(0), m_server->url());
    }

    void unreachableServerIsReportedOnTheServerField()
    {
        const QString url = m_server->url();
        m_server->stop();
        AppClient &ana = client(u"ana"_s);
        ana->signIn(url, u"ana@example.org"_s, parley::test::Password);
        QCOMPARE(ana->state(), Session::SigningIn);
        QTRY_VERIFY_WITH_TIMEOUT(ana->fieldErrors().contains(u"server"_s), SlowMs);
        QCOMPARE(ana->state(), Session::SignedOut);
        QCOMPARE(ana->connection()->state(), Connection::Disconnected);
    }

    void nextStartSignsInSilently()
    {
        parley::client::MemorySecretStore keychain;
        QString userId;
        QString firstToken;
        {
            AppClient ana(m_root->filePath(u"ana"_s), &keychain);
            QVERIFY(ana.signUp(m_server->url(), u"Ana"_s));
            userId = ana->userId();
            const QString key = m_server->url() + u'/' + userId;
            QTRY_VERIFY(keychain.contains(key));
            firstToken = keychain.value(key);
        }
        AppClient restarted(m_root->filePath(u"ana"_s), &keychain);
        QVERIFY(restarted->restore());
        QVERIFY(restarted.waitOnline());
        QCOMPARE(restarted->userId(), userId);
        QCOMPARE(restarted->userName(), u"Ana"_s);
        // Refresh tokens rotate: the stored one was spent and replaced.
        QTRY_VERIFY(keychain.value(m_server->url() + u'/' + userId) != firstToken);
    }

    void signOutForgetsTheAccount()
    {
        parley::client::MemorySecretStore keychain;
        {
            AppClient ana(m_root->filePath(u"ana"_s), &keychain);
            QVERIFY(ana.signUp(m_server->url(), u"Ana"_s));
            QTRY_COMPARE(keychain.keys().size(), 1);
            ana->signOut();
            QCOMPARE(ana->state(), Session::SignedOut);
            QVERIFY(ana->userId().isEmpty());
            QCOMPARE(ana->chats()->rowCount(), 0);
            QTRY_COMPARE(keychain.keys().size(), 0);
        }
        AppClient restarted(m_root->filePath(u"ana"_s), &keychain);
        QVERIFY(!restarted->restore());
        QCOMPARE(restarted->state(), Session::SignedOut);
    }

    void messageReachesTheOtherSideAndIsCounted()
    {
        AppClient &ana = signedUp(u"Ana"_s);
        AppClient &ben = signedUp(u"Ben"_s);
        QVERIFY(ana->signedIn() && ben->signedIn());
        const QString chatId = directChat(ana, ben);
        QVERIFY(!chatId.isEmpty());
        QCOMPARE(ben->chats()->get(chatId).value(u"title"_s).toString(), u"Ana"_s);
        QCOMPARE(ana->chats()->get(chatId).value(u"title"_s).toString(), u"Ben"_s);
        QSignalSpy toldBen(&ben.session(), &Session::notificationWanted);

        ana->messages()->send(u"  Hello Ben  "_s);
        QCOMPARE(ana->messages()->rowCount(), 1);
        QCOMPARE(roleOf(ana->messages(), 0, MessageModel::DeliveryStateRole).toInt(),
                 MessageModel::Pending);
        QCOMPARE(roleOf(ana->messages(), 0, MessageModel::ContentRole).toString(), u"Hello Ben"_s);
        QTRY_VERIFY_WITH_TIMEOUT(delivered(ana->messages(), 0), SlowMs);
        QCOMPARE(ana->messages()->rowCount(), 1);

        // Ben has no chat open: a notification, an unread mark and the preview in his list.
        QTRY_COMPARE_WITH_TIMEOUT(ben->notifications()->rowCount(), 1, SlowMs);
        QCOMPARE(roleOf(ben->notifications(), 0, parley::client::NotificationModel::TextRole),
                 u"Hello Ben"_s);
        QCOMPARE(roleOf(ben->notifications(), 0, parley::client::NotificationModel::ChatTitleRole),
                 u"Ana"_s);
        QCOMPARE(unreadOf(ben, chatId), 1);
        QCOMPARE(ben->chats()->totalUnread(), 1);
        QCOMPARE(ben->chats()->get(chatId).value(u"latestText"_s).toString(), u"Hello Ben"_s);
        QCOMPARE(toldBen.count(), 1);
        QCOMPARE(ben->messages()->rowCount(), 0);

        // Opening the chat shows the message, clears its notifications and marks it read.
        ben->selectChat(chatId);
        QCOMPARE(ben->notifications()->rowCount(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(ben->messages()->rowCount(), 1, SlowMs);
        QCOMPARE(roleOf(ben->messages(), 0, MessageModel::IsOwnRole).toBool(), false);
        QCOMPARE(roleOf(ben->messages(), 0, MessageModel::SenderNameRole).toString(), u"Ana"_s);
        QTRY_COMPARE(unreadOf(ben, chatId), 0);
        QCOMPARE(ben->chats()->totalUnread(), 0);

        // Ana sees that Ben read it.
        QTRY_COMPARE_WITH_TIMEOUT(
            roleOf(ana->messages(), 0, MessageModel::DeliveryStateRole).toInt(), MessageModel::Read,
            SlowMs);
        QCOMPARE(roleOf(ana->messages(), 0, MessageModel::ReadByRole).toStringList(),
                 QStringList{u"Ben"_s});
    }

    // Picking a person shows the chat at once but creates it only with the first message, so
    // the other person never finds an empty chat in their list.
    void aDirectChatIsCreatedByItsFirstMessage()
    {
        AppClient &ana = signedUp(u"Ana"_s);
        AppClient &ben = signedUp(u"Ben"_s);
        QVERIFY(ana->signedIn() && ben->signedIn());
        ana->userSearch()->setQuery(u"Ben"_s);
        QTRY_COMPARE_WITH_TIMEOUT(ana->userSearch()->rowCount(), 1, SlowMs);

        ana->openDirectChat(ben->userId());
        QVERIFY(!ana->selectedChatId().isEmpty());
        QCOMPARE(ana->selectedChat().value(u"title"_s).toString(), u"Ben"_s);
        QVERIFY(ana->messages()->loaded());
        QTest::qWait(500); // what a chat.direct would have made has reached Ben by now
        QCOMPARE(ben->chats()->rowCount(), 0);
        QCOMPARE(ana->chats()->rowCount(), 0);

        ana->messages()->send(u"Hi Ben"_s);
        QTRY_COMPARE_WITH_TIMEOUT(ben->chats()->rowCount(), 1, SlowMs);
        const QString chatId = roleOf(ben->chats(), 0, ChatListModel::ChatIdRole).toString();
        QTRY_COMPARE_WITH_TIMEOUT(ben->chats()->get(chatId).value(u"latestText"_s).toString(),
                                  u"Hi Ben"_s, SlowMs);
        QTRY_COMPARE_WITH_TIMEOUT(ana->selectedChatId(), chatId, SlowMs);
        QTRY_VERIFY_WITH_TIMEOUT(delivered(ana->messages(), 0), SlowMs);
        QCOMPARE(contents(ana->messages()), QStringList{u"Hi Ben"_s});

        // Picking him again opens the chat that now exists.
        ana->selectChat({});
        ana->openDirectChat(ben->userId());
        QCOMPARE(ana->selectedChatId(), chatId);
    }

    void selectedChatTakesItsMessagesInsteadOfNotifications()
    {
        AppClient &ana = signedUp(u"Ana"_s);
        AppClient &ben = signedUp(u"Ben"_s);
        QVERIFY(ana->signedIn() && ben->signedIn());
        const QString chatId = directChat(ana, ben);
        QVERIFY(!chatId.isEmpty());
        ben->selectChat(chatId);
        QTRY_VERIFY(ben->messages()->loaded());
        QSignalSpy toldBen(&ben.session(), &Session::notificationWanted);

        ana->messages()->send(u"you are looking at this"_s);
        QTRY_COMPARE_WITH_TIMEOUT(ben->messages()->rowCount(), 1, SlowMs);
        QCOMPARE(ben->notifications()->rowCount(), 0);
        QCOMPARE(unreadOf(ben, chatId), 0);
        QCOMPARE(toldBen.count(), 0);

        // The window lost focus: the chat is not on screen, so it counts and notifies.
        ben->setWindowActive(false);
        ana->messages()->send(u"are you there?"_s);
        QTRY_COMPARE_WITH_TIMEOUT(ben->messages()->rowCount(), 2, SlowMs);
        QCOMPARE(unreadOf(ben, chatId), 1);
        QCOMPARE(toldBen.count(), 1);
        QCOMPARE(ben->notifications()->rowCount(), 0);
        ben->setWindowActive(true);
        QCOMPARE(unreadOf(ben, chatId), 0);
        QTRY_COMPARE_WITH_TIMEOUT(
            roleOf(ana->messages(), 0, MessageModel::DeliveryStateRole).toInt(), MessageModel::Read,
            SlowMs);
    }

    void typingIsShownByFirstName()
    {
        AppClient &ana = signedUp(u"Ana Lima"_s);
        AppClient &ben = signedUp(u"Ben"_s);
        QVERIFY(ana->signedIn() && ben->signedIn());
        const QString chatId = directChat(ana, ben);
        QVERIFY(!chatId.isEmpty());
        ben->selectChat(chatId);

        ana->typing()->typed();
        ana->typing()->typed(); // one burst
        QTRY_COMPARE_WITH_TIMEOUT(ben->typing()->text(), u"Ana is typing"_s, SlowMs);
        QCOMPARE(ben->typing()->rowCount(), 1);
        QCOMPARE(ben->chats()->get(chatId).value(u"typingText"_s).toString(), u"Ana is typing"_s);
        QVERIFY(ana->typing()->text().isEmpty()); // nobody else types for Ana

        ana->messages()->send(u"done typing"_s); // sending ends the burst
        QTRY_VERIFY_WITH_TIMEOUT(ben->typing()->text().isEmpty(), SlowMs);
        QCOMPARE(ben->typing()->rowCount(), 0);
        QVERIFY(ben->chats()->get(chatId).value(u"typingText"_s).toString().isEmpty());
    }

    void olderPagesLoadOnFetchMore()
    {
        AppClient &ana = signedUp(u"Ana"_s);
        AppClient &ben = signedUp(u"Ben"_s);
        QVERIFY(ana->signedIn() && ben->signedIn());
        const QString chatId = directChat(ana, ben);
        QVERIFY(!chatId.isEmpty());
        // Ben's own: nothing unread, so the chat opens at its newest page (with 120 unread it
        // would open at the first of them).
        QVERIFY(seed(ben, chatId, 120));
        QTRY_COMPARE_WITH_TIMEOUT(ben->chats()->get(chatId).value(u"latestText"_s).toString(),
                                  u"message 120"_s, SlowMs);

        MessageModel *messages = ben->messages();
        ben->selectChat(chatId);
        QTRY_VERIFY_WITH_TIMEOUT(messages->loaded() && !messages->loading(), SlowMs);
        QVERIFY(messages->rowCount() >= 50);
        QCOMPARE(roleOf(messages, 0, MessageModel::ContentRole).toString(), u"message 120"_s);
        while (messages->canFetchMore({})) {
            messages->fetchMore({});
            QTRY_VERIFY_WITH_TIMEOUT(!messages->loading(), SlowMs);
        }
        QCOMPARE(messages->rowCount(), 120);
        QVERIFY(!messages->hasOlder());
        for (int row = 0; row < 120; ++row)
            QCOMPARE(roleOf(messages, row, MessageModel::SeqRole).toLongLong(), qint64(120 - row));
        QVERIFY(allIdsDistinct(messages));
        QCOMPARE(roleOf(messages, 119, MessageModel::ShowDaySeparatorRole).toBool(), true);
        QCOMPARE(roleOf(messages, 119, MessageModel::FirstOfGroupRole).toBool(), true);
        QCOMPARE(roleOf(messages, 118, MessageModel::FirstOfGroupRole).toBool(), false);
    }

    void windowStaysBoundedAndComesBack()
    {
        AppClient &ana = signedUp(u"Ana"_s);
        AppClient &ben = signedUp(u"Ben"_s);
        QVERIFY(ana->signedIn() && ben->signedIn());
        const QString chatId = directChat(ana, ben);
        QVERIFY(!chatId.isEmpty());
        QVERIFY(seed(ana, chatId, 120));
        QTRY_COMPARE_WITH_TIMEOUT(ben->chats()->get(chatId).value(u"latestText"_s).toString(),
                                  u"message 120"_s, SlowMs);

        MessageModel *messages = ben->messages();
        messages->setMaxRows(60);
        ben->selectChat(chatId);
        QTRY_VERIFY_WITH_TIMEOUT(messages->loaded() && !messages->loading(), SlowMs);
        while (messages->canFetchMore({})) {
            messages->fetchMore({});
            QTRY_VERIFY_WITH_TIMEOUT(!messages->loading(), SlowMs);
            QVERIFY(messages->rowCount() <= 60);
        }
        QCOMPARE(roleOf(messages, messages->rowCount() - 1, MessageModel::SeqRole).toLongLong(), 1);
        QVERIFY(messages->hasNewer());

        while (messages->hasNewer()) {
            messages->loadNewer();
            QTRY_VERIFY_WITH_TIMEOUT(!messages->loading(), SlowMs);
            QVERIFY(messages->rowCount() <= 60);
        }
        QCOMPARE(roleOf(messages, 0, MessageModel::SeqRole).toLongLong(), 120);
        QVERIFY(messages->hasOlder());
        QVERIFY(allIdsDistinct(messages));
        // Seqs stay contiguous through every drop and refetch.
        for (int row = 1; row < messages->rowCount(); ++row)
            QCOMPARE(roleOf(messages, row, MessageModel::SeqRole).toLongLong(),
                     roleOf(messages, row - 1, MessageModel::SeqRole).toLongLong() - 1);
    }

    void catchesUpBySyncAfterBeingOffline()
    {
        AppClient &ana = signedUp(u"Ana"_s);
        AppClient &ben = signedUp(u"Ben"_s);
        QVERIFY(ana->signedIn() && ben->signedIn());
        const QString chatId = directChat(ana, ben);
        QVERIFY(!chatId.isEmpty());
        ana->messages()->send(u"before"_s);
        QTRY_COMPARE_WITH_TIMEOUT(ben->notifications()->rowCount(), 1, SlowMs);

        ben.gate()->cut();
        QTRY_COMPARE(ben->connection()->state(), Connection::Offline);
        QVERIFY(!ben->connectionBanner().isEmpty());
        for (const QString &text : {u"away 1"_s, u"away 2"_s, u"away 3"_s})
            ana->messages()->send(text);
        QTRY_VERIFY_WITH_TIMEOUT(delivered(ana->messages(), 0), SlowMs);

        ben.gate()->restore();
        ben->retryNow();
        QVERIFY(ben.waitOnline());
        QTRY_COMPARE_WITH_TIMEOUT(ben->notifications()->rowCount(), 4, SlowMs);
        QTRY_COMPARE(unreadOf(ben, chatId), 4);
        QCOMPARE(ben->chats()->get(chatId).value(u"latestText"_s).toString(), u"away 3"_s);
        QVERIFY(ben->connectionBanner().isEmpty());

        ben->selectChat(chatId);
        QTRY_VERIFY_WITH_TIMEOUT(ben->messages()->loaded(), SlowMs);
        QCOMPARE(contents(ben->messages()),
                 (QStringList{u"before"_s, u"away 1"_s, u"away 2"_s, u"away 3"_s}));
    }

    void serverRestartReconnectsWithoutDuplicates()
    {
        AppClient &ana = signedUp(u"Ana"_s);
        AppClient &ben = signedUp(u"Ben"_s);
        QVERIFY(ana->signedIn() && ben->signedIn());
        const QString chatId = directChat(ana, ben);
        QVERIFY(!chatId.isEmpty());
        ben->selectChat(chatId);
        ana->messages()->send(u"before"_s);
        QTRY_COMPARE_WITH_TIMEOUT(ben->messages()->rowCount(), 1, SlowMs);

        m_server->stop();
        QTRY_COMPARE_WITH_TIMEOUT(ana->connection()->state(), Connection::Offline, SlowMs);
        QTRY_COMPARE_WITH_TIMEOUT(ben->connection()->state(), Connection::Offline, SlowMs);
        QVERIFY(ana->connectionBanner().startsWith(u"Offline"_s));
        ana->messages()->send(u"while the server was down"_s);
        QCOMPARE(roleOf(ana->messages(), 0, MessageModel::DeliveryStateRole).toInt(),
                 MessageModel::Pending);

        QVERIFY(m_server->start());
        ana->retryNow();
        ben->retryNow();
        QVERIFY(ana.waitOnline());
        QVERIFY(ben.waitOnline());
        QTRY_VERIFY_WITH_TIMEOUT(delivered(ana->messages(), 0), SlowMs);
        QTRY_COMPARE_WITH_TIMEOUT(ben->messages()->rowCount(), 2, SlowMs);
        QTest::qWait(300); // a late duplicate from the event and the sync would show up now
        QCOMPARE(contents(ben->messages()),
                 (QStringList{u"before"_s, u"while the server was down"_s}));
        QCOMPARE(contents(ana->messages()),
                 (QStringList{u"before"_s, u"while the server was down"_s}));
        QVERIFY(allIdsDistinct(ben->messages()));
    }

    void failedSendCanBeRetried()
    {
        AppClient &ana = signedUp(u"Ana"_s);
        AppClient &ben = signedUp(u"Ben"_s);
        QVERIFY(ana->signedIn() && ben->signedIn());
        const QString chatId = directChat(ana, ben);
        QVERIFY(!chatId.isEmpty());
        ben->selectChat(chatId);

        m_server->stop();
        QTRY_COMPARE_WITH_TIMEOUT(ana->connection()->state(), Connection::Offline, SlowMs);
        ana->outbox()->setSendTimeout(300ms);
        QSignalSpy failed(ana->messages(), &MessageModel::sendFailed);
        ana->messages()->send(u"retry me"_s);
        QTRY_COMPARE(roleOf(ana->messages(), 0, MessageModel::DeliveryStateRole).toInt(),
                     MessageModel::Failed);
        QCOMPARE(failed.count(), 1);
        QVERIFY(!roleOf(ana->messages(), 0, MessageModel::ErrorTextRole).toString().isEmpty());

        QVERIFY(m_server->start());
        ana->retryNow();
        ben->retryNow();
        QVERIFY(ana.waitOnline());
        ana->outbox()->setSendTimeout(15s);
        ana->messages()->retry(0);
        QCOMPARE(roleOf(ana->messages(), 0, MessageModel::DeliveryStateRole).toInt(),
                 MessageModel::Pending);
        QTRY_VERIFY_WITH_TIMEOUT(delivered(ana->messages(), 0), SlowMs);
        QVERIFY(ben.waitOnline());
        QTRY_COMPARE_WITH_TIMEOUT(contents(ben->messages()), QStringList{u"retry me"_s}, SlowMs);
        QCOMPARE(ana->messages()->rowCount(), 1);
    }

    void groupsCanBeRenamedAndLeft()
    {
        AppClient &ana = signedUp(u"Ana"_s);
        AppClient &ben = signedUp(u"Ben"_s);
        AppClient &cy = signedUp(u"Cy"_s);
        QVERIFY(ana->signedIn() && ben->signedIn() && cy->signedIn());
        QSignalSpy opened(&ana.session(), &Session::chatOpened);
        ana->createGroup(u"Design"_s, {ben->userId(), cy->userId()});
        QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, SlowMs);
        const QString chatId = ana->selectedChatId();
        QCOMPARE(opened[0][0].toString(), chatId);
        QCOMPARE(ana->selectedChat().value(u"title"_s).toString(), u"Design"_s);
        QCOMPARE(ana->selectedChat().value(u"isAdmin"_s).toBool(), true);
        QCOMPARE(ana->selectedChat().value(u"members"_s).toList().size(), 3);
        QVERIFY(ben.waitForChat(chatId));
        QVERIFY(cy.waitForChat(chatId));
        QCOMPARE(ben->chats()->get(chatId).value(u"isAdmin"_s).toBool(), false);

        ana->renameChat(chatId, u"Design team"_s);
        QTRY_COMPARE_WITH_TIMEOUT(ben->chats()->get(chatId).value(u"title"_s).toString(),
                                  u"Design team"_s, SlowMs);

        ben->selectChat(chatId);
        ben->leaveChat(chatId);
        QTRY_VERIFY_WITH_TIMEOUT(ben->chats()->indexOf(chatId) < 0, SlowMs);
        QVERIFY(ben->selectedChatId().isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(ana->selectedChat().value(u"memberCount"_s).toInt(), 2, SlowMs);

        QSignalSpy failures(&ben.session(), &Session::actionFailed);
        ben->renameChat(chatId, u"Mine now"_s);
        QTRY_COMPARE_WITH_TIMEOUT(failures.count(), 1, SlowMs);
    }

    void peopleSearchFindsOthersOnly()
    {
        AppClient &ana = signedUp(u"Ana"_s);
        AppClient &ben = signedUp(u"Ben"_s);
        QVERIFY(ana->signedIn() && ben->signedIn());
        auto *search = ana->userSearch();
        search->setQuery(u"b"_s);
        search->setQuery(u"be"_s);
        QVERIFY(search->loading());
        QTRY_COMPARE_WITH_TIMEOUT(search->rowCount(), 1, SlowMs);
        QVERIFY(!search->loading());
        QCOMPARE(roleOf(search, 0, parley::client::UserSearchModel::NameRole).toString(), u"Ben"_s);
        QCOMPARE(roleOf(search, 0, parley::client::UserSearchModel::OnlineRole).toBool(), true);

        search->setQuery(u"ana"_s); // the caller is never listed
        QTRY_VERIFY_WITH_TIMEOUT(!search->loading(), SlowMs);
        QCOMPARE(search->rowCount(), 0);

        search->setQuery(u"ben"_s);
        QTRY_COMPARE_WITH_TIMEOUT(search->rowCount(), 1, SlowMs);
        ana->openDirectChat(
            roleOf(search, 0, parley::client::UserSearchModel::UserIdRole).toString());
        QTRY_VERIFY_WITH_TIMEOUT(!ana->selectedChatId().isEmpty(), SlowMs);
        QCOMPARE(ana->selectedChat().value(u"title"_s).toString(), u"Ben"_s);
    }

    void notificationsSurviveARestartOnce()
    {
        AppClient &ana = signedUp(u"Ana"_s);
        parley::client::MemorySecretStore keychain;
        auto ben = std::make_unique<AppClient>(m_root->filePath(u"ben"_s), &keychain);
        QVERIFY(ben->signUp(m_server->url(), u"Ben"_s));
        QVERIFY(ana->signedIn());
        const QString chatId = directChat(ana, *ben);
        QVERIFY(!chatId.isEmpty());
        ana->messages()->send(u"one"_s);
        ana->messages()->send(u"two"_s);
        QTRY_COMPARE_WITH_TIMEOUT((*ben)->notifications()->rowCount(), 2, SlowMs);
        QCOMPARE(roleOf((*ben)->notifications(), 0, parley::client::NotificationModel::TextRole),
                 u"two"_s);
        QTRY_VERIFY(keychain.keys().size() == 1);
        ben.reset();

        AppClient restarted(m_root->filePath(u"ben"_s), &keychain);
        QVERIFY(restarted->restore());
        QVERIFY(restarted.waitOnline());
        QCOMPARE(restarted->notifications()->rowCount(), 2);
        ana->messages()->send(u"three"_s);
        QTRY_COMPARE_WITH_TIMEOUT(restarted->notifications()->rowCount(), 3, SlowMs);
        QCOMPARE(unreadOf(restarted, chatId), 3);
    }

    void editsAndDeletesReachTheOtherSide()
    {
        AppClient &ana = signedUp(u"Ana"_s);
        AppClient &ben = signedUp(u"Ben"_s);
        QVERIFY(ana->signedIn() && ben->signedIn());
        const QString chatId = directChat(ana, ben);
        QVERIFY(!chatId.isEmpty());
        ben->selectChat(chatId);
        ana->messages()->send(u"teh first"_s);
        ana->messages()->send(u"second"_s);
        QTRY_COMPARE_WITH_TIMEOUT(ben->messages()->rowCount(), 2, SlowMs);
        QTRY_VERIFY_WITH_TIMEOUT(delivered(ana->messages(), 1), SlowMs);

        QVERIFY(!roleOf(ben->messages(), 1, MessageModel::CanEditRole).toBool());
        QCOMPARE(ana->messages()->lastOwnEditableRow(), 0);
        ana->messages()->edit(1, u"the first"_s);
        QTRY_COMPARE_WITH_TIMEOUT(roleOf(ben->messages(), 1, MessageModel::ContentRole).toString(),
                                  u"the first"_s, SlowMs);
        QVERIFY(roleOf(ben->messages(), 1, MessageModel::EditedRole).toBool());
        QVERIFY(roleOf(ana->messages(), 1, MessageModel::EditedRole).toBool());

        ana->messages()->remove(0);
        QTRY_VERIFY_WITH_TIMEOUT(roleOf(ben->messages(), 0, MessageModel::DeletedRole).toBool(),
                                 SlowMs);
        QVERIFY(roleOf(ben->messages(), 0, MessageModel::ContentRole).toString().isEmpty());
        QCOMPARE(ben->chats()->get(chatId).value(u"latestText"_s).toString(),
                 u"This message was deleted"_s);
        QCOMPARE(ben->messages()->rowCount(), 2);
    }

    void presenceFollowsTheOtherMember()
    {
        AppClient &ana = signedUp(u"Ana"_s);
        AppClient &ben = signedUp(u"Ben"_s);
        QVERIFY(ana->signedIn() && ben->signedIn());
        const QString chatId = directChat(ana, ben);
        QVERIFY(!chatId.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(ben->chats()->get(chatId).value(u"online"_s).toBool(), SlowMs);
        ana.gate()->cut();
        QTRY_VERIFY_WITH_TIMEOUT(!ben->chats()->get(chatId).value(u"online"_s).toBool(), SlowMs);
        ana.gate()->restore();
        ana->retryNow();
        QTRY_VERIFY_WITH_TIMEOUT(ben->chats()->get(chatId).value(u"online"_s).toBool(), SlowMs);
    }

    void avatarTravelsAsAPicture()
    {
        QImage picture(400, 300, QImage::Format_RGB32);
        picture.fill(Qt::darkCyan);
        const QString path = m_root->filePath(u"me.png"_s);
        QVERIFY(picture.save(path));
        AppClient &ana = client(u"ana"_s);
        ana->signUp(m_server->url(), u"Ana"_s, parley::test::emailFor(u"Ana"_s),
                    parley::test::Password, QUrl::fromLocalFile(path).toString());
        QVERIFY(ana.waitOnline());
        QVERIFY(!ana->userAvatar().isEmpty());
        AppClient &ben = signedUp(u"Ben"_s);
        QVERIFY(ben->signedIn());
        const QString chatId = directChat(ana, ben);
        QVERIFY(!chatId.isEmpty());
        QVariant source;
        QTRY_VERIFY_WITH_TIMEOUT((source = ben->chats()->get(chatId).value(u"avatarSource"_s))
                                     .toString()
                                     .startsWith(u"data:image/"_s),
                                 SlowMs);
    }

    void unsentMessagesSurviveARestart()
    {
        parley::client::MemorySecretStore keychain;
        AppClient &ben = signedUp(u"Ben"_s);
        QVERIFY(ben->signedIn());
        QString chatId;
        {
            AppClient ana(m_root->filePath(u"ana"_s), &keychain);
            QVERIFY(ana.signUp(m_server->url(), u"Ana"_s));
            chatId = directChat(ana, ben);
            QVERIFY(!chatId.isEmpty());
            QTRY_COMPARE(keychain.keys().size(), 1);
            ana.gate()->cut();
            QTRY_COMPARE(ana->connection()->state(), Connection::Offline);
            ana->messages()->send(u"written on the train"_s);
        } // the app quits before the network is back

        AppClient restarted(m_root->filePath(u"ana"_s), &keychain);
        QVERIFY(restarted->restore());
        QVERIFY(restarted.waitOnline());
        QTRY_COMPARE_WITH_TIMEOUT(ben->chats()->get(chatId).value(u"latestText"_s).toString(),
                                  u"written on the train"_s, SlowMs);
        restarted->selectChat(chatId);
        QTRY_VERIFY_WITH_TIMEOUT(restarted->messages()->loaded(), SlowMs);
        QCOMPARE(contents(restarted->messages()), QStringList{u"written on the train"_s});
        QVERIFY(delivered(restarted->messages(), 0));
    }

    void rateLimitedSendsWaitTheirTurn()
    {
        m_server->stop();
        m_server->config().messageBurst = 5;
        m_server->config().messagesPerSecond = 25;
        QVERIFY(m_server->start());
        AppClient &ana = signedUp(u"Ana"_s);
        AppClient &ben = signedUp(u"Ben"_s);
        QVERIFY(ana->signedIn() && ben->signedIn());
        const QString chatId = directChat(ana, ben);
        QVERIFY(!chatId.isEmpty());
        ben->selectChat(chatId);
        QSignalSpy failed(ana->messages(), &MessageModel::sendFailed);
        sendAll(ana, 30);
        QTRY_COMPARE_WITH_TIMEOUT(ben->messages()->rowCount(), 30, SlowMs);
        QStringList expected;
        for (int i = 1; i <= 30; ++i)
            expected.append(u"message %1"_s.arg(i));
        QCOMPARE(contents(ben->messages()), expected);
        QCOMPARE(failed.count(), 0);
    }

    void typingEndsAfterIdleAndIsRefreshedDuringLongBursts()
    {
        m_server->stop();
        m_server->config().typingExpiry = 500ms;
        QVERIFY(m_server->start());
        AppClient &ana = signedUp(u"Ana"_s);
        AppClient &ben = signedUp(u"Ben"_s);
        QVERIFY(ana->signedIn() && ben->signedIn());
        const QString chatId = directChat(ana, ben);
        QVERIFY(!chatId.isEmpty());
        ben->selectChat(chatId);
        ana->typing()->setIdleTimeout(400ms);
        ana->typing()->setKeepAlive(250ms);

        // A burst longer than the server's expiry stays visible: typing.start is repeated.
        ana->typing()->typed();
        QTRY_COMPARE_WITH_TIMEOUT(ben->typing()->text(), u"Ana is typing"_s, SlowMs);
        for (int i = 0; i < 15; ++i) {
            QTest::qWait(100);
            ana->typing()->typed();
            QCOMPARE(ben->typing()->text(), u"Ana is typing"_s);
        }
        // Then the keys rest: typing.stop after the idle time.
        QTRY_VERIFY_WITH_TIMEOUT(ben->typing()->text().isEmpty(), SlowMs);
    }
};

QTEST_GUILESS_MAIN(TestSession)
#include "tst_session.moc"
