// SPDX-License-Identifier: GPL-3.0-or-later
#include "discovery.h"

using namespace Qt::StringLiterals;

namespace parley::discovery {

QHostAddress localGroup()
{
    return QHostAddress(u"239.255.74.48"_s);
}

QList<QNetworkInterface> loopbackInterfaces()
{
    QList<QNetworkInterface> result;
    const auto interfaces = QNetworkInterface::allInterfaces();
    for (const QNetworkInterface &interface : interfaces) {
        const auto flags = interface.flags();
        if (flags.testFlag(QNetworkInterface::IsLoopBack)
            && flags.testFlag(QNetworkInterface::IsUp))
            result.append(interface);
    }
    return result;
}

} // namespace parley::discovery
