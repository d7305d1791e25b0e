// SPDX-License-Identifier: GPL-3.0-or-later
#include "hostedserver.h"

#include "connection.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QNetworkInterface>
#include <QSettings>
#include <QStandardPaths>
#include <QTcpServer>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace parley::client {

Q_LOGGING_CATEGORY(lcHost, "parley.host")

namespace {

constexpr int PortsTried = 20;
const auto KeyHosting = u"host/running"_s;
const auto KeyPort = u"host/port"_s;

QString binaryName()
{
#ifdef Q_OS_WIN
    return u"parley-server.exe"_s;
#else
    return u"parley-server"_s;
#endif
}

} // namespace

HostedServer::HostedServer(QObject *parent)
    : QObject(parent)
{
    m_probeTimer.setInterval(250ms);
    m_probeTimer.setSingleShot(true);
    connect(&m_probeTimer, &QTimer::timeout, this, &HostedServer::probe);
}

HostedServer::~HostedServer()
{
    if (m_process && !m_keepRunning) {
        disconnect(m_process.get(), nullptr, this, nullptr);
        m_process->terminate();
        if (!m_process->waitForFinished(3000))
            m_process->kill();
    }
}

QString HostedServer::localUrl() const
{
    return m_port > 0 ? u"ws://127.0.0.1:%1/"_s.arg(m_port) : QString();
}

QString HostedServer::lanUrl() const
{
    const QString address = lanAddress();
    return m_port > 0 && !address.isEmpty() ? u"ws://%1:%2/"_s.arg(address).arg(m_port) : QString();
}

void HostedServer::setKeepRunning(bool keep)
{
    if (m_keepRunning == keep)
        return;
    m_keepRunning = keep;
    emit keepRunningChanged();
}

QString HostedServer::serverBinary() const
{
    if (!m_binary.isEmpty())
        return m_binary;
    const QString fromEnvironment = qEnvironmentVariable("PARLEY_SERVER_BINARY");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    return findServerBinary(QCoreApplication::applicationDirPath());
}

QString HostedServer::findServerBinary(const QString &appDir)
{
    const QDir dir(appDir);
    const QStringList candidates{
        dir.filePath(binaryName()), dir.filePath(u"../libexec/parley/"_s + binaryName()),
        dir.filePath(u"../server/"_s + binaryName()), // scripts/run starts the build tree's app
    };
    for (const QString &candidate : candidates) {
        if (QFileInfo(candidate).isExecutable())
            return QDir::cleanPath(candidate);
    }
    return candidates.constFirst();
}

QString HostedServer::dataDir() const
{
    if (!m_dataDir.isEmpty())
        return m_dataDir;
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/server"_s;
}

quint16 HostedServer::findFreePort(quint16 preferred)
{
    for (int i = 0; i < PortsTried; ++i) {
        const auto port = static_cast<quint16>(preferred + i);
        QTcpServer probe;
        if (probe.listen(QHostAddress::Any, port))
            return port;
    }
    return 0;
}

QString HostedServer::lanAddress()
{
    const auto interfaces = QNetworkInterface::allInterfaces();
    for (const QNetworkInterface &interface : interfaces) {
        const auto flags = interface.flags();
        if (!flags.testFlag(QNetworkInterface::IsUp)
            || !flags.testFlag(QNetworkInterface::IsRunning)
            || flags.testFlag(QNetworkInterface::IsLoopBack))
            continue;
        for (const QNetworkAddressEntry &entry : interface.addressEntries()) {
            const QHostAddress address = entry.ip();
            if (address.protocol() == QAbstractSocket::IPv4Protocol && !address.isLoopback())
                return address.toString();
        }
    }
    return {};
}

bool HostedServer::resumeFor(const QString &serverUrl)
{
    const std::unique_ptr<QSettings> settings = m_settingsFile.isEmpty()
        ? std::make_unique<QSettings>()
        : std::make_unique<QSettings>(m_settingsFile, QSettings::IniFormat);
    const int port = settings->value(KeyPort).toInt();
    const QUrl url(serverUrl.contains(u"://"_s) ? serverUrl : u"ws://"_s + serverUrl);
    if (!settings->value(KeyHosting).toBool() || port <= 0 || url.port() != port
        || !(QHostAddress(url.host()).isLoopback() || url.host() == u"localhost"_s))
        return false;
    if (m_state == Starting || m_state == Running)
        return true;
    m_preferredPort = static_cast<quint16>(port);
    m_resumed = true;
    start();
    return true;
}

void HostedServer::rememberHosting(bool hosting)
{
    const std::unique_ptr<QSettings> settings = m_settingsFile.isEmpty()
        ? std::make_unique<QSettings>()
        : std::make_unique<QSettings>(m_settingsFile, QSettings::IniFormat);
    settings->setValue(KeyHosting, hosting);
    if (hosting)
        settings->setValue(KeyPort, m_port);
}

