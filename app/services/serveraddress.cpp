// SPDX-License-Identifier: GPL-3.0-or-later
#include "serveraddress.h"

#include <QCryptographicHash>

using namespace Qt::StringLiterals;

namespace parley::client::serveraddress {

QUrl normalize(const QString &input)
{
    QString text = input.trimmed();
    if (text.isEmpty())
        return {};
    if (!text.contains(u"://"_s))
        text.prepend(u"ws://"_s);
    QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty())
        return {};
    const QString scheme = url.scheme().toLower();
    if (scheme == u"http"_s)
        url.setScheme(u"ws"_s);
    else if (scheme == u"https"_s)
        url.setScheme(u"wss"_s);
    else if (scheme != u"ws"_s && scheme != u"wss"_s)
        return {};
    else
        url.setScheme(scheme);
    if (url.port() == -1 && url.scheme() == u"ws"_s)
        url.setPort(DefaultPort);
    if (url.path().isEmpty())
        url.setPath(u"/"_s);
    url.setUserInfo({});
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

QString display(const QUrl &url)
{
    return url.toString(QUrl::FullyEncoded);
}

QString directoryKey(const QString &server)
{
    const QByteArray digest =
        QCryptographicHash::hash(server.toUtf8(), QCryptographicHash::Sha256).toHex();
    return QString::fromLatin1(digest.left(16));
}

} // namespace parley::client::serveraddress
