#pragma once

#include <QObject>
#include <QProcess>
#include <QUrl>

namespace parley::test {

// The real parley-server executable on 127.0.0.1 and an ephemeral port, for what only a separate
// process can show (surviving kill -9).
class ServerProcess : public QObject
{
    Q_OBJECT

public:
    ServerProcess(QString binary, QString dataDir, QObject *parent = nullptr);
    ~ServerProcess() override;

    // Starts it and waits for its "listening on ws://…/" line; false (with the log) otherwise.
    [[nodiscard]] bool start();
    void killHard(); // SIGKILL, no chance to flush anything
    QUrl url() const { return m_url; }
    QByteArray log() const { return m_log; }

private:
    void readLog();

    QString m_binary;
    QString m_dataDir;
    QProcess m_process;
    QByteArray m_log;
    QUrl m_url;
};

} // namespace parley::test
