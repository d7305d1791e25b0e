// SPDX-License-Identifier: GPL-3.0-or-later
// The desktop app's application object: a QApplication, which Qt Labs Platform's tray icon and
// its menu need on desktops without a native tray.
#include "desktopapplication.h"

#include <QApplication>
#include <QSystemTrayIcon>
#include <QTest>

using namespace Qt::StringLiterals;

class TestDesktopApplication : public QObject
{
    Q_OBJECT

private slots:
    void isAWidgetsApplicationSoTheTrayCanFallBack()
    {
        QCOMPARE(QApplication::applicationName(), u"Parley"_s);
        QVERIFY(qobject_cast<QApplication *>(QCoreApplication::instance()));
        // Where there is a tray, the icon can be made; without one, nothing fails either.
        QSystemTrayIcon icon;
        QVERIFY(!icon.isVisible());
    }
};

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    const auto app = parley::client::makeDesktopApplication(argc, argv);
    TestDesktopApplication test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_desktopapplication.moc"
