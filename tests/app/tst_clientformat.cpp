// SPDX-License-Identifier: GPL-3.0-or-later
// What the app derives for display: server addresses, time stamps, the typing sentence.
#include "connection.h"
#include "serveraddress.h"
#include "timeformat.h"
#include "typingmodel.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace parley::client;

class TestClientFormat : public QObject
{
    Q_OBJECT

private slots:
    void serverAddress_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("url");
        QTest::newRow("bare host gets ws and the default port") << "chat.example.org"
                                                                << "ws://chat.example.org:7447/";
        QTest::newRow("host and port") << "10.0.0.5:9000"
                                       << "ws://10.0.0.5:9000/";
        QTest::newRow("surrounding blanks") << "  10.0.0.5  "
                                            << "ws://10.0.0.5:7447/";
        QTest::newRow("wss keeps its own default port") << "wss://chat.example.org"
                                                        << "wss://chat.example.org/";
        QTest::newRow("https means wss") << "https://chat.example.org/"
                                         << "wss://chat.example.org/";
        QTest::newRow("upper-case scheme") << "WS://host:1/"
                                           << "ws://host:1/";
        QTest::newRow("empty") << ""
                               << "";
        QTest::newRow("another scheme") << "ftp://host/"
                                        << "";
        QTest::newRow("no host") << "ws://:7447/"
                                 << "";
    }

    void serverAddress()
    {
        QFETCH(QString, typed);
        QFETCH(QString, url);
        const QUrl normalized = serveraddress::normalize(typed);
        QCOMPARE(normalized.isValid() ? serveraddress::display(normalized) : QString(), url);
    }

    void directoryKeyIsStableAndFileNameSafe()
    {
        const QString key = serveraddress::directoryKey(u"ws://10.0.0.5:7447/"_s);
        QCOMPARE(key, serveraddress::directoryKey(u"ws://10.0.0.5:7447/"_s));
        QVERIFY(key != serveraddress::directoryKey(u"ws://10.0.0.6:7447/"_s));
        QVERIFY(!key.contains(u'/') && !key.contains(u':'));
    }

    void shortStamp_data()
    {
        QTest::addColumn<QDateTime>("time");
        QTest::addColumn<QString>("text");
        const QDateTime now(QDate(2026, 11, 28), QTime(15, 0)); // a Saturday
        QTest::newRow("today: the clock") << QDateTime(now.date(), QTime(10, 2)) << "10:02";
        QTest::newRow("this week: the day") << QDateTime(QDate(2026, 11, 24), QTime(9, 0))
                                            << QLocale().dayName(2, QLocale::ShortFormat);
        QTest::newRow("this year: day and month")
            << QDateTime(QDate(2026, 3, 4), QTime(9, 0)) << QDate(2026, 3, 4).toString(u"d MMM"_s);
        QTest::newRow("older: with the year") << QDateTime(QDate(2025, 3, 4), QTime(9, 0))
                                              << QDate(2025, 3, 4).toString(u"d MMM yyyy"_s);
    }

    void shortStamp()
    {
        QFETCH(QDateTime, time);
        QFETCH(QString, text);
        const QDateTime now(QDate(2026, 11, 28), QTime(15, 0));
        QCOMPARE(timeformat::shortStamp(time, now), text);
    }

    void dayLabel_data()
    {
        QTest::addColumn<QDate>("day");
        QTest::addColumn<QString>("label");
        QTest::newRow("today") << QDate(2026, 11, 28) << "Today";
        QTest::newRow("yesterday") << QDate(2026, 11, 27) << "Yesterday";
        QTest::newRow("this week") << QDate(2026, 11, 24) << QLocale().dayName(2);
        QTest::newRow("this year")
            << QDate(2026, 3, 4)
            << QLocale().dayName(3) + u", "_s + QDate(2026, 3, 4).toString(u"d MMMM"_s);
    }

    void dayLabel()
    {
        QFETCH(QDate, day);
        QFETCH(QString, label);
        const QDateTime now(QDate(2026, 11, 28), QTime(15, 0));
        QCOMPARE(timeformat::dayLabel(QDateTime(day, QTime(12, 0)), now), label);
    }

    void typingSentence_data()
    {
        QTest::addColumn<QStringList>("names");
        QTest::addColumn<QString>("sentence");
        QTest::newRow("nobody") << QStringList{} << "";
        QTest::newRow("one") << QStringList{u"Ana"_s} << "Ana is typing";
        QTest::newRow("two") << QStringList{u"Ana"_s, u"Ben"_s} << "Ana and Ben are typing";
        QTest::newRow("three") << QStringList{u"Ana"_s, u"Ben"_s, u"Cy"_s}
                               << "Ana, Ben and Cy are typing";
        QTest::newRow("five") << QStringList{u"Ana"_s, u"Ben"_s, u"Cy"_s, u"Di"_s, u"Ed"_s}
                              << "Ana, Ben and 3 others are typing";
    }

    void typingSentence()
    {
        QFETCH(QStringList, names);
        QFETCH(QString, sentence);
        QCOMPARE(TypingModel::sentence(names), sentence);
    }

    // Typing events carry display names; the typing line and the chat list say first names.
    void typingLineSaysFirstNames_data()
    {
        QTest::addColumn<QStringList>("names");
        QTest::addColumn<QString>("line");
        QTest::newRow("two words") << QStringList{u"Ana Lima"_s} << "Ana is typing";
        QTest::newRow("one word") << QStringList{u"Ana"_s} << "Ana is typing";
        QTest::newRow("three words") << QStringList{u"Maria da Silva"_s} << "Maria is typing";
        QTest::newRow("blanks around and between")
            << QStringList{u"  Ana \t Lima "_s} << "Ana is typing";
        QTest::newRow("two people")
            << QStringList{u"Ana Lima"_s, u"Ben Okafor"_s} << "Ana and Ben are typing";
        QTest::newRow("three people") << QStringList{u"Ana Lima"_s, u"Ben Okafor"_s, u"Cleo Park"_s}
                                      << "Ana, Ben and Cleo are typing";
        QTest::newRow("five people") << QStringList{u"Ana Lima"_s, u"Ben Okafor"_s, u"Cleo Park"_s,
                                                    u"Dev Rao"_s, u"Eli Stone"_s}
                                     << "Ana, Ben and 3 others are typing";
    }

    void typingLineSaysFirstNames()
    {
        QFETCH(QStringList, names);
        QFETCH(QString, line);
        Connection offline;
        TypingModel typing(&offline);
        const QString chatId = u"7"_s;
        typing.setChatId(chatId);
        for (qsizetype i = 0; i < names.size(); ++i)
            typing.applyEvent(chatId, u"u%1"_s.arg(i), names[i], true);

        QCOMPARE(typing.text(), line);
        QCOMPARE(typing.textFor(chatId), line); // what the chat list shows
        QCOMPARE(typing.rowCount(), names.size());
        // The rows keep the full name, for whatever lists the people themselves.
        QCOMPARE(typing.data(typing.index(0), TypingModel::NameRole).toString(), names[0]);
    }
};

QTEST_GUILESS_MAIN(TestClientFormat)
#include "tst_clientformat.moc"
