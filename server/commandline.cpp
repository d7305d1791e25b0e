// SPDX-License-Identifier: GPL-3.0-or-later
#include "commandline.h"

#include "admin/admincommands.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

#include <functional>
#include <memory>
#include <vector>

using namespace Qt::StringLiterals;

namespace parley::server {

namespace {

constexpr const char *DefaultConfigFile = "/etc/parley/server.conf";

// A usage error; `command` names the admin command whose --help to suggest.
CommandLine fail(const QString &message, const QString &command = {})
{
    const QString program = command.isEmpty() ? u"parley-server"_s : u"parley-server "_s + command;
    return {std::nullopt, 2, u"%1: %2\nTry '%1 --help'.\n"_s.arg(program, message), {}, {}};
}

// Where an option's value comes from: the flag, else the PARLEY_* variable, else the config
// file's key of the same name, else nothing (the default stands). An admin command's parser
// knows only some of the options; the others come from the environment and the file alone.
class Sources
{
public:
    Sources(const QCommandLineParser &parser, const QList<QCommandLineOption> &flags,
            const QProcessEnvironment &environment, const QSettings *file)
        : m_parser(parser)
        , m_environment(environment)
        , m_file(file)
    {
        for (const QCommandLineOption &flag : flags)
            m_flags.append(flag.names().constLast());
    }

    QString value(const QCommandLineOption &option, const QString &variable) const
    {
        if (flagged(option))
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
        if (flagged(option))
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
        if (flagged(option))
            return true;
        return flag == QLatin1String("1") || flag == QLatin1String("true")
            || flag == QLatin1String("yes");
    }

private:
    bool flagged(const QCommandLineOption &option) const
    {
        return m_flags.contains(option.names().constLast()) && m_parser.isSet(option);
    }

    QStringList fileValue(const QCommandLineOption &option) const
    {
        const QVariant raw = m_file->value(option.names().constLast());
        return raw.typeId() == QMetaType::QStringList ? raw.toStringList()
                                                      : QStringList{raw.toString()};
    }

    const QCommandLineParser &m_parser;
    QStringList m_flags;
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
        {"stalled-reader-seconds",
         [](ServerConfig &c, double v) {
             c.stalledReaderTimeout = std::chrono::milliseconds(qint64(v * 1000));
         }},
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

// Every option that configures the server, in --help order.
struct ServerOptions
{
    ServerOptions();

    // What the config file and the variables may set.
    QList<QCommandLineOption> settable() const
    {
        return {port,  bind, dataDir, database, name,      origin,   registration,
                limit, tls,  tlsCert, tlsKey,   logFormat, discovery};
    }
    // What an admin command takes besides its own options.
    QList<QCommandLineOption> shared() const { return {dataDir, database, logFormat}; }

