#include "commandline.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QStandardPaths>

#include <functional>
#include <vector>

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

// The abuse limits that --limit NAME=VALUE and PARLEY_LIMITS set, with their config fields.
struct LimitField
{
    const char *name;
    std::function<void(ServerConfig &, double)> apply;
};

const std::vector<LimitField> &limitFields()
{
    static const std::vector<LimitField> fields{
        {"login-failures-per-account",
         [](ServerConfig &c, double v) { c.loginFailuresPerAccount = int(v); }},
        {"login-attempts-per-address",
         [](ServerConfig &c, double v) { c.loginAttemptsPerAddress = int(v); }},
        {"registrations-per-address",
         [](ServerConfig &c, double v) { c.registrationsPerAddress = int(v); }},
        {"message-burst", [](ServerConfig &c, double v) { c.messageBurst = int(v); }},
        {"messages-per-second", [](ServerConfig &c, double v) { c.messagesPerSecond = v; }},
        {"typing-per-second", [](ServerConfig &c, double v) { c.typingPerSecond = int(v); }},
        {"connections-per-address",
         [](ServerConfig &c, double v) { c.connectionsPerAddress = int(v); }},
        {"group-members", [](ServerConfig &c, double v) { c.groupMaxMembers = int(v); }},
        {"frame-bytes", [](ServerConfig &c, double v) { c.frameLimit = qsizetype(v); }},
        {"json-depth", [](ServerConfig &c, double v) { c.jsonDepth = int(v); }},
        {"queued-bytes", [](ServerConfig &c, double v) { c.maxQueuedBytes = qint64(v); }},
    };
    return fields;
}

// Applies "name=value"; an error message naming the problem, or null.
QString applyLimit(ServerConfig &config, const QString &assignment)
{
    const QString name = assignment.section(u'=', 0, 0).trimmed();
    const QString text = assignment.section(u'=', 1).trimmed();
    for (const LimitField &field : limitFields()) {
        if (name != QLatin1String(field.name))
            continue;
        bool ok = false;
        const double value = text.toDouble(&ok);
        if (!ok || value < 1 || value > 1e9)
            return QStringLiteral("limit %1 needs a number from 1 to 1000000000, not '%2'")
                .arg(name, text);
        field.apply(config, value);
        return {};
    }
    QStringList names;
    for (const LimitField &field : limitFields())
        names.append(QLatin1String(field.name));
    return QStringLiteral("unknown limit '%1' (known: %2)")
        .arg(name, names.join(QLatin1String(", ")));
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
    const QCommandLineOption limit(
        QStringLiteral("limit"),
        QStringLiteral(
            "Set an abuse limit, NAME=VALUE; repeatable (PARLEY_LIMITS, comma-separated). Names: "
            "login-failures-per-account, login-attempts-per-address, registrations-per-address, "
            "message-burst, messages-per-second, typing-per-second, connections-per-address, "
            "group-members, frame-bytes, json-depth, queued-bytes."),
        QStringLiteral("name=value"));
    const QCommandLineOption tls(
        QStringLiteral("tls"),
        QStringLiteral("Serve wss:// (PARLEY_TLS=1). Without --tls-cert/--tls-key a self-signed "
                       "certificate is made in the data directory on first start."));
    const QCommandLineOption tlsCert(
        QStringLiteral("tls-cert"),
        QStringLiteral("PEM certificate (chain) for wss:// (PARLEY_TLS_CERT); implies --tls."),
        QStringLiteral("file"));
    const QCommandLineOption tlsKey(
        QStringLiteral("tls-key"),
        QStringLiteral("PEM private key for --tls-cert (PARLEY_TLS_KEY)."), QStringLiteral("file"));
    parser.addOptions(
        {port, bind, dataDir, database, name, origin, registration, limit, tls, tlsCert, tlsKey});

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
    QStringList limits =
        environment.value(QStringLiteral("PARLEY_LIMITS")).split(u',', Qt::SkipEmptyParts);
    limits += parser.values(limit); // flags last: they win
    for (const QString &assignment : limits) {
        if (const QString problem = applyLimit(config, assignment); !problem.isNull())
            return fail(problem);
    }
    return {config, 0, {}};
}

} // namespace parley::server
