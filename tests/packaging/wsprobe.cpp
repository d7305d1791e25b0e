// SPDX-License-Identifier: GPL-3.0-or-later
// parley-wsprobe [--insecure] URL: asks the Parley server at URL for server.info over a
// WebSocket, as any client would, and prints the answer's data as one line of JSON. Exits 0 on an
// ok answer, 1 when the server cannot be reached or answers anything else within 10 s.
// --insecure accepts any TLS certificate (a server's self-signed one). Used by test-packages.sh.
#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSslError>
#include <QTimer>
#include <QUrl>
#include <QWebSocket>

#include <cstdio>
#include <optional>

using namespace Qt::StringLiterals;

namespace {

int fail(const QString &message)
{
    std::fprintf(stderr, "parley-wsprobe: %s\n", qPrintable(message));
    return 1;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QStringList arguments = QCoreApplication::arguments().mid(1);
    const bool insecure = arguments.removeAll(u"--insecure"_s) > 0;
    if (arguments.size() != 1)
        return fail(u"usage: parley-wsprobe [--insecure] ws://HOST:PORT/"_s);
    const QUrl url(arguments.constFirst());

    QWebSocket socket;
    if (insecure) {
        QObject::connect(&socket, &QWebSocket::sslErrors, &socket,
                         [&socket](const QList<QSslError> &) { socket.ignoreSslErrors(); });
    }
    std::optional<int> result; // the first outcome counts
    auto finish = [&result](int code, const QString &problem) {
        if (result)
            return;
        result = code == 0 ? 0 : fail(problem);
        QCoreApplication::exit(*result);
    };
    QObject::connect(&socket, &QWebSocket::connected, &socket, [&socket] {
        const QJsonObject request{
            {u"id"_s, u"probe"_s}, {u"op"_s, u"server.info"_s}, {u"data"_s, QJsonObject()}};
        socket.sendTextMessage(
            QString::fromUtf8(QJsonDocument(request).toJson(QJsonDocument::Compact)));
    });
    QObject::connect(
        &socket, &QWebSocket::textMessageReceived, &socket, [&finish](const QString &text) {
            const QJsonObject frame = QJsonDocument::fromJson(text.toUtf8()).object();
            if (frame.value(u"id"_s).toString() != u"probe"_s)
                return; // an event, not our answer
            if (!frame.value(u"ok"_s).toBool())
                return finish(1, u"server.info failed: "_s + text);
            const QByteArray data =
                QJsonDocument(frame.value(u"data"_s).toObject()).toJson(QJsonDocument::Compact);
            std::printf("%s\n", data.constData());
            finish(0, {});
        });
    // Qt 6.4 names the signal error() (errorOccurred() came in 6.5).
    QObject::connect(
        &socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), &socket,
        [&socket, &finish] { finish(1, u"cannot reach the server: "_s + socket.errorString()); });
    QObject::connect(&socket, &QWebSocket::disconnected, &socket, [&socket, &finish] {
        finish(1, u"the server closed the connection: "_s + socket.closeReason());
    });
    QTimer::singleShot(10'000, &socket, [&finish] { finish(1, u"no answer within 10 s"_s); });

    socket.open(url);
    QCoreApplication::exec();
    return result.value_or(1);
}
