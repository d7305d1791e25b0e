// SPDX-License-Identifier: GPL-3.0-or-later
#include "tlshandshakewatcher.h"

#include <QChildEvent>
#include <QLoggingCategory>
#include <QPointer>
#include <QSslServer>
#include <QSslSocket>
#include <QWebSocketServer>

#include <memory>

using namespace Qt::StringLiterals;

namespace parley::server {

namespace {

Q_LOGGING_CATEGORY(lcHandshake, "parley.server.tls")

void logFailure(const QSslSocket *socket)
{
    const QString peer = socket->peerAddress().toString();
    const QString reason = socket->error() == QAbstractSocket::UnknownSocketError
        ? QString()
        : u": "_s + socket->errorString();
    qCDebug(lcHandshake).noquote() << u"a connection%1 closed before its TLS handshake completed "
                                      "(a plain ws:// client?)%2"_s.arg(
                                          peer.isEmpty() ? QString() : u" from "_s + peer, reason);
}

void watch(QSslSocket *socket)
{
    if (socket->state() != QAbstractSocket::ConnectedState) {
        if (!socket->isEncrypted())
            logFailure(socket);
        return;
    }
    // The peer's address is cleared right after the socket reports being unconnected.
    const auto closed = std::make_shared<QMetaObject::Connection>();
    *closed = QObject::connect(socket, &QAbstractSocket::stateChanged, socket,
                               [socket](QAbstractSocket::SocketState state) {
                                   if (state == QAbstractSocket::UnconnectedState)
                                       logFailure(socket);
                               });
    QObject::connect(
        socket, &QSslSocket::encrypted, socket, [closed] { QObject::disconnect(*closed); },
        Qt::SingleShotConnection);
}

} // namespace

TlsHandshakeWatcher::TlsHandshakeWatcher(QWebSocketServer *listener)
    : QObject(listener)
{
    if (auto *tlsServer = listener->findChild<QSslServer *>())
        tlsServer->installEventFilter(this);
    else
        qCDebug(lcHandshake) << "no QSslServer inside the listener: failed handshakes go unlogged";
}

bool TlsHandshakeWatcher::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::ChildAdded) {
        // A child is announced from its QObject constructor, before it is a QSslSocket: look at
        // it once the event loop runs again. QSslServer deletes sockets with deleteLater(), so it
        // is still there then.
        QPointer<QObject> child = static_cast<QChildEvent *>(event)->child();
        QMetaObject::invokeMethod(
            this,
            [child] {
                if (auto *socket = qobject_cast<QSslSocket *>(child.data()))
                    watch(socket);
            },
            Qt::QueuedConnection);
    }
    return QObject::eventFilter(watched, event);
}

} // namespace parley::server
