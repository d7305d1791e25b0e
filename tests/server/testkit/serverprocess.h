// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QObject>
#include <QProcess>
#include <QStringList>
#include <QUrl>

namespace parley::test {

// The real parley-server executable on 127.0.0.1, for what only a separate process shows: kill -9,
// a restart on the same data and the same address (so app Sessions reconnect by themselves), a
// clean stop on SIGTERM, its log and its memory use. Every test that starts parley-server uses
// this one harness.
class ServerProcess : public QObject
{
    Q_OBJECT

public:
    // extraArguments go after the defaults, e.g. {"--limit", "queued-bytes=262144"} or {"--tls"}
    // (then url() is wss://).
    explicit ServerProcess(QString dataDir, QStringList extraArguments = {},
                           QObject *parent = nullptr);
    ~ServerProcess() override;

    // Starts it and waits for its "listening on ws://…/" line. The first start takes an
    // ephemeral port, later ones the same port again. False, with the log, otherwise.
    [[nodiscard]] bool start();
    // Sets a variable of its environment from the next start on.
    void setEnvironmentValue(const QString &name, const QString &value);
    // SIGTERM and wait: true when it exited by itself with status 0 (no crash, no hang).
    [[nodiscard]] bool stop();
    void killHard(); // SIGKILL: no chance to flush or say goodbye
    bool isRunning() const { return m_process.state() == QProcess::Running; }

    qint64 pid() const { return m_process.processId(); }
    // VmRSS of the running process in KiB from /proc, -1 when it cannot be read.
    qint64 residentKiB() const;
    QUrl url() const { return m_url; }
    quint16 port() const { return m_port; }
    // Everything it wrote to stdout and stderr since the last start.
    QByteArray log();
    // What it wrote to stderr alone since the last start (the log lines, without stdout).
    QByteArray standardError();

private:
    void readLog();

    QString m_dataDir;
    QStringList m_extraArguments;
    QProcess m_process;
    QByteArray m_log;
    QByteArray m_stderr;
    QUrl m_url;
    quint16 m_port = 0;
};

} // namespace parley::test
