#include "commandline.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

#include <functional>
#include <memory>
#include <vector>

namespace parley::server {

namespace {

constexpr const char *DefaultConfigFile = "/etc/parley/server.conf";

CommandLine fail(const QString &message)
{
    return {std::nullopt, 2,
            QStringLiteral("parley-server: %1\nTry 'parley-server --help'.\n").arg(message)};
}

// Where an option's value comes from: the flag, else the PARLEY_* variable, else the config
// file's key of the same name, else nothing (the default stands).
class Sources
{
public:
    Sources(const QCommandLineParser &parser, const QProcessEnvironment &environment,
            const QSettings *file)
        : m_parser(parser)
        , m_environment(environment)
        , m_file(file)
    { }

    QString value(const QCommandLineOption &option, const QString &variable) const
    {
        if (m_parser.isSet(option))
            return m_parser.value(option);
        if (m_environment.contains(variable))
            return m_environment.value(variable);
        if (m_file && m_file->contains(option.names().constLast()))
            return fileValue(option).join(u',');
        return {};
    }

    // A repeatable option: the flags, else the variable (comma-separated), else the file's list.
    QStringList values(const QCommandLineOption &option, const QString &variable) const
    {
        QStringList result;
        if (m_parser.isSet(option))
            result = m_parser.values(option);
        else if (m_environment.contains(variable))
            result = m_environment.value(variable).split(u',', Qt::SkipEmptyParts);
        else if (m_file)
            result = fileValue(option);
        for (QString &value : result)
            value = value.trimmed();
        result.removeAll(QString());
        return result;
    }

    bool isSet(const QCommandLineOption &option, const QString &variable) const
    {
        const QString flag = value(option, variable);
        if (m_parser.isSet(option))
            return true;
        return flag == QLatin1String("1") || flag == QLatin1String("true")
            || flag == QLatin1String("yes");
    }

private:
    QStringList fileValue(const QCommandLineOption &option) const
    {
        const QVariant raw = m_file->value(option.names().constLast());
        return raw.typeId() == QMetaType::QStringList ? raw.toStringList()
                                                      : QStringList{raw.toString()};
    }

    const QCommandLineParser &m_parser;
    const QProcessEnvironment &m_environment;
    const QSettings *m_file;
};

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
    const QCommandLineOption configFile(
        QStringLiteral("config"),
        QStringLiteral(
            "INI file with any of these options as keys, e.g. port=7447 (PARLEY_CONFIG; "
            "default %1 when it exists; PARLEY_CONFIG= for none). Flags and variables win over it.")
            .arg(QLatin1String(DefaultConfigFile)),
        QStringLiteral("file"));
    const QList<QCommandLineOption> settable{port,         bind,  dataDir, database, name,  origin,
                                             registration, limit, tls,     tlsCert,  tlsKey};
    parser.addOptions(settable);
    parser.addOption(configFile);

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

    QString configPath = parser.isSet(configFile)
        ? parser.value(configFile)
        : environment.value(QStringLiteral("PARLEY_CONFIG"));
    // PARLEY_CONFIG set but empty means no config file at all, not even the default one.
    const bool noFile = !parser.isSet(configFile)
        && environment.contains(QStringLiteral("PARLEY_CONFIG")) && configPath.isEmpty();
    if (configPath.isEmpty() && !noFile && QFileInfo::exists(QLatin1String(DefaultConfigFile)))
        configPath = QLatin1String(DefaultConfigFile);
    std::unique_ptr<QSettings> file;
    if (!configPath.isEmpty()) {
        if (!QFileInfo(configPath).isReadable())
            return fail(QStringLiteral("cannot read the config file %1").arg(configPath));
        file = std::make_unique<QSettings>(configPath, QSettings::IniFormat);
        if (file->status() != QSettings::NoError)
            return fail(QStringLiteral("the config file %1 is not valid INI").arg(configPath));
        QStringList known;
        for (const QCommandLineOption &option : settable)
            known.append(option.names().constLast());
        for (const QString &key : file->allKeys()) {
            if (!known.contains(key))
                return fail(QStringLiteral("unknown key '%1' in %2 (known: %3)")
                                .arg(key, configPath, known.join(QLatin1String(", "))));
        }
    }
    const Sources sources(parser, environment, file.get());

    ServerConfig config;
    if (const QString value = sources.value(port, QStringLiteral("PARLEY_PORT")); !value.isNull()) {
        bool ok = false;
        const uint number = value.toUInt(&ok);
        if (!ok || number > 65535)
            return fail(
                QStringLiteral("port must be a number from 0 to 65535, not '%1'").arg(value));
        config.port = quint16(number);
    }
    if (const QString value = sources.value(bind, QStringLiteral("PARLEY_BIND")); !value.isNull()) {
        if (!config.bindAddress.setAddress(value))
            return fail(QStringLiteral("bind must be an IP address, not '%1'").arg(value));
    }
    config.dataDir = sources.value(dataDir, QStringLiteral("PARLEY_DATA_DIR"));
    if (config.dataDir.isEmpty())
        config.dataDir = defaultDataDir();
    config.database = sources.value(database, QStringLiteral("PARLEY_DATABASE"));
    config.name = sources.value(name, QStringLiteral("PARLEY_NAME"));
    config.allowedOrigins = sources.values(origin, QStringLiteral("PARLEY_ALLOW_ORIGIN"));
    if (const QString value = sources.value(registration, QStringLiteral("PARLEY_REGISTRATION"));
        !value.isNull()) {
        if (value != QLatin1String("open") && value != QLatin1String("closed"))
            return fail(
                QStringLiteral("registration must be 'open' or 'closed', not '%1'").arg(value));
        config.registrationOpen = value == QLatin1String("open");
    }
    config.tlsCertificateFile = sources.value(tlsCert, QStringLiteral("PARLEY_TLS_CERT"));
    config.tlsKeyFile = sources.value(tlsKey, QStringLiteral("PARLEY_TLS_KEY"));
    config.tls =
        sources.isSet(tls, QStringLiteral("PARLEY_TLS")) || !config.tlsCertificateFile.isEmpty();
    if (config.tlsCertificateFile.isEmpty() != config.tlsKeyFile.isEmpty())
        return fail(QStringLiteral("--tls-cert and --tls-key go together"));
    for (const QString &assignment : sources.values(limit, QStringLiteral("PARLEY_LIMITS"))) {
        if (const QString problem = applyLimit(config, assignment); !problem.isNull())
            return fail(problem);
    }
    return {config, 0, {}};
}

} // namespace parley::server
