#include "chatserver.h"
#include "commandline.h"
#include "unixsignals.h"

#include <QCoreApplication>
#include <QLoggingCategory>

#include <cstdio>

using namespace parley::server;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("parley-server"));
    QCoreApplication::setOrganizationName(QStringLiteral("Parley"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PARLEY_VERSION));
    qSetMessagePattern(
        QStringLiteral("%{time yyyy-MM-ddThh:mm:ss.zzz} %{if-warning}warning "
                       "%{endif}%{if-critical}error %{endif}%{category}: %{message}"));

    const CommandLine options =
        CommandLine::parse(app.arguments(), QProcessEnvironment::systemEnvironment());
    if (!options.config) {
        std::fputs(options.output.toLocal8Bit().constData(),
                   options.exitCode == 0 ? stdout : stderr);
        return options.exitCode;
    }

    ChatServer server(*options.config);
    QString error;
    if (!server.start(&error)) {
        qCritical().noquote() << error;
        return 1;
    }
    UnixSignals unixSignals;
    QObject::connect(&unixSignals, &UnixSignals::terminationRequested, &app, [](int number) {
        qInfo("stopping on signal %d", number);
        QCoreApplication::quit();
    });
    return app.exec();
}
