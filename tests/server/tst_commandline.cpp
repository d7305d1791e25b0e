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
            << QStringList{u"serve"_s} << QByteArray() << u"unexpected argument 'serve'"_s;
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
    }
};

QTEST_GUILESS_MAIN(tst_CommandLine)
#include "tst_commandline.moc"
