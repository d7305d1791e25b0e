// SPDX-License-Identifier: GPL-3.0-or-later
// Reconnect delays: doubling from 0.5 s, jittered into the upper half of each step, capped at 30 s.
#include "backoff.h"

#include <QTest>

using parley::client::Backoff;
using namespace std::chrono_literals;

class TestBackoff : public QObject
{
    Q_OBJECT

private slots:
    void delayOfAttempt_data()
    {
        QTest::addColumn<int>("attempt");
        QTest::addColumn<qint64>("stepMs");
        QTest::newRow("first retry") << 0 << qint64(500);
        QTest::newRow("second") << 1 << qint64(1000);
        QTest::newRow("fourth") << 3 << qint64(4000);
        QTest::newRow("seventh reaches the cap") << 6 << qint64(30000);
        QTest::newRow("far beyond stays capped") << 40 << qint64(30000);
    }

    void delayOfAttempt()
    {
        QFETCH(int, attempt);
        QFETCH(qint64, stepMs);
        for (int sample = 0; sample < 50; ++sample) {
            Backoff backoff;
            for (int i = 0; i < attempt; ++i)
                backoff.next();
            const qint64 delay = backoff.next().count();
            QVERIFY2(delay >= stepMs / 2 && delay <= stepMs, qPrintable(QString::number(delay)));
        }
    }

    void resetStartsOver()
    {
        Backoff backoff;
        for (int i = 0; i < 10; ++i)
            backoff.next();
        backoff.reset();
        QCOMPARE(backoff.attempts(), 0);
        QVERIFY(backoff.next() <= 500ms);
    }
};

QTEST_GUILESS_MAIN(TestBackoff)
#include "tst_backoff.moc"
