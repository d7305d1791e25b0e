// SPDX-License-Identifier: GPL-3.0-or-later
// Notifications: newest first, never twice, cleared per chat, kept across restarts per file.
#include "notificationmodel.h"

#include <QAbstractItemModelTester>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using parley::client::NotificationModel;

namespace {

parley::Message message(const QString &id, const QString &chatId, int minute,
                        const QString &text = u"hi"_s)
{
    parley::Message m;
    m.id = id;
    m.chatId = chatId;
    m.seq = minute;
    m.sender = {u"u2"_s, u"Ben"_s, {}};
    m.content = text;
    m.createdAt = QDateTime(QDate(2026, 11, 28), QTime(10, minute), Qt::UTC);
    return m;
}

QStringList ids(const NotificationModel &model)
{
    QStringList result;
    for (int row = 0; row < model.rowCount(); ++row)
        result.append(model.index(row).data(NotificationModel::MessageIdRole).toString());
    return result;
}

} // namespace

class TestNotificationModel : public QObject
{
    Q_OBJECT

private slots:
    void newestFirstAndNeverTwice()
    {
        NotificationModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(model.add(message(u"m1"_s, u"c1"_s, 1), u"Ben"_s, false));
        QVERIFY(model.add(message(u"m3"_s, u"c2"_s, 3), u"Team"_s, true));
        QVERIFY(model.add(message(u"m2"_s, u"c1"_s, 2), u"Ben"_s, false));
        QVERIFY(!model.add(message(u"m2"_s, u"c1"_s, 2), u"Ben"_s, false));
        QCOMPARE(ids(model), (QStringList{u"m3"_s, u"m2"_s, u"m1"_s}));
        QCOMPARE(model.count(), 3);
        QCOMPARE(model.countForChat(u"c1"_s), 2);

        model.clearChat(u"c1"_s);
        QCOMPARE(ids(model), QStringList{u"m3"_s});
        // Cleared is not forgotten: the same message arriving again by sync stays away.
        QVERIFY(!model.add(message(u"m1"_s, u"c1"_s, 1), u"Ben"_s, false));
    }

    void editsAndDeletesFollowTheMessage()
    {
        NotificationModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.add(message(u"m1"_s, u"c1"_s, 1, u"typo"_s), u"Ben"_s, false);
        model.add(message(u"m2"_s, u"c1"_s, 2), u"Ben"_s, false);
        model.update(message(u"m1"_s, u"c1"_s, 1, u"fixed"_s));
        QCOMPARE(model.index(1).data(NotificationModel::TextRole).toString(), u"fixed"_s);
        parley::Message deleted = message(u"m2"_s, u"c1"_s, 2, {});
        deleted.deleted = true;
        model.update(deleted);
        QCOMPARE(ids(model), QStringList{u"m1"_s});
    }

    void keptAcrossRestarts()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"server/user/notifications.json"_s);
        {
            NotificationModel model;
            model.setStoragePath(path);
            model.add(message(u"m1"_s, u"c1"_s, 1, u"first"_s), u"Ben"_s, false);
            model.add(message(u"m2"_s, u"c2"_s, 2, u"second"_s), u"Team"_s, true);
            model.clearChat(u"c1"_s);
        }
        NotificationModel restarted;
        QAbstractItemModelTester tester(&restarted,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        restarted.setStoragePath(path);
        QCOMPARE(ids(restarted), QStringList{u"m2"_s});
        QCOMPARE(restarted.index(0).data(NotificationModel::ChatTitleRole).toString(), u"Team"_s);
        QCOMPARE(restarted.index(0).data(NotificationModel::IsGroupRole).toBool(), true);
        QCOMPARE(restarted.index(0).data(NotificationModel::CreatedAtRole).toDateTime(),
                 message(u"m2"_s, u"c2"_s, 2).createdAt);
        QVERIFY(!restarted.add(message(u"m1"_s, u"c1"_s, 1), u"Ben"_s, false));
        QVERIFY(!restarted.add(message(u"m2"_s, u"c2"_s, 2), u"Team"_s, true));
    }

    void eachUserHasItsOwnFile()
    {
        QTemporaryDir dir;
        NotificationModel model;
        model.setStoragePath(dir.filePath(u"ana.json"_s));
        model.add(message(u"m1"_s, u"c1"_s, 1), u"Ben"_s, false);
        model.setStoragePath(dir.filePath(u"ben.json"_s));
        QCOMPARE(model.count(), 0);
        QVERIFY(model.add(message(u"m1"_s, u"c1"_s, 1), u"Ben"_s, false));
    }
};

QTEST_GUILESS_MAIN(TestNotificationModel)
#include "tst_notificationmodel.moc"
