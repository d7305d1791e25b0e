// SPDX-License-Identifier: GPL-3.0-or-later
#include "admin/admincommands.h"
#include "admin/adminconsole.h"
#include "admin/adminstore.h"
#include "chatserver.h"
#include "commandline.h"
#include "logging/logoutput.h"
#include "unixsignals.h"

#ifdef PARLEY_HAVE_EPOLL_DISPATCHER
#include "eventloop/epolleventdispatcher.h"
#endif

#include <QCoreApplication>
#include <QLoggingCategory>

#include <cstdio>
#include <memory>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

using namespace parley::server;

namespace {

Q_LOGGING_CATEGORY(lcLifecycle, "parley.server")

// glibc raises its mmap threshold to the size of each large block freed, up to 32 MiB. After the
// first login, Argon2id's 19 MiB working memory then came from the heap and stayed there, one
// copy per hashing thread, for the life of the process. A fixed threshold keeps large blocks in
// their own mappings, returned when freed; small allocations are unaffected.
void keepLargeBlocksOutOfTheHeap()
{
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, 1024 * 1024);
#endif
}

// Qt's own dispatchers scan every socket on every event loop iteration, which a server holding
// thousands of idle connections cannot afford; PARLEY_EVENT_DISPATCHER=qt keeps Qt's all the same.
void installEventDispatcher()
{
#ifdef PARLEY_HAVE_EPOLL_DISPATCHER
    const QString choice = qEnvironmentVariable("PARLEY_EVENT_DISPATCHER");
    if (choice == QLatin1StringView("qt"))
        return;
    if (!choice.isEmpty() && choice != QLatin1StringView("epoll"))
        qWarning("PARLEY_EVENT_DISPATCHER: unknown value (expected epoll or qt); using epoll");
    auto dispatcher = std::make_unique<EpollEventDispatcher>();
    if (dispatcher->isValid())
        QCoreApplication::setEventDispatcher(dispatcher.release()); // Qt owns it from here
#endif
}

int serve(QCoreApplication &app, const ServerConfig &config)
{
    keepLargeBlocksOutOfTheHeap();
    ChatServer server(config);
    QString error;
    if (!server.start(&error)) {
        qCritical().noquote() << error;
        return 1;
    }
    UnixSignals unixSignals;
    QObject::connect(&unixSignals, &UnixSignals::terminationRequested, &app, [](int number) {
        qCInfo(lcLifecycle, "stopping on signal %d", number);
        QCoreApplication::quit();
    });
    return app.exec();
}

} // namespace

int main(int argc, char *argv[])
{
    installEventDispatcher(); // before the application object, which otherwise makes Qt's own
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("parley-server"));
    QCoreApplication::setOrganizationName(QStringLiteral("Parley"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PARLEY_VERSION));
    LogOutput::install(LogOutput::Format::Text);

    const CommandLine options =
        CommandLine::parse(app.arguments(), QProcessEnvironment::systemEnvironment());
    if (!options.config) {
        std::fputs(options.output.toLocal8Bit().constData(),
                   options.exitCode == 0 ? stdout : stderr);
        return options.exitCode;
    }
    LogOutput::install(options.logFormat);
    // Debug lines are for developers, who ask for them with QT_LOGGING_RULES (which wins over
    // this), e.g. QT_LOGGING_RULES="parley.*.debug=true".
    QLoggingCategory::setFilterRules(QStringLiteral("*.debug=false"));
    if (options.command) {
        AdminConsole console;
        return AdminCommands::run(*options.command, *options.config, console);
    }
    return serve(app, *options.config);
}
