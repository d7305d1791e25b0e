#include "serverprocess.h"

#include <QLoggingCategory>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcServerProcess, "parley.test.process")

namespace parley::test {

namespace {

constexpr int StartTimeoutMs = 20'000;

} // namespace

ServerProcess::ServerProcess(QString binary, QString dataDir, QObject *parent)
    : QObject(parent)
    , m_binary(std::move(binary))
    , m_dataDir(std::move(dataDir))
{
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    connect(&m_process, &QProcess::readyReadStandardError, this, &ServerProcess::readLog);
    connect(&m_process, &QProcess::readyReadStandardOutput, this, &ServerProcess::readLog);
}

ServerProcess::~ServerProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.terminate();
        if (!m_process.waitForFinished(5'000))
            killHard();
    }
}

bool ServerProcess::start()
{
    m_url.clear();
    m_log.clear();
    // A burst of hundreds of sends from one connection is the point of these tests.
    m_process.start(m_binary,
                    {u"--port"_s, u"0"_s, u"--bind"_s, u"127.0.0.1"_s, u"--data-dir"_s, m_dataDir,
                     u"--limit"_s, u"message-burst=100000"_s});
    if (!m_process.waitForStarted(StartTimeoutMs)) {
        qCWarning(lcServerProcess) << "could not start" << m_binary << m_process.errorString();
        return false;
    }
    const bool listening = QTest::qWaitFor(
        [this] { return m_url.isValid() || m_process.state() == QProcess::NotRunning; },
        StartTimeoutMs);
    if (!listening || !m_url.isValid()) {
        readLog();
        qCWarning(lcServerProcess).noquote() << "server did not report listening; log:" << m_log;
        return false;
    }
    return true;
}

void ServerProcess::killHard()
{
    m_process.kill();
    m_process.waitForFinished(5'000);
}

void ServerProcess::readLog()
{
    m_log += m_process.readAllStandardError();
    m_log += m_process.readAllStandardOutput();
    static const QRegularExpression listening(u"listening on (ws://127\\.0\\.0\\.1:\\d+/)"_s);
    const QRegularExpressionMatch match = listening.match(QString::fromUtf8(m_log));
    if (match.hasMatch() && !m_url.isValid())
        m_url = QUrl(match.captured(1));
}

} // namespace parley::test
