#pragma once

#include <QObject>
#include <QProcess>
#include <QStringList>
#include <QUrl>

namespace parley::test {

// The real parley-server on 127.0.0.1 and an ephemeral port with a data directory and whatever
// flags a test adds (--registration, --log-format, …).
class ServerRun : public QObject
{
    Q_OBJECT

public:
    ServerRun(QString binary, QString dataDir, QStringList flags = {}, QObject *parent = nullptr);
    ~ServerRun() override;

    // Starts it and waits for its "listening on ws://…/" line; false (with the log) otherwise.
    [[nodiscard]] bool start();
    // SIGTERM and wait: the server closes its database cleanly.
    [[nodiscard]] bool stop();
    QUrl url() const { return m_url; }
    QByteArray log() const { return m_log; } // stderr and stdout as they came
    QByteArray standardError() const { return m_stderr; }

private:
    void read();

    QString m_binary;
    QString m_dataDir;
    QStringList m_flags;
    QProcess m_process;
    QByteArray m_log;
    QByteArray m_stderr;
    QUrl m_url;
};

} // namespace parley::test