    QCommandLineOption port, bind, dataDir, database, name, origin, registration, limit, tls,
        tlsCert, tlsKey, logFormat, discovery, configFile;
};

ServerOptions::ServerOptions()
    : port({u"p"_s, u"port"_s},
           u"TCP port to listen on (PARLEY_PORT; default 7447; 0 picks a free one)."_s, u"port"_s)
    , bind(u"bind"_s, u"Address to listen on (PARLEY_BIND; default: all interfaces)."_s,
           u"address"_s)
    , dataDir(
          u"data-dir"_s,
          u"Directory for the database and the token secret (PARLEY_DATA_DIR; default %1)."_s.arg(
              CommandLine::defaultDataDir()),
          u"dir"_s)
    , database(u"database"_s,
               u"SQLite database file or sqlite:///path (PARLEY_DATABASE; default "
               u"DATA-DIR/parley.db)."_s,
               u"url"_s)
    , name(u"name"_s, u"Server name shown to clients (PARLEY_NAME; default: the host name)."_s,
           u"name"_s)
    , origin(u"allow-origin"_s,
             u"Accept WebSocket handshakes with this Origin; repeatable (PARLEY_ALLOW_ORIGIN, "
             u"comma-separated). Default: only clients that send no Origin."_s,
             u"origin"_s)
    , registration(u"registration"_s,
                   u"Who may sign up: open (anyone), closed (nobody) or invite (with a code from "
                   u"parley-server invite) (PARLEY_REGISTRATION; default open)."_s,
                   u"mode"_s)
    , limit(u"limit"_s,
            u"Set an abuse limit, NAME=VALUE; repeatable (PARLEY_LIMITS, comma-separated). Names: "
            u"login-failures-per-account, login-attempts-per-address, registrations-per-address, "
            u"message-burst, messages-per-second, typing-per-second, connections-per-address, "
            u"group-members, frame-bytes, json-depth, queued-bytes, stalled-reader-seconds."_s,
            u"name=value"_s)
    , tls(u"tls"_s,
          u"Serve wss:// (PARLEY_TLS=1). Without --tls-cert/--tls-key a self-signed "
          u"certificate is made in the data directory on first start."_s)
    , tlsCert(u"tls-cert"_s,
              u"PEM certificate (chain) for wss:// (PARLEY_TLS_CERT); implies --tls."_s, u"file"_s)
    , tlsKey(u"tls-key"_s, u"PEM private key for --tls-cert (PARLEY_TLS_KEY)."_s, u"file"_s)
    , logFormat(u"log-format"_s,
                u"Log lines on stderr as text or json, one object per line with time, level, "
                u"category and message (PARLEY_LOG_FORMAT; default text)."_s,
                u"format"_s)
    , discovery(u"discovery"_s,
                u"Answer LAN discovery on UDP port 7448 so the app lists this server: on or off "
                u"(PARLEY_DISCOVERY; default on)."_s,
                u"on|off"_s)
    , configFile(u"config"_s,
                 u"INI file with any of these options as keys, e.g. port=7447 (PARLEY_CONFIG; "
                 u"default %1 when it exists; PARLEY_CONFIG= for none). Flags and variables win "
                 u"over it."_s.arg(QLatin1String(DefaultConfigFile)),
                 u"file"_s)
{ }

// The config file named by --config or PARLEY_CONFIG, else the default one when it exists.
// Null without a file; null with *error set when the file is unusable.
std::unique_ptr<QSettings> openConfigFile(const QCommandLineParser &parser,
                                          const ServerOptions &options,
                                          const QProcessEnvironment &environment, QString *error)
{
    const QCommandLineOption &configFile = options.configFile;
    QString configPath =
        parser.isSet(configFile) ? parser.value(configFile) : environment.value(u"PARLEY_CONFIG"_s);
    // PARLEY_CONFIG set but empty means no config file at all, not even the default one.
    const bool noFile = !parser.isSet(configFile) && environment.contains(u"PARLEY_CONFIG"_s)
        && configPath.isEmpty();
    if (configPath.isEmpty() && !noFile && QFileInfo::exists(QLatin1String(DefaultConfigFile)))
        configPath = QLatin1String(DefaultConfigFile);
    if (configPath.isEmpty())
        return nullptr;
    if (!QFileInfo(configPath).isReadable()) {
        *error = u"cannot read the config file %1"_s.arg(configPath);
        return nullptr;
    }
    auto file = std::make_unique<QSettings>(configPath, QSettings::IniFormat);
    if (file->status() != QSettings::NoError) {
        *error = u"the config file %1 is not valid INI"_s.arg(configPath);
        return nullptr;
    }
    QStringList known;
    for (const QCommandLineOption &option : options.settable())
        known.append(option.names().constLast());
    for (const QString &key : file->allKeys()) {
        if (!known.contains(key)) {
            *error =
                u"unknown key '%1' in %2 (known: %3)"_s.arg(key, configPath, known.join(", "_L1));
            return nullptr;
        }
    }
    return file;
}

// The server configuration and log format the sources give; a usage error names a bad value.
CommandLine resolve(const Sources &sources, const ServerOptions &o, const QString &command)
{
    ServerConfig config;
    if (const QString value = sources.value(o.port, u"PARLEY_PORT"_s); !value.isNull()) {
        bool ok = false;
        const uint number = value.toUInt(&ok);
        if (!ok || number > 65535)
            return fail(u"port must be a number from 0 to 65535, not '%1'"_s.arg(value), command);
        config.port = quint16(number);
    }
    if (const QString value = sources.value(o.bind, u"PARLEY_BIND"_s); !value.isNull()) {
        if (!config.bindAddress.setAddress(value))
            return fail(u"bind must be an IP address, not '%1'"_s.arg(value), command);
    }
    config.dataDir = sources.value(o.dataDir, u"PARLEY_DATA_DIR"_s);
    if (config.dataDir.isEmpty())
        config.dataDir = CommandLine::defaultDataDir();
    config.database = sources.value(o.database, u"PARLEY_DATABASE"_s);
    config.name = sources.value(o.name, u"PARLEY_NAME"_s);
    config.allowedOrigins = sources.values(o.origin, u"PARLEY_ALLOW_ORIGIN"_s);
    if (const QString value = sources.value(o.registration, u"PARLEY_REGISTRATION"_s);
        !value.isNull()) {
        if (value != "open"_L1 && value != "closed"_L1 && value != "invite"_L1)
            return fail(u"registration must be 'open', 'closed' or 'invite', not '%1'"_s.arg(value),
                        command);
        config.registrationOpen = value == "open"_L1;
        config.registrationByInvite = value == "invite"_L1;
    }
    config.tlsCertificateFile = sources.value(o.tlsCert, u"PARLEY_TLS_CERT"_s);
    config.tlsKeyFile = sources.value(o.tlsKey, u"PARLEY_TLS_KEY"_s);
    config.tls = sources.isSet(o.tls, u"PARLEY_TLS"_s) || !config.tlsCertificateFile.isEmpty();
    if (config.tlsCertificateFile.isEmpty() != config.tlsKeyFile.isEmpty())
        return fail(u"--tls-cert and --tls-key go together"_s, command);
    for (const QString &assignment : sources.values(o.limit, u"PARLEY_LIMITS"_s)) {
        if (const QString problem = applyLimit(config, assignment); !problem.isNull())
            return fail(problem, command);
    }
    if (const QString value = sources.value(o.discovery, u"PARLEY_DISCOVERY"_s); !value.isNull()) {
        if (value != "on"_L1 && value != "off"_L1)
            return fail(u"discovery must be 'on' or 'off', not '%1'"_s.arg(value), command);
        config.discovery = value == "on"_L1;
    }
    LogOutput::Format logFormat = LogOutput::Format::Text;
    if (const QString value = sources.value(o.logFormat, u"PARLEY_LOG_FORMAT"_s); !value.isNull()) {
        const auto format = LogOutput::formatNamed(value);
        if (!format)
            return fail(u"log-format must be 'text' or 'json', not '%1'"_s.arg(value), command);
        logFormat = *format;
    }
    return {config, 0, {}, logFormat, {}};
}

// `parley-server [options] WORDS [ARGUMENT] [options]`: the command's own parser sees the whole
// line again, so its options and the shared ones may come before or after the words.
CommandLine parseCommand(const AdminCommand &command, const QStringList &arguments,
                         const QProcessEnvironment &environment, const ServerOptions &options)
{
    const QString name = command.words.join(u' ');
    QCommandLineParser parser;
    parser.setApplicationDescription(command.summary);
    const QCommandLineOption help = parser.addHelpOption();
    parser.addOptions(options.shared());
    parser.addOption(options.configFile);
    parser.addOptions(command.options);
    parser.addPositionalArgument(name, u"The command."_s, name);
    for (const AdminCommand::Argument &argument : command.arguments) {
        parser.addPositionalArgument(argument.name, argument.description,
                                     argument.optional ? u'[' + argument.name + u']'
                                                       : argument.name);
    }
    if (!parser.parse(arguments))
        return fail(parser.errorText(), name);
    if (parser.isSet(help))
        return {std::nullopt, 0, parser.helpText(), {}, {}};

    AdminInvocation invocation;
    invocation.words = command.words;
    invocation.arguments = parser.positionalArguments().mid(command.words.size());
    qsizetype required = 0;
    for (const AdminCommand::Argument &argument : command.arguments)
        required += argument.optional ? 0 : 1;
    if (invocation.arguments.size() < required)
        return fail(u"%1 is missing"_s.arg(command.arguments.at(invocation.arguments.size()).name),
                    name);
    if (invocation.arguments.size() > command.arguments.size())
        return fail(
            u"unexpected argument '%1'"_s.arg(invocation.arguments.at(command.arguments.size())),
            name);
    for (const QCommandLineOption &option : command.options) {
        const QString key = option.names().constLast();
        if (parser.isSet(option))
            invocation.options.insert(key, parser.value(option));
        else if (command.requiredOptions.contains(key))
            return fail(u"--%1 is required"_s.arg(key), name);
    }

    QString error;
    const auto file = openConfigFile(parser, options, environment, &error);
    if (!error.isEmpty())
        return fail(error, name);
    CommandLine line =
        resolve(Sources(parser, options.shared(), environment, file.get()), options, name);
    if (line.config)
        line.command = invocation;
    return line;
}

} // namespace

QString CommandLine::defaultDataDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

CommandLine CommandLine::parse(const QStringList &arguments, const QProcessEnvironment &environment)
{
    const ServerOptions options;
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Parley chat server: serves the Parley protocol over WebSocket.\n\n"_s
        + AdminCommands::overview());
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    parser.addOptions(options.settable());
    parser.addOption(options.configFile);
    parser.addPositionalArgument(u"command"_s,
                                 u"An administration command (see above); without one, the server "
                                 u"runs."_s,
                                 u"[command]"_s);
    // Everything from the first word on belongs to the command, which parses it again.
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);

    if (!parser.parse(arguments))
        return fail(parser.errorText());
    if (const QStringList words = parser.positionalArguments(); !words.isEmpty()) {
        const AdminCommand *command = AdminCommands::find(words);
        if (!command)
            return fail(AdminCommands::unknown(words));
        return parseCommand(*command, arguments, environment, options);
    }
    if (parser.isSet(help))
        return {std::nullopt, 0, parser.helpText(), {}, {}};
    if (parser.isSet(version))
        return {std::nullopt,
                0,
                u"parley-server %1\n"_s.arg(QCoreApplication::applicationVersion()),
                {},
                {}};

    QString error;
    const auto file = openConfigFile(parser, options, environment, &error);
    if (!error.isEmpty())
        return fail(error);
    return resolve(Sources(parser, options.settable(), environment, file.get()), options, {});
}

} // namespace parley::server
