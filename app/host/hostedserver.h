// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QProcess>
#include <QTimer>
#include <QUrl>

#include <memory>

namespace parley::client {

class Connection;

// Host mode ("host a chat on this computer"): runs parley-server from beside the app as a child
// process, on port 7447 or the next free one, with its data in the app's data directory, and
// reports Running once it answers server.info. The UI then signs the user up as first member
// at localUrl; others join at lanUrl.
//
// The hosted server lives with the app (docs/hosting.md): it stops when the app quits and the
// next start runs it again on the same port (resumeFor), until the user chooses Stop hosting.
class HostedServer : public QObject
{
    Q_OBJECT

    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(bool running READ running NOTIFY stateChanged)
    Q_PROPERTY(int port READ port NOTIFY stateChanged)
    // Where this app connects: ws://127.0.0.1:port/
    Q_PROPERTY(QString localUrl READ localUrl NOTIFY stateChanged)
    // What others on the LAN type in: ws://<first non-loopback IPv4>:port/ ("" when none)
    Q_PROPERTY(QString lanUrl READ lanUrl NOTIFY stateChanged)
    Q_PROPERTY(QString errorString READ errorString NOTIFY errorStringChanged)
    // Leave the server running when the app quits (set before start()).
    Q_PROPERTY(bool keepRunning READ keepRunning WRITE setKeepRunning NOTIFY keepRunningChanged)

public:
    enum State { Stopped, Starting, Running, Failed };
    Q_ENUM(State)

    explicit HostedServer(QObject *parent = nullptr);
    ~HostedServer() override;

    State state() const { return m_state; }
    bool running() const { return m_state == Running; }
    int port() const { return m_port; }
    QString localUrl() const;
    QString lanUrl() const;
    QString errorString() const { return m_error; }
    bool keepRunning() const { return m_keepRunning; }
    void setKeepRunning(bool keep);

    // Overrides for tests; defaults: the parley-server beside the executable (or the
    // PARLEY_SERVER_BINARY environment variable), AppDataLocation/server, port 7447.
    void setServerBinary(const QString &path) { m_binary = path; }
    void setDataDir(const QString &dir) { m_dataDir = dir; }
    void setPreferredPort(quint16 port) { m_preferredPort = port; }
    void setStartTimeout(std::chrono::milliseconds timeout) { m_startTimeout = timeout; }

    Q_INVOKABLE void start();
    // Stops the server; it is not started again at the next start of the app.
    Q_INVOKABLE void stop();
    // At start-up: serverUrl is the account's server. When this app was hosting it, runs it
    // again on the same port (or, when something already answers there, takes that for it).
    // Returns whether it did.
    bool resumeFor(const QString &serverUrl);
    // Where the hosting is remembered; default: the application's QSettings.
    void setSettingsFile(const QString &file) { m_settingsFile = file; }

    QString serverBinary() const;
    // Where parley-server is for an app in appDir: beside it (installed, and the Windows and
    // macOS bundles), in ../libexec/parley or, in a build tree (build/<preset>/app/parley),
    // in ../server. The first that exists; else the one beside it, to name in the error.
    static QString findServerBinary(const QString &appDir);
    QString dataDir() const;
    // The first port from preferred on that nothing listens on (0 if none in 20 tries).
    static quint16 findFreePort(quint16 preferred);
    // The first non-loopback, up IPv4 address, or "".
    static QString lanAddress();

signals:
    void stateChanged();
    void errorStringChanged();
    void keepRunningChanged();
    void started();
    void failed(const QString &error);

private:
    void setState(State state);
    void fail(const QString &error);
    void probe();
    void onProbeAnswer(bool ok);
    void rememberHosting(bool hosting);

    State m_state = Stopped;
    int m_port = 0;
    QString m_error;
    bool m_keepRunning = false;
    QString m_binary;
    QString m_dataDir;
    QString m_settingsFile;
    bool m_resumed = false; // started by resumeFor: the port is the remembered one or nothing
    quint16 m_preferredPort = 7447;
    std::chrono::milliseconds m_startTimeout{20'000};
    std::unique_ptr<QProcess> m_process;
    qint64 m_detachedPid = 0;
    QPointer<Connection> m_probe;
    QTimer m_probeTimer;
    QElapsedTimer m_startClock;
};

} // namespace parley::client
