// SPDX-License-Identifier: GPL-3.0-or-later
#include "serverprocess.h"

#include <QFile>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcServerProcess, "parley.test.serverprocess")

namespace parley::test {

namespace {

constexpr int StartTimeoutMs = 20'000;
constexpr int StopTimeoutMs = 15'000;

// The server also reads PARLEY_* variables: a developer's shell must not change the test.
QProcessEnvironment cleanEnvironment()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    const QStringList names = environment.keys();
    for (const QString &name : names) {
        if (name.startsWith("PARLEY_"_L1))
            environment.remove(name);
    }
    return environment;
}

} // namespace

ServerProcess::ServerProcess(QString dataDir, QStringList extraArguments, QObject *parent)
    : QObject(parent)
    , m_dataDir(std::move(dataDir))
    , m_extraArguments(std::move(extraArguments))
{
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    m_process.setProcessEnvironment(cleanEnvironment());
    connect(&m_process, &QProcess::readyReadStandardError, this, &ServerProcess::readLog);
    connect(&m_process, &QProcess::readyReadStandardOutput, this, &ServerProcess::readLog);
}

ServerProcess::~ServerProcess()
{
    if (m_process.state() != QProcess::NotRunning && !stop())
        killHard();
}

bool ServerProcess::start()
{
    m_url.clear();
    m_log.clear();
    m_stderr.clear();
    QStringList arguments{u"--port"_s,    QString::number(m_port), u"--bind"_s,
                          u"127.0.0.1"_s, u"--data-dir"_s,         m_dataDir};
    // Tests send in bursts and sign up more people from one address than a person would.
    for (const QString &limit : {u"message-burst=100000"_s, u"registrations-per-address=1000"_s,
                                 u"login-attempts-per-address=1000"_s})
        arguments << u"--limit"_s << limit;
    // Not in the server list of a sign-in page tested beside it (ctest -j).
    arguments << u"--discovery"_s << u"off"_s;
    arguments += m_extraArguments;
    m_process.start(QString::fromUtf8(PARLEY_SERVER_BINARY), arguments);
    if (!m_process.waitForStarted(StartTimeoutMs)) {
        qCWarning(lcServerProcess) << "could not start parley-server:" << m_process.errorString();
        return false;
    }
    const bool listening = QTest::qWaitFor(
        [this] { return m_url.isValid() || m_process.state() == QProcess::NotRunning; },
        StartTimeoutMs);
    if (!listening || !m_url.isValid()) {
        readLog();
        qCWarning(lcServerProcess).noquote()
            << "parley-server did not report listening; log:" << m_log;
        return false;
    }
    m_port = quint16(m_url.port());
    return true;
}

void ServerProcess::setEnvironmentValue(const QString &name, const QString &value)
{
    QProcessEnvironment environment = m_process.processEnvironment();
    environment.insert(name, value);
    m_process.setProcessEnvironment(environment);
}

bool ServerProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return false;
    m_process.terminate();
    if (!m_process.waitForFinished(StopTimeoutMs)) {
        qCWarning(lcServerProcess) << "parley-server did not stop on SIGTERM";
        return false;
    }
    readLog();
    const bool clean = m_process.exitStatus() == QProcess::NormalExit && m_process.exitCode() == 0;
    if (!clean)
        qCWarning(lcServerProcess).noquote() << "parley-server ended with" << m_process.exitStatus()
                                             << m_process.exitCode() << "; log:" << m_log;
    return clean;
}

void ServerProcess::killHard()
{
    m_process.kill();
    m_process.waitForFinished(StopTimeoutMs);
    readLog();
}

qint64 ServerProcess::residentKiB() const
{
    QFile status(u"/proc/%1/status"_s.arg(pid()));
    if (pid() <= 0 || !status.open(QIODevice::ReadOnly))
        return -1;
    // "VmRSS:	   12345 kB"
    for (QByteArray line = status.readLine(); !line.isEmpty(); line = status.readLine()) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

QByteArray ServerProcess::log()
{
    readLog();
    return m_log;
}

QByteArray ServerProcess::standardError()
{
    readLog();
    return m_stderr;
}

void ServerProcess::readLog()
{
    const QByteArray err = m_process.readAllStandardError();
    m_stderr += err;
    m_log += err;
    m_log += m_process.readAllStandardOutput();
    static const QRegularExpression listening(u"listening on (wss?://127\\.0\\.0\\.1:\\d+/)"_s);
    if (m_url.isValid())
        return;
    const QRegularExpressionMatch match = listening.match(QString::fromUtf8(m_log));
    if (match.hasMatch())
        m_url = QUrl(match.captured(1));
}

} // namespace parley::test
