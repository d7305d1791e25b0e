// SPDX-License-Identifier: GPL-3.0-or-later
// parley: the desktop app. Everything but the wiring lives in parley_client and Parley.Ui.
#include "desktopapplication.h"
#include "desktopnotifier.h"
#include "session.h"

#include <QCommandLineParser>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QtQml/QQmlExtensionPlugin>

using namespace Qt::StringLiterals;

Q_IMPORT_QML_PLUGIN(ParleyPlugin)
#ifdef PARLEY_HAVE_UI
Q_IMPORT_QML_PLUGIN(Parley_UiPlugin)
#endif

int main(int argc, char *argv[])
{
    const std::unique_ptr<QGuiApplication> application =
        parley::client::makeDesktopApplication(argc, argv);
    QGuiApplication &app = *application;
    QGuiApplication::setApplicationVersion(QStringLiteral(PARLEY_VERSION));
    if (qEnvironmentVariableIsEmpty("QT_QUICK_CONTROLS_STYLE"))
        QQuickStyle::setStyle(u"Material"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(u"Parley: team chat on your own server."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption serverOption(
        u"server"_s, u"Offer this server first on the sign-in page (ws://host:port/ or host)."_s,
        u"url"_s);
    parser.addOption(serverOption);
    parser.process(app);

    parley::client::Session session(nullptr);
    parley::client::Session::setInstance(&session);
    if (parser.isSet(serverOption) && !session.suggestServer(parser.value(serverOption)))
        qWarning().noquote() << "parley: not a server address:" << parser.value(serverOption);
    parley::client::DesktopNotifier notifier(nullptr);
    parley::client::DesktopNotifier::setInstance(&notifier);

    QObject::connect(&session, &parley::client::Session::notificationWanted, &notifier,
                     &parley::client::DesktopNotifier::show);
    QObject::connect(&notifier, &parley::client::DesktopNotifier::activated, &session,
                     &parley::client::Session::selectChat);
    QObject::connect(&app, &QGuiApplication::applicationStateChanged, &session,
                     [&session](Qt::ApplicationState state) {
                         session.setWindowActive(state == Qt::ApplicationActive);
                     });

    QQmlApplicationEngine engine;
    QObject::connect(
        &engine, &QQmlApplicationEngine::objectCreationFailed, &app,
        [] { QCoreApplication::exit(1); }, Qt::QueuedConnection);
    engine.load(QUrl(u"qrc:/Parley/Ui/Main.qml"_s));
    if (engine.rootObjects().isEmpty())
        return 1;

    session.restore();
    const int code = QGuiApplication::exec();
    parley::client::Session::setInstance(nullptr);
    parley::client::DesktopNotifier::setInstance(nullptr);
    return code;
}
