// SPDX-License-Identifier: GPL-3.0-or-later
#include "logcapture.h"

namespace parley::test {

LogCapture *LogCapture::s_current = nullptr;

LogCapture::LogCapture()
{
    Q_ASSERT(!s_current);
    s_current = this;
    m_previous = qInstallMessageHandler(&LogCapture::handle);
}

LogCapture::~LogCapture()
{
    qInstallMessageHandler(m_previous);
    s_current = nullptr;
}

bool LogCapture::contains(const QString &fragment) const
{
    const QMutexLocker lock(&m_mutex);
    for (const QString &message : m_messages) {
        if (message.contains(fragment))
            return true;
    }
    return false;
}

QStringList LogCapture::messages() const
{
    const QMutexLocker lock(&m_mutex);
    return m_messages;
}

void LogCapture::handle(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    LogCapture *capture = s_current;
    if (!capture)
        return;
    {
        const QMutexLocker lock(&capture->m_mutex);
        capture->m_messages.append(message);
    }
    if (capture->m_previous)
        capture->m_previous(type, context, message);
}

} // namespace parley::test
