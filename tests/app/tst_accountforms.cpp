// SPDX-License-Identifier: GPL-3.0-or-later
// Sign-in and sign-up forms: where each complaint is shown, and what is remembered between runs.
#include "accountsettings.h"
#include "autherrors.h"
#include "formrules.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace parley::client;

class TestAccountForms : public QObject
{
    Q_OBJECT

private slots:
    void signUpInput_data()
    {
        QTest::addColumn<QString>("server");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("email");
        QTest::addColumn<QString>("password");
        QTest::addColumn<QStringList>("fields");
        QTest::newRow("all good") << "host"
                                  << "Ana"
                                  << "ana@example.org"
                                  << "12345678" << QStringList{};
        QTest::newRow("everything wrong")
            << ""
            << ""
            << "ana"
            << "1234567" << QStringList{u"email"_s, u"name"_s, u"password"_s, u"server"_s};
        QTest::newRow("email without a dotted domain") << "host"
                                                       << "Ana"
                                                       << "ana@localhost"
                                                       << "12345678" << QStringList{u"email"_s};
        QTest::newRow("name of 65 characters") << "host" << QString(65, u'a') << "a@b.org"
                                               << "12345678" << QStringList{u"name"_s};
        QTest::newRow("eight bytes in four characters") << "host"
                                                        << "Ana"
                                                        << "a@b.org" << u"éééé"_s << QStringList{};
    }

    void signUpInput()
    {
        QFETCH(QString, server);
        QFETCH(QString, name);
        QFETCH(QString, email);
        QFETCH(QString, password);
        QFETCH(QStringList, fields);
        const FormErrors errors = autherrors::checkSignUp(server, name, email, password);
        QCOMPARE(errors.fields.keys(), fields);
        QVERIFY(errors.general.isEmpty());
    }

    void signInNeedsAPassword()
    {
        const FormErrors errors = autherrors::checkSignIn(u"host"_s, u"a@b.org"_s, {});
        QCOMPARE(errors.fields.keys(), QStringList{u"password"_s});
    }

    // The form under the field and the check before sending say the same words (FormRules).
    void formsAndChecksShareTheirWords()
    {
        const FormErrors errors = autherrors::checkSignUp({}, {}, u"ana"_s, u"short"_s);
        QCOMPARE(errors.fields.value(u"server"_s).toString(), FormRules::serverProblem({}));
        QCOMPARE(errors.fields.value(u"name"_s).toString(), FormRules::nameProblem({}));
        QCOMPARE(errors.fields.value(u"email"_s).toString(), FormRules::emailProblem(u"ana"_s));
        QCOMPARE(errors.fields.value(u"password"_s).toString(), u"Use at least 8 characters."_s);
        QCOMPARE(FormRules::nameProblem(QString(65, u'a')),
                 u"Enter a name of 1 to 64 characters."_s);
        QCOMPARE(FormRules::nameProblem(u"  Ana  "_s), QString());
        QCOMPARE(FormRules::emailProblem(u" ana@example.org "_s), QString());
        QCOMPARE(FormRules::passwordProblem(QString(1025, u'a')),
                 u"Use at most 1024 characters."_s);
        QCOMPARE(FormRules::passwordProblem(u"éééé"_s), QString()); // eight bytes
        QCOMPARE(FormRules::confirmationProblem(u"a"_s, u"b"_s), u"The passwords don't match."_s);
        QCOMPARE(FormRules::confirmationProblem(u"a"_s, u"a"_s), QString());

        const FormRules rules;
        QCOMPARE(rules.nameError({}), FormRules::nameProblem({}));
        QCOMPARE(rules.property("contentMaxChars").toInt(), 4000);
        QCOMPARE(rules.property("passwordMinBytes").toInt(), 8);
    }

    void serverRefusal_data()
    {
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("blamed"); // the error's "field" on the wire
        QTest::addColumn<QString>("field"); // "" when shown for the whole form
        QTest::newRow("wrong password") << int(parley::ErrorCode::Unauthenticated) << "nope"
                                        << ""
                                        << "";
        QTest::newRow("email taken") << int(parley::ErrorCode::Conflict) << "taken"
                                     << "email"
                                     << "email";
        QTest::newRow("field named by the server")
            << int(parley::ErrorCode::BadRequest) << "password must be 8 to 1024 bytes"
            << "password"
            << "password";
        // The message is for people: its words are not read for a field name any more.
        QTest::newRow("message alone names no field")
            << int(parley::ErrorCode::BadRequest) << "password must be 8 to 1024 bytes"
            << ""
            << "";
        QTest::newRow("a field the form does not have")
            << int(parley::ErrorCode::BadRequest) << "device must be shorter"
            << "device"
            << "";
        QTest::newRow("avatar too large")
            << int(parley::ErrorCode::TooLarge) << "avatar must be at most 48 KiB"
            << "avatar"
            << "avatar";
        QTest::newRow("rate limited") << int(parley::ErrorCode::RateLimited) << "slow"
                                      << ""
                                      << "";
    }

    void serverRefusal()
    {
        QFETCH(int, code);
        QFETCH(QString, message);
        QFETCH(QString, blamed);
        QFETCH(QString, field);
        const FormErrors errors = autherrors::fromServer(
            parley::Error::about(blamed, static_cast<parley::ErrorCode>(code), message));
        if (field.isEmpty()) {
            QVERIFY(errors.fields.isEmpty());
            QVERIFY(!errors.general.isEmpty());
        } else {
            QCOMPARE(errors.fields.keys(), QStringList{field});
            QVERIFY(errors.general.isEmpty());
        }
    }

    void rateLimitSaysHowLong()
    {
        parley::Error error = parley::Error::make(parley::ErrorCode::RateLimited, {});
        error.retryAfterMs = 4200;
        QVERIFY(autherrors::fromServer(error).general.contains(u"5"_s));
    }

    void settingsRememberServersAndTheLastAccount()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(u"settings.ini"_s);
        {
            AccountSettings settings(file);
            QVERIFY(!settings.lastAccount());
            for (int i = 0; i < 10; ++i)
                settings.addRecentServer(u"ws://host%1:7447/"_s.arg(i));
            settings.addRecentServer(u"ws://host3:7447/"_s);
            settings.rememberAccount(u"ws://host3:7447/"_s,
                                     {u"7"_s, u"Ana"_s, u"ana@example.org"_s, u"av1"_s, false});
        }
        AccountSettings settings(file);
        const QStringList recent = settings.recentServers();
        QCOMPARE(recent.size(), 8);
        QCOMPARE(recent.first(), u"ws://host3:7447/"_s);
        QCOMPARE(recent.count(u"ws://host3:7447/"_s), 1);
        const auto account = settings.lastAccount();
        QVERIFY(account);
        QCOMPARE(account->server, u"ws://host3:7447/"_s);
        QCOMPARE(account->user.name, u"Ana"_s);
        QCOMPARE(account->user.avatar, u"av1"_s);
        settings.forgetAccount();
        QVERIFY(!settings.lastAccount());
        QVERIFY(settings.removeRecentServer(u"ws://host3:7447/"_s));
        QVERIFY(!settings.recentServers().contains(u"ws://host3:7447/"_s));
    }
};

QTEST_GUILESS_MAIN(TestAccountForms)
#include "tst_accountforms.moc"
