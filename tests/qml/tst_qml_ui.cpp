// SPDX-License-Identifier: GPL-3.0-or-later
// tst_qml_ui: runs the Qt Quick Test cases beside this file (tst_*.qml) with the Parley and
// Parley.Ui modules linked in, an offline Session (never signed in, no keychain, settings and
// data in a temporary directory) and the Material style the app uses.
#include "desktopnotifier.h"
#include "memorysecretstore.h"
#include "session.h"

#include <QCoreApplication>
#include <QQmlEngine>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtQml/QQmlExtensionPlugin>
#include <QtQuickTest>

#include <memory>

using namespace Qt::StringLiterals;

Q_IMPORT_QML_PLUGIN(ParleyPlugin)
Q_IMPORT_QML_PLUGIN(Parley_UiPlugin)

class Setup : public QObject
{
    Q_OBJECT

public slots:
    void applicationAvailable()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(u"ParleyTests"_s);
        QCoreApplication::setApplicationName(u"tst_qml_ui"_s);
        // Qt.labs.settings writes the window geometry here, not into a user's real settings.
        QCoreApplication::setOrganizationDomain(u"parley.test"_s);

        parley::client::Session::Options options;
        options.secrets = &m_secrets;
        options.settingsFile = m_dir.filePath(u"settings.ini"_s);
        options.dataDir = m_dir.filePath(u"data"_s);
        m_session = std::make_unique<parley::client::Session>(options);
        parley::client::Session::setInstance(m_session.get());
        m_notifier = std::make_unique<parley::client::DesktopNotifier>(nullptr);
        parley::client::DesktopNotifier::setInstance(m_notifier.get());
    }

    // Parley.Ui's qmldir is compiled into the binary at qrc:/Parley/Ui/qmldir.
    void qmlEngineAvailable(QQmlEngine *engine) { engine->addImportPath(u"qrc:/"_s); }

    void cleanupTestCase()
    {
        parley::client::Session::setInstance(nullptr);
        parley::client::DesktopNotifier::setInstance(nullptr);
    }

private:
    QTemporaryDir m_dir;
    parley::client::MemorySecretStore m_secrets;
    // Made once the application exists (this object is constructed before it).
    std::unique_ptr<parley::client::DesktopNotifier> m_notifier;
    std::unique_ptr<parley::client::Session> m_session;
};

QUICK_TEST_MAIN_WITH_SETUP(parley_ui, Setup)

#include "tst_qml_ui.moc"
