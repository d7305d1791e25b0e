// SPDX-License-Identifier: GPL-3.0-or-later
// parley-appbench: the desktop app's components (parley_client + the Parley.Ui QML), wired as in
// app/main.cpp, with a probe that takes the app's figures offscreen (docs/performance.md):
//   --prepare    sign in once with a password; the refresh token lands in STATE/secrets.ini
//   (default)    start signed in from STATE as the app does after a restart, and report the cold
//                start to the first frame of the chat page, the RSS idle with every chat listed,
//                and with --scroll-chat ID the RSS after scrolling that chat top to bottom
// JSON on stdout. Run it with QT_QPA_PLATFORM=offscreen.
#include "appprobe.h"
#include "desktopnotifier.h"
#include "filesecretstore.h"
#include "session.h"

#include <QCommandLineParser>
#include <QDir>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QTimer>
#include <QtQml/QQmlExtensionPlugin>

#include <cstdio>
#include <ctime>

using namespace Qt::StringLiterals;

Q_IMPORT_QML_PLUGIN(ParleyPlugin)
Q_IMPORT_QML_PLUGIN(Parley_UiPlugin)

namespace {

qint64 monotonicNs()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

// Everything the app would write under $HOME goes to the state directory instead.
void isolate(const QString &stateDir)
{
    for (const char *name : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"})
        qputenv(name, QDir(stateDir).filePath(QString::fromLatin1(name).toLower()).toUtf8());
}

void print(const QJsonObject &figures)
{
    std::fputs(QJsonDocument(figures).toJson(QJsonDocument::Indented).constData(), stdout);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char *argv[])
{
    const qint64 mainNs = monotonicNs();
    QString stateDir;
    for (int i = 1; i + 1 < argc; ++i) {
        if (qstrcmp(argv[i], "--state") == 0)
            stateDir = QString::fromLocal8Bit(argv[i + 1]);
    }
    if (!stateDir.isEmpty())
        isolate(stateDir);

    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName(u"Parley"_s);
    QGuiApplication::setOrganizationName(u"Parley"_s);
    if (qEnvironmentVariableIsEmpty("QT_QUICK_CONTROLS_STYLE"))
        QQuickStyle::setStyle(u"Material"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(u"Takes the Parley app's figures offscreen."_s);
    parser.addHelpOption();
    const QCommandLineOption state(u"state"_s, u"The app's state directory."_s, u"dir"_s);
    const QCommandLineOption prepare(u"prepare"_s, u"Sign in once and keep the token."_s);
    const QCommandLineOption server(u"server"_s, u"Server URL (--prepare)."_s, u"url"_s);
    const QCommandLineOption email(u"email"_s, u"Account email (--prepare)."_s, u"email"_s);
    const QCommandLineOption password(u"password"_s, u"Password (--prepare)."_s, u"password"_s);
    const QCommandLineOption chats(u"expect-chats"_s, u"Chats the account has (50)."_s, u"n"_s,
                                   u"50"_s);
    const QCommandLineOption scroll(u"scroll-chat"_s, u"Scroll this chat top to bottom."_s,
                                    u"id"_s);
    const QCommandLineOption timeout(u"timeout"_s, u"Give up after this many seconds (240)."_s,
                                     u"s"_s, u"240"_s);
    parser.addOptions({state, prepare, server, email, password, chats, scroll, timeout});
    parser.process(app);
    if (stateDir.isEmpty())
        parser.showHelp(2);

    parley::bench::FileSecretStore secrets(QDir(stateDir).filePath(u"secrets.ini"_s));
    parley::client::Session::Options options;
    options.secrets = &secrets;
    options.settingsFile = QDir(stateDir).filePath(u"settings.ini"_s);
    options.dataDir = QDir(stateDir).filePath(u"data"_s);
    parley::client::Session session(options, nullptr);
    parley::client::Session::setInstance(&session);
    parley::client::DesktopNotifier notifier(nullptr);
    parley::client::DesktopNotifier::setInstance(&notifier);

    if (parser.isSet(prepare)) {
        // Signed in once the session says so and the refresh token is on disk.
        QTimer poll;
        QObject::connect(&poll, &QTimer::timeout, &app, [&] {
            if (session.signedIn() && QFile::exists(QDir(stateDir).filePath(u"secrets.ini"_s)))
                app.exit(0);
        });
        poll.start(100);
        QTimer::singleShot(parser.value(timeout).toInt() * 1000, &app, [&] { app.exit(1); });
        session.signIn(parser.value(server), parser.value(email), parser.value(password));
        const int code = QGuiApplication::exec();
        print({{u"ok"_s, code == 0}, {u"signedIn"_s, session.signedIn()}});
        parley::client::Session::setInstance(nullptr);
        parley::client::DesktopNotifier::setInstance(nullptr);
        return code;
    }

    QQmlApplicationEngine engine;
    engine.load(QUrl(u"qrc:/Parley/Ui/Main.qml"_s));
    auto *window = engine.rootObjects().isEmpty()
        ? nullptr
        : qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst());
    if (!window) {
        print({{u"ok"_s, false}, {u"error"_s, u"Main.qml did not load"_s}});
        return 1;
    }
    parley::bench::AppProbe probe(
        session, *window,
        {parser.value(chats).toInt(), parser.value(scroll), parser.value(timeout).toInt(), mainNs});
    QObject::connect(&probe, &parley::bench::AppProbe::finished, &app,
                     [&app](bool ok) { app.exit(ok ? 0 : 1); });
    probe.start();
    session.restore();
    const int code = QGuiApplication::exec();
    print(probe.figures());
    parley::client::Session::setInstance(nullptr);
    parley::client::DesktopNotifier::setInstance(nullptr);
    return code;
}
