// SPDX-License-Identifier: GPL-3.0-or-later
#include "faketransport.h"

#include "frame.h"

#include <QJsonDocument>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace parley::test {

void FakeTransport::open(const QUrl &)
{
    ++opens;
    // Like a socket: the outcome arrives from the event loop, never inside open().
    QTimer::singleShot(0, this, [this] {
        if (refuse) {
            emit closed(u"connection refused"_s);
            return;
        }
        m_open = true;
        emit opened();
    });
}

void FakeTransport::close()
{
    if (!m_open)
        return;
    m_open = false;
    emit closed(u"closed"_s);
}

void FakeTransport::sendText(const QString &text)
{
    sent.append(QJsonDocument::fromJson(text.toUtf8()).object());
}

bool FakeTransport::hasRequest(const QString &op) const
{
    for (int i = 0; i < sent.size(); ++i) {
        if (sent[i].value(u"op").toString() == op && !m_takenIndexes.contains(i))
            return true;
    }
    return false;
}

QJsonObject FakeTransport::takeRequest(const QString &op)
{
    for (int i = 0; i < sent.size(); ++i) {
        if (sent[i].value(u"op").toString() == op && !m_takenIndexes.contains(i)) {
            m_takenIndexes.append(i);
            return sent[i];
        }
    }
    return {};
}

void FakeTransport::reply(const QJsonObject &request, const QJsonObject &data)
{
    emit textReceived(QString::fromUtf8(encodeOk(request.value(u"id").toString(), data)));
}

void FakeTransport::replyError(const QJsonObject &request, const Error &error)
{
    emit textReceived(QString::fromUtf8(encodeError(request.value(u"id").toString(), error)));
}

void FakeTransport::event(const QString &name, const QJsonObject &data)
{
    emit textReceived(QString::fromUtf8(encodeEvent(name, data)));
}

void FakeTransport::drop()
{
    if (!m_open)
        return;
    m_open = false;
    emit closed(u"connection reset"_s);
}

} // namespace parley::test
