#include "serverrun.h"

#include <QLoggingCategory>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcServerRun, "parley.test.serverrun")

namespace parley::test {

namespace {

constexpr int StartTimeoutMs = 20'000;

} // namespace

ServerRun::ServerRun(QString binary, QString dataDir, QStringList flags, QObject *parent)
    : QObject(parent)
    , m_binary(std::move(binary))
    , m_dataDir(std::move(dataDir))
    , m_flags(std::move(flags))
{
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    connect(&m_process, &QProcess::readyReadStandardError, this, &ServerRun::read);
    connect(&m_process, &QProcess::readyReadStandardOutput, this, &ServerRun::read);
}

ServerRun::~ServerRun()
{
    if (m_process.state() != QProcess::NotRunning && !stop()) {
        m_process.kill();
        m_process.waitForFinished(5'000);
    }
}

bool ServerRun::start()
{
    m_url.clear();
    m_log.clear();
    m_stderr.clear();
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"PARLEY_CONFIG"_s, QString());
    m_process.setProcessEnvironment(environment);
    m_process.start(m_binary,
                    QStringList{u"--port"_s, u"0"_s, u"--bind"_s, u"127.0.0.1"_s, u"--data-dir"_s,
                                m_dataDir, u"--limit"_s, u"message-burst=100000"_s}
                        + m_flags);
    if (!m_process.waitForStarted(StartTimeoutMs)) {
        qCWarning(lcServerRun) << "could not start" << m_binary << m_process.errorString();
        return false;
    }
    const bool listening = QTest::qWaitFor(
        [this] { return m_url.isValid() || m_process.state() == QProcess::NotRunning; },
        StartTimeoutMs);
    if (!listening || !m_url.isValid()) {
        read();
        qCWarning(lcServerRun).noquote() << "server did not report listening; log:" << m_log;
        return false;
    }
    return true;
}

bool ServerRun::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return true;
    m_process.terminate();
    const bool stopped = m_process.waitForFinished(10'000);
    read();
    return stopped && m_process.exitStatus() == QProcess::NormalExit && m_process.exitCode() == 0;
}

void ServerRun::read()
{
    const QByteArray err = m_process.readAllStandardError();
    m_stderr += err;
    m_log += err;
    m_log += m_process.readAllStandardOutput();
    static const QRegularExpression listening(u"listening on (ws://127\\.0\\.0\\.1:\\d+/)"_s);
    const QRegularExpressionMatch match = listening.match(QString::fromUtf8(m_log));
    if (match.hasMatch() && !m_url.isValid())
        m_url = QUrl(match.captured(1));
}

} // namespace parley::test
