// SPDX-License-Identifier: GPL-3.0-or-later
// Signing up, in and out, and the profile: a Session against a real in-process server, as
// the sign-in page and the profile dialog see it.
#include "account.h"
#include "chatlistmodel.h"
#include "connection.h"
#include "currentchat.h"
#include "sessiontestcase.h"

#include <QImage>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using parley::client::Connection;
using parley::client::Session;
using namespace parley::test;

class TestSessionAccount : public SessionTestCase
{
    Q_OBJECT

private slots:
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

    // The profile form: a blank or unchanged name keeps the name and is not sent as a change; a
    // bad name or a new password without the current one is marked on its field before anything
    // is sent; a good name reaches the server.
    void profileChangesAreCheckedBeforeTheyAreSent()
    {
        AppClient &ana = signedUp(u"Ana"_s);
        QVERIFY(ana->signedIn());
        QSignalSpy saved(&ana.session(), &Session::profileSaved);

        ana->updateProfile(u"   "_s, {}, {}, {});
        QVERIFY(ana->fieldErrors().isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(saved.size(), 1, SlowMs);
        QCOMPARE(ana->userName(), u"Ana"_s);

        ana->updateProfile(QString(65, u'x'), {}, {}, {});
        QVERIFY(ana->fieldErrors().contains(u"name"_s));
        ana->updateProfile(u"Ana"_s, {}, u"new password 1"_s, {});
        QCOMPARE(ana->fieldErrors().keys(), QStringList{u"currentPassword"_s});
        QCOMPARE(saved.size(), 1);

        ana->updateProfile(u" Ana Lima "_s, {}, {}, {});
        QVERIFY(ana->fieldErrors().isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(saved.size(), 2, SlowMs);
        QCOMPARE(ana->userName(), u"Ana Lima"_s);
    }
};

QTEST_GUILESS_MAIN(TestSessionAccount)
#include "tst_session_account.moc"
