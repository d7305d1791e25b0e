// SPDX-License-Identifier: GPL-3.0-or-later
#include "logoutput.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace parley::server {

namespace {

QString levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return u"debug"_s;
    case QtInfoMsg:
        return u"info"_s;
    case QtWarningMsg:
        return u"warning"_s;
    case QtCriticalMsg:
        return u"error"_s;
    case QtFatalMsg:
        return u"fatal"_s;
    }
    return u"info"_s;
}

void writeJson(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    QByteArray line =
        LogOutput::jsonLine(type, context.category, message, QDateTime::currentDateTimeUtc());
    line.append('\n');
    // One write per line, so lines from the store and hashing threads never interleave.
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
    std::fflush(stderr);
}

} // namespace

std::optional<LogOutput::Format> LogOutput::formatNamed(const QString &name)
{
    if (name == "text"_L1)
        return Format::Text;
    if (name == "json"_L1)
        return Format::Json;
    return std::nullopt;
}

void LogOutput::install(Format format)
{
    if (format == Format::Json) {
        qInstallMessageHandler(writeJson);
        return;
    }
    qInstallMessageHandler(nullptr);
    qSetMessagePattern(u"%{time yyyy-MM-ddThh:mm:ss.zzz} %{if-warning}warning "
                       u"%{endif}%{if-critical}error %{endif}%{category}: %{message}"_s);
}

QByteArray LogOutput::jsonLine(QtMsgType type, const char *category, const QString &message,
                               const QDateTime &time)
{
    const QJsonObject object{
        {u"time"_s, time.toUTC().toString(Qt::ISODateWithMs)},
        {u"level"_s, levelName(type)},
        {u"category"_s, QString::fromUtf8(category ? category : "default")},
        {u"message"_s, message},
    };
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace parley::server