void HostedServer::start()
{
    if (m_state == Starting || m_state == Running)
        return;
    const QString binary = serverBinary();
    if (!QFileInfo(binary).isExecutable()) {
        fail(tr("The Parley server program was not found at %1.").arg(binary));
        return;
    }
    const quint16 port = findFreePort(m_preferredPort);
    if (m_resumed && port != m_preferredPort) {
        // Busy: the server this app hosted is still there (it was kept running, or another
        // copy of the app runs it). The account's address names this port, so use it as is.
        m_resumed = false;
        m_port = m_preferredPort;
        setState(Starting);
        m_startClock.start();
        probe();
        return;
    }
    m_resumed = false;
    if (port == 0) {
        fail(tr("No free port from %1 on.").arg(m_preferredPort));
        return;
    }
    const QString dir = dataDir();
    if (!QDir().mkpath(dir)) {
        fail(tr("Cannot create the server's data folder %1.").arg(dir));
        return;
    }
    m_port = port;
    m_error.clear();
    emit errorStringChanged();
    const QStringList arguments{u"--data-dir"_s, dir, u"--port"_s, QString::number(port)};
    setState(Starting);

    // The hosted server is the user's own: an admin's /etc/parley/server.conf is not for it.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"PARLEY_CONFIG"_s, QString());

    if (m_keepRunning) {
        // A detached server outlives the app; it is reached like any other.
        QProcess detached;
        detached.setProgram(binary);
        detached.setArguments(arguments);
        detached.setWorkingDirectory(dir);
        detached.setProcessEnvironment(environment);
        if (!detached.startDetached(&m_detachedPid)) {
            fail(tr("The Parley server could not be started."));
            return;
        }
    } else {
        m_process = std::make_unique<QProcess>();
        m_process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process->setStandardOutputFile(QProcess::nullDevice());
        connect(m_process.get(), &QProcess::errorOccurred, this, [this](QProcess::ProcessError) {
            if (m_state == Starting || m_state == Running)
                fail(tr("The Parley server failed: %1").arg(m_process->errorString()));
        });
        connect(m_process.get(), &QProcess::finished, this, [this](int code, QProcess::ExitStatus) {
            if (m_state == Starting || m_state == Running)
                fail(tr("The Parley server stopped (exit code %1).").arg(code));
        });
        m_process->setProcessEnvironment(environment);
        m_process->start(binary, arguments);
    }
    m_startClock.start();
    probe();
}

void HostedServer::stop()
{
    m_probeTimer.stop();
    if (m_probe) {
        m_probe->deleteLater();
        m_probe = nullptr;
    }
    if (m_process) {
        disconnect(m_process.get(), nullptr, this, nullptr);
        m_process->terminate();
        if (!m_process->waitForFinished(3000))
            m_process->kill();
        m_process.reset();
    }
    m_port = 0;
    rememberHosting(false);
    setState(Stopped);
}

void HostedServer::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged();
}

void HostedServer::fail(const QString &error)
{
    qCWarning(lcHost) << error;
    m_probeTimer.stop();
    if (m_probe) {
        m_probe->deleteLater();
        m_probe = nullptr;
    }
    if (m_process) {
        disconnect(m_process.get(), nullptr, this, nullptr);
        m_process->kill();
        m_process->waitForFinished(1000);
        m_process.reset();
    }
    m_error = error;
    emit errorStringChanged();
    setState(Failed);
    emit failed(error);
}

void HostedServer::probe()
{
    if (m_state != Starting)
        return;
    if (m_startClock.isValid()
        && std::chrono::milliseconds(m_startClock.elapsed()) > m_startTimeout) {
        fail(tr("The Parley server did not start in time."));
        return;
    }
    // Every try opens a fresh connection: the server is ready when it answers server.info.
    if (m_probe)
        m_probe->deleteLater();
    m_probe = new Connection(nullptr, this);
    m_probe->open(QUrl(localUrl()));
    m_probe->request(
        Op::ServerInfo, {}, this,
        [this, probe = m_probe](const Reply &reply) {
            if (probe != m_probe)
                return;
            onProbeAnswer(reply.ok());
        },
        1s);
}

void HostedServer::onProbeAnswer(bool ok)
{
    if (m_probe) {
        m_probe->deleteLater();
        m_probe = nullptr;
    }
    if (m_state != Starting)
        return;
    if (!ok) {
        m_probeTimer.start();
        return;
    }
    qCInfo(lcHost) << "hosting on port" << m_port;
    rememberHosting(true);
    setState(Running);
    emit started();
}

} // namespace parley::client
