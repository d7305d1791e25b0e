// SPDX-License-Identifier: GPL-3.0-or-later
#include "commandline.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace parley::server;
using namespace Qt::StringLiterals;

// parley-server's options: what an admin types, sets in the environment or writes in the
// config file, and which one wins.
class tst_CommandLine : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString writeConfig(const QByteArray &text)
    {
        const QString path = m_dir.filePath(u"server-%1.conf"_s.arg(++m_files));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size())
            return {};
        return path;
    }
    int m_files = 0;

    static CommandLine parse(const QStringList &flags, const QStringList &environment = {})
    {
        QProcessEnvironment env;
        // The machine's own /etc/parley/server.conf must not leak into these cases.
        env.insert(u"PARLEY_CONFIG"_s, QString());
        for (const QString &pair : environment)
            env.insert(pair.section(u'=', 0, 0), pair.section(u'=', 1));
        return CommandLine::parse(QStringList{u"parley-server"_s} + flags, env);
    }

private slots:
    void defaults()
    {
        const CommandLine line = parse({});
        QVERIFY(line.config);
        QCOMPARE(line.config->port, quint16(7447));
        QCOMPARE(line.config->bindAddress, QHostAddress(QHostAddress::Any));
        QVERIFY(line.config->registrationOpen);
        QVERIFY(!line.config->tls);
        QCOMPARE(line.config->dataDir, CommandLine::defaultDataDir());
    }

    void precedence_data()
    {
        QTest::addColumn<QStringList>("flags");
        QTest::addColumn<QStringList>("environment");
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<int>("port");

        QTest::newRow("file alone")
            << QStringList{} << QStringList{} << QByteArray("port=7001\n") << 7001;
        QTest::newRow("environment beats file")
            << QStringList{} << QStringList{u"PARLEY_PORT=7002"_s} << QByteArray("port=7001\n")
            << 7002;
        QTest::newRow("flag beats environment and file")
            << QStringList{u"--port"_s, u"7003"_s} << QStringList{u"PARLEY_PORT=7002"_s}
            << QByteArray("port=7001\n") << 7003;
        QTest::newRow("no file: default") << QStringList{} << QStringList{} << QByteArray() << 7447;
    }

    void precedence()
    {
        QFETCH(QStringList, flags);
        QFETCH(QStringList, environment);
        QFETCH(QByteArray, file);
        QFETCH(int, port);
        if (!file.isEmpty()) {
            const QString path = writeConfig(file);
            QVERIFY(!path.isEmpty());
            flags += {u"--config"_s, path};
        }
        const CommandLine line = parse(flags, environment);
        QVERIFY2(line.config, qPrintable(line.output));
        QCOMPARE(int(line.config->port), port);
    }

    void fileKeysMatchTheOptions()
    {
        const QString path =
            writeConfig("bind=127.0.0.1\ndata-dir=/srv/parley\nname=office\n"
                        "registration=closed\nallow-origin=https://a.example, https://b.example\n"
                        "limit=message-burst=5, group-members=9\n");
        const CommandLine line = parse({u"--config"_s, path});
        QVERIFY2(line.config, qPrintable(line.output));
        QCOMPARE(line.config->bindAddress, QHostAddress(QHostAddress::LocalHost));
        QCOMPARE(line.config->dataDir, u"/srv/parley"_s);
        QCOMPARE(line.config->name, u"office"_s);
        QVERIFY(!line.config->registrationOpen);
        QCOMPARE(line.config->allowedOrigins,
                 (QStringList{u"https://a.example"_s, u"https://b.example"_s}));
        QCOMPARE(line.config->messageBurst, 5);
        QCOMPARE(line.config->groupMaxMembers, 9);
    }

    void badInputNamesTheProblem_data()
    {
        QTest::addColumn<QStringList>("flags");
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<QString>("expected");

        QTest::newRow("port not a number")
            << QStringList{u"--port"_s, u"seven"_s} << QByteArray() << u"port must be"_s;
        QTest::newRow("port too big")
            << QStringList{u"--port"_s, u"70000"_s} << QByteArray() << u"port must be"_s;
        QTest::newRow("bind not an address")
            << QStringList{u"--bind"_s, u"lan"_s} << QByteArray() << u"bind must be"_s;
        QTest::newRow("registration unknown") << QStringList{u"--registration"_s, u"maybe"_s}
                                              << QByteArray() << u"registration must be"_s;
        QTest::newRow("limit unknown") << QStringList{u"--limit"_s, u"speed=3"_s} << QByteArray()
                                       << u"unknown limit 'speed'"_s;
        QTest::newRow("limit not a number") << QStringList{u"--limit"_s, u"message-burst=lots"_s}
                                            << QByteArray() << u"limit message-burst"_s;
        QTest::newRow("cert without key") << QStringList{u"--tls-cert"_s, u"/x.pem"_s}
                                          << QByteArray() << u"--tls-cert and --tls-key"_s;
        QTest::newRow("unknown file key")
            << QStringList{} << QByteArray("prot=7447\n") << u"unknown key 'prot'"_s;
        QTest::newRow("stray argument")
            << QStringList{u"serve"_s} << QByteArray() << u"unknown command 'serve'"_s;
        QTest::newRow("log format unknown")
            << QStringList{u"--log-format"_s, u"xml"_s} << QByteArray() << u"log-format must be"_s;
        QTest::newRow("log format unknown in the file")
            << QStringList{} << QByteArray("log-format=yaml\n") << u"log-format must be"_s;
        QTest::newRow("discovery neither on nor off")
            << QStringList{u"--discovery"_s, u"yes"_s} << QByteArray() << u"discovery must be"_s;
    }

    void badInputNamesTheProblem()
    {
        QFETCH(QStringList, flags);
        QFETCH(QByteArray, file);
        QFETCH(QString, expected);
        if (!file.isEmpty())
            flags += {u"--config"_s, writeConfig(file)};
        const CommandLine line = parse(flags);
        QVERIFY(!line.config);
        QCOMPARE(line.exitCode, 2);
        QVERIFY2(line.output.contains(expected), qPrintable(line.output));
    }

    void missingConfigFileIsAnError()
    {
        const CommandLine line = parse({u"--config"_s, m_dir.filePath(u"absent.conf"_s)});
        QVERIFY(!line.config);
        QVERIFY2(line.output.contains(u"cannot read the config file"_s), qPrintable(line.output));
    }

    void tlsFromEnvironment()
    {
        const CommandLine line = parse({}, {u"PARLEY_TLS=1"_s});
        QVERIFY(line.config);
        QVERIFY(line.config->tls);
    }

    void helpAndVersionExitCleanly()
    {
        const CommandLine help = parse({u"--help"_s});
        QVERIFY(!help.config);
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.output.contains(u"--data-dir"_s));
        QVERIFY(help.output.contains(u"--config"_s));
        QVERIFY(help.output.contains(u"--log-format"_s));
        for (const QString &command :
             {u"user add --name NAME --email EMAIL [--password-stdin]"_s,
              u"user reset-password [--password-stdin] EMAIL"_s, u"backup FILE"_s,
              u"restore FILE"_s, u"check [FILE]"_s, u"invite [--uses N] [--expires DAYS]"_s})
            QVERIFY2(help.output.contains(command), qPrintable(command));
    }

    void registrationModes_data()
    {
        QTest::addColumn<QStringList>("flags");
        QTest::addColumn<QStringList>("environment");
        QTest::addColumn<bool>("open");
        QTest::addColumn<bool>("byInvite");

        QTest::newRow("default") << QStringList{} << QStringList{} << true << false;
        QTest::newRow("open") << QStringList{u"--registration"_s, u"open"_s} << QStringList{}
                              << true << false;
        QTest::newRow("closed") << QStringList{u"--registration"_s, u"closed"_s} << QStringList{}
                                << false << false;
        QTest::newRow("invite") << QStringList{u"--registration"_s, u"invite"_s} << QStringList{}
                                << false << true;
        QTest::newRow("invite from the environment")
            << QStringList{} << QStringList{u"PARLEY_REGISTRATION=invite"_s} << false << true;
    }

    void registrationModes()
    {
        QFETCH(QStringList, flags);
        QFETCH(QStringList, environment);
        QFETCH(bool, open);
        QFETCH(bool, byInvite);
        const CommandLine line = parse(flags, environment);
        QVERIFY2(line.config, qPrintable(line.output));
        QCOMPARE(line.config->registrationOpen, open);
        QCOMPARE(line.config->registrationByInvite, byInvite);
    }

    void logFormat_data()
    {
        QTest::addColumn<QStringList>("flags");
        QTest::addColumn<QStringList>("environment");
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<bool>("json");

        QTest::newRow("default") << QStringList{} << QStringList{} << QByteArray() << false;
        QTest::newRow("flag") << QStringList{u"--log-format"_s, u"json"_s} << QStringList{}
                              << QByteArray() << true;
        QTest::newRow("environment")
            << QStringList{} << QStringList{u"PARLEY_LOG_FORMAT=json"_s} << QByteArray() << true;
        QTest::newRow("file") << QStringList{} << QStringList{} << QByteArray("log-format=json\n")
                              << true;
        QTest::newRow("flag beats environment")
            << QStringList{u"--log-format"_s, u"text"_s} << QStringList{u"PARLEY_LOG_FORMAT=json"_s}
            << QByteArray() << false;
        QTest::newRow("with a command")
            << QStringList{u"user"_s, u"list"_s, u"--log-format"_s, u"json"_s} << QStringList{}
            << QByteArray() << true;
    }

    void logFormat()
    {
        QFETCH(QStringList, flags);
        QFETCH(QStringList, environment);
        QFETCH(QByteArray, file);
        QFETCH(bool, json);
        if (!file.isEmpty())
            flags += {u"--config"_s, writeConfig(file)};
        const CommandLine line = parse(flags, environment);
        QVERIFY2(line.config, qPrintable(line.output));
        QCOMPARE(line.logFormat == LogOutput::Format::Json, json);
    }

    void discovery_data()
    {
        QTest::addColumn<QStringList>("flags");
        QTest::addColumn<QStringList>("environment");
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<bool>("on");

        QTest::newRow("default") << QStringList{} << QStringList{} << QByteArray() << true;
        QTest::newRow("flag off") << QStringList{u"--discovery"_s, u"off"_s} << QStringList{}
                                  << QByteArray() << false;
        QTest::newRow("environment off")
            << QStringList{} << QStringList{u"PARLEY_DISCOVERY=off"_s} << QByteArray() << false;
        QTest::newRow("file off") << QStringList{} << QStringList{} << QByteArray("discovery=off\n")
                                  << false;
        QTest::newRow("flag beats environment")
            << QStringList{u"--discovery"_s, u"on"_s} << QStringList{u"PARLEY_DISCOVERY=off"_s}
            << QByteArray() << true;
    }

    void discovery()
    {
        QFETCH(QStringList, flags);
        QFETCH(QStringList, environment);
        QFETCH(QByteArray, file);
        QFETCH(bool, on);
        if (!file.isEmpty())
            flags += {u"--config"_s, writeConfig(file)};
        const CommandLine line = parse(flags, environment);
        QVERIFY2(line.config, qPrintable(line.output));
        QCOMPARE(line.config->discovery, on);
    }

    void commands_data()
    {
        QTest::addColumn<QStringList>("flags");
        QTest::addColumn<QStringList>("environment");
        QTest::addColumn<QStringList>("words");
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QStringList>("options"); // name=value of what was given
        QTest::addColumn<QString>("dataDir");

        QTest::newRow("user add, options after")
            << QStringList{u"user"_s,       u"add"_s,     u"--name"_s,
                           u"Ann Lee"_s,    u"--email"_s, u"ann@example.com"_s,
                           u"--data-dir"_s, u"/srv/a"_s}
            << QStringList{} << QStringList{u"user"_s, u"add"_s} << QStringList{}
            << QStringList{u"email=ann@example.com"_s, u"name=Ann Lee"_s} << u"/srv/a"_s;
        QTest::newRow("user add, data dir before the command")
            << QStringList{u"--data-dir"_s, u"/srv/b"_s,  u"user"_s,
                           u"add"_s,        u"--email"_s, u"a@b.co"_s,
                           u"--name"_s,     u"A"_s,       u"--password-stdin"_s}
            << QStringList{} << QStringList{u"user"_s, u"add"_s} << QStringList{}
            << QStringList{u"email=a@b.co"_s, u"name=A"_s, u"password-stdin="_s} << u"/srv/b"_s;
        QTest::newRow("user disable, data dir from the environment")
            << QStringList{u"user"_s, u"disable"_s, u"ann@example.com"_s}
            << QStringList{u"PARLEY_DATA_DIR=/srv/c"_s} << QStringList{u"user"_s, u"disable"_s}
            << QStringList{u"ann@example.com"_s} << QStringList{} << u"/srv/c"_s;
        QTest::newRow("backup") << QStringList{u"backup"_s, u"/tmp/copy.db"_s, u"--data-dir"_s,
                                               u"/srv/d"_s}
                                << QStringList{} << QStringList{u"backup"_s}
                                << QStringList{u"/tmp/copy.db"_s} << QStringList{} << u"/srv/d"_s;
        QTest::newRow("check without a file")
            << QStringList{u"check"_s} << QStringList{u"PARLEY_DATA_DIR=/srv/e"_s}
            << QStringList{u"check"_s} << QStringList{} << QStringList{} << u"/srv/e"_s;
        QTest::newRow("invite with its options")
            << QStringList{u"invite"_s, u"--uses"_s, u"5"_s, u"--expires"_s, u"30"_s}
            << QStringList{u"PARLEY_DATA_DIR=/srv/f"_s} << QStringList{u"invite"_s} << QStringList{}
            << QStringList{u"expires=30"_s, u"uses=5"_s} << u"/srv/f"_s;
    }

    void commands()
    {
        QFETCH(QStringList, flags);
        QFETCH(QStringList, environment);
        QFETCH(QStringList, words);
        QFETCH(QStringList, arguments);
        QFETCH(QStringList, options);
        QFETCH(QString, dataDir);
        const CommandLine line = parse(flags, environment);
        QVERIFY2(line.config, qPrintable(line.output));
        QVERIFY(line.command);
        QCOMPARE(line.command->words, words);
        QCOMPARE(line.command->arguments, arguments);
        QStringList given;
        for (auto it = line.command->options.cbegin(); it != line.command->options.cend(); ++it)
            given.append(it.key() + u'=' + it.value());
        given.sort();
        QCOMPARE(given, options);
        QCOMPARE(line.config->dataDir, dataDir);
    }

    void commandConfigFileGivesTheDataDir()
    {
        const QString path = writeConfig("data-dir=/srv/from-file\nport=7000\n");
        const CommandLine line = parse({u"user"_s, u"list"_s, u"--config"_s, path});
        QVERIFY2(line.config, qPrintable(line.output));
        QVERIFY(line.command);
        QCOMPARE(line.config->dataDir, u"/srv/from-file"_s);
    }

    void commandErrors_data()
    {
        QTest::addColumn<QStringList>("flags");
        QTest::addColumn<QString>("expected");

        QTest::newRow("group without a command")
            << QStringList{u"user"_s} << u"'user' needs a command: add, list, disable"_s;
        QTest::newRow("unknown user command") << QStringList{u"user"_s, u"remove"_s, u"a@b.co"_s}
                                              << u"unknown command 'user remove'"_s;
        QTest::newRow("required option missing")
            << QStringList{u"user"_s, u"add"_s, u"--name"_s, u"Ann"_s} << u"--email is required"_s;
        QTest::newRow("argument missing")
            << QStringList{u"user"_s, u"disable"_s} << u"EMAIL is missing"_s;
        QTest::newRow("argument extra")
            << QStringList{u"backup"_s, u"a.db"_s, u"b.db"_s} << u"unexpected argument 'b.db'"_s;
        QTest::newRow("server option with a command")
            << QStringList{u"check"_s, u"--port"_s, u"7000"_s} << u"Unknown option 'port'"_s;
        QTest::newRow("another command's option")
            << QStringList{u"check"_s, u"--uses"_s, u"2"_s} << u"Unknown option 'uses'"_s;
        QTest::newRow("bad file key still counts")
            << QStringList{u"check"_s, u"--config"_s, m_dir.filePath(u"absent.conf"_s)}
            << u"cannot read the config file"_s;
    }

    void commandErrors()
    {
        QFETCH(QStringList, flags);
        QFETCH(QString, expected);
        const CommandLine line = parse(flags);
        QVERIFY(!line.config);
        QVERIFY(!line.command);
        QCOMPARE(line.exitCode, 2);
        QVERIFY2(line.output.contains(expected), qPrintable(line.output));
    }

    void commandHelp()
    {
        const CommandLine help = parse({u"user"_s, u"add"_s, u"--help"_s});
        QVERIFY(!help.config);
        QCOMPARE(help.exitCode, 0);
        for (const QString &option :
             {u"--name"_s, u"--email"_s, u"--password-stdin"_s, u"--data-dir"_s, u"--config"_s})
            QVERIFY2(help.output.contains(option), qPrintable(help.output));
        QVERIFY2(!help.output.contains(u"--port"_s), qPrintable(help.output));
    }
};

QTEST_GUILESS_MAIN(tst_CommandLine)
#include "tst_commandline.moc"
