// SPDX-License-Identifier: GPL-3.0-or-later
#include "gatetransport.h"

#include <QTimer>

using namespace Qt::StringLiterals;

namespace parley::test {

GateTransport::GateTransport(QObject *parent)
    : Transport(parent)
{
    connect(&m_inner, &Transport::opened, this, &Transport::opened);
    connect(&m_inner, &Transport::closed, this, &Transport::closed);
    connect(&m_inner, &Transport::textReceived, this, &Transport::textReceived);
    connect(&m_inner, &Transport::pong, this, &Transport::pong);
}

void GateTransport::open(const QUrl &url)
{
    if (m_blocked) {
        QTimer::singleShot(0, this, [this] { emit closed(u"network unreachable"_s); });
        return;
    }
    m_inner.open(url);
}

void GateTransport::close()
{
    m_inner.close();
}

void GateTransport::sendText(const QString &text)
{
    if (!m_blocked)
        m_inner.sendText(text);
}

void GateTransport::ping()
{
    m_inner.ping();
}

void GateTransport::cut()
{
    m_blocked = true;
    m_inner.close();
}

void GateTransport::restore()
{
    m_blocked = false;
}

} // namespace parley::test
