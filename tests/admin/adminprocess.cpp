// SPDX-License-Identifier: GPL-3.0-or-later
#include "adminprocess.h"

#include <QProcessEnvironment>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace parley::test {

namespace {

constexpr int RunTimeoutMs = 60'000; // hashing a password shares two cores with builds

} // namespace

QString AdminResult::line(const QString &label) const
{
    const QRegularExpression pattern(u"^%1: (.+)$"_s.arg(QRegularExpression::escape(label)),
                                     QRegularExpression::MultilineOption);
    return pattern.match(out).captured(1).trimmed();
}

QByteArray AdminResult::describe() const
{
    return u"exit code %1\nstdout:\n%2\nstderr:\n%3"_s.arg(QString::number(exitCode), out, err)
        .toUtf8();
}

AdminProcess::AdminProcess(QString binary)
    : m_binary(std::move(binary))
{ }

void AdminProcess::start(QProcess &process, const QStringList &arguments) const
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"PARLEY_CONFIG"_s, QString());
    process.setProcessEnvironment(environment);
    process.start(m_binary, arguments);
}

AdminResult AdminProcess::run(const QStringList &arguments, const QByteArray &input) const
{
    QProcess process;
    start(process, arguments);
    if (!process.waitForStarted(RunTimeoutMs))
        return {-1, {}, u"could not start: "_s + process.errorString()};
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(RunTimeoutMs)) {
        process.kill();
        process.waitForFinished();
        return {-1, QString::fromUtf8(process.readAllStandardOutput()), u"timed out"_s};
    }
    return resultOf(process);
}

AdminResult AdminProcess::resultOf(QProcess &process)
{
    const int code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    return {code, QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

} // namespace parley::test
