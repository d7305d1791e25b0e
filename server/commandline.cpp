#include "commandline.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QStandardPaths>

namespace parley::server {

namespace {

CommandLine fail(const QString &message)
{
    return {std::nullopt, 2,
            QStringLiteral("parley-server: %1\nTry 'parley-server --help'.\n").arg(message)};
}

// The flag's value, else the environment variable's, else null.
QString pick(const QCommandLineParser &parser, const QCommandLineOption &option,
             const QProcessEnvironment &environment, const QString &variable)
{
    if (parser.isSet(option))
        return parser.value(option);
    if (environment.contains(variable))
        return environment.value(variable);
    return {};
}

} // namespace

QString CommandLine::defaultDataDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

CommandLine CommandLine::parse(const QStringList &arguments, const QProcessEnvironment &environment)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Parley chat server: serves the Parley protocol over WebSocket."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    const QCommandLineOption port(
        {QStringLiteral("p"), QStringLiteral("port")},
        QStringLiteral("TCP port to listen on (PARLEY_PORT; default 7447; 0 picks a free one)."),
        QStringLiteral("port"));
    const QCommandLineOption bind(
        QStringLiteral("bind"),
        QStringLiteral("Address to listen on (PARLEY_BIND; default: all interfaces)."),
        QStringLiteral("address"));
    const QCommandLineOption dataDir(
        QStringLiteral("data-dir"),
        QStringLiteral(
            "Directory for the database and the token secret (PARLEY_DATA_DIR; default %1).")
            .arg(defaultDataDir()),
        QStringLiteral("dir"));
    const QCommandLineOption database(
        QStringLiteral("database"),
        QStringLiteral("SQLite database file or sqlite:///path (PARLEY_DATABASE; default "
                       "DATA-DIR/parley.db)."),
        QStringLiteral("url"));
    const QCommandLineOption name(
        QStringLiteral("name"),
        QStringLiteral("Server name shown to clients (PARLEY_NAME; default: the host name)."),
        QStringLiteral("name"));
    const QCommandLineOption origin(
        QStringLiteral("allow-origin"),
        QStringLiteral(
            "Accept WebSocket handshakes with this Origin; repeatable (PARLEY_ALLOW_ORIGIN, "
            "comma-separated). Default: only clients that send no Origin."),
        QStringLiteral("origin"));
    const QCommandLineOption registration(
        QStringLiteral("registration"),
        QStringLiteral(
            "Whether anyone may sign up: open or closed (PARLEY_REGISTRATION; default open)."),
        QStringLiteral("mode"));
    parser.addOptions({port, bind, dataDir, database, name, origin, registration});

    if (!parser.parse(arguments))
        return fail(parser.errorText());
    if (parser.isSet(help))
        return {std::nullopt, 0, parser.helpText()};
    if (parser.isSet(version))
        return {std::nullopt, 0,
                QStringLiteral("parley-server %1\n").arg(QCoreApplication::applicationVersion())};
    if (!parser.positionalArguments().isEmpty())
        return fail(QStringLiteral("unexpected argument '%1'")
                        .arg(parser.positionalArguments().constFirst()));

    ServerConfig config;
    if (const QString value = pick(parser, port, environment, QStringLiteral("PARLEY_PORT"));
        !value.isNull()) {
        bool ok = false;
        const uint number = value.toUInt(&ok);
        if (!ok || number > 65535)
            return fail(
                QStringLiteral("port must be a number from 0 to 65535, not '%1'").arg(value));
        config.port = quint16(number);
    }
    if (const QString value = pick(parser, bind, environment, QStringLiteral("PARLEY_BIND"));
        !value.isNull()) {
        if (!config.bindAddress.setAddress(value))
            return fail(QStringLiteral("bind must be an IP address, not '%1'").arg(value));
    }
    config.dataDir = pick(parser, dataDir, environment, QStringLiteral("PARLEY_DATA_DIR"));
    if (config.dataDir.isEmpty())
        config.dataDir = defaultDataDir();
    config.database = pick(parser, database, environment, QStringLiteral("PARLEY_DATABASE"));
    config.name = pick(parser, name, environment, QStringLiteral("PARLEY_NAME"));
    if (parser.isSet(origin))
        config.allowedOrigins = parser.values(origin);
    else if (environment.contains(QStringLiteral("PARLEY_ALLOW_ORIGIN")))
        config.allowedOrigins = environment.value(QStringLiteral("PARLEY_ALLOW_ORIGIN"))
                                    .split(u',', Qt::SkipEmptyParts);
    for (QString &value : config.allowedOrigins)
        value = value.trimmed();
    if (const QString value =
            pick(parser, registration, environment, QStringLiteral("PARLEY_REGISTRATION"));
        !value.isNull()) {
        if (value != QLatin1String("open") && value != QLatin1String("closed"))
            return fail(
                QStringLiteral("registration must be 'open' or 'closed', not '%1'").arg(value));
        config.registrationOpen = value == QLatin1String("open");
    }
    return {config, 0, {}};
}

} // namespace parley::server
