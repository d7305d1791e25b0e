// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace parley::test {

// One run of a parley-server admin command, as an operator's shell would see it.
struct AdminResult
{
    int exitCode = -1;
    QString out;
    QString err;

    // The value of an "label: value" line of stdout, e.g. "password".
    QString line(const QString &label) const;
    QByteArray describe() const; // for failure messages
};

// Runs the real parley-server binary with a command; the machine's /etc/parley/server.conf
// never takes part.
class AdminProcess
{
public:
    explicit AdminProcess(QString binary);

    AdminResult run(const QStringList &arguments, const QByteArray &input = {}) const;
    // Starts a run without waiting, for commands that overlap with other work.
    void start(QProcess &process, const QStringList &arguments) const;
    static AdminResult resultOf(QProcess &process);

private:
    QString m_binary;
};

} // namespace parley::test
