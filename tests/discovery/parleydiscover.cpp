// SPDX-License-Identifier: GPL-3.0-or-later
// parley-discover [--port P] [--wait MS]: sends a discovery query to the broadcast address of
// every IPv4 network that is up (and to 127.0.0.1), waits MS milliseconds (default 2000) and
// prints the servers that answered as a JSON array of {name, address, port, tls, fingerprint,
// url}. Used by test-netns.sh; the same exchange the app's ServerDiscovery makes.
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkDatagram>
#include <QNetworkInterface>
#include <QTimer>
#include <QUdpSocket>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

QList<QHostAddress> targets()
{
    QList<QHostAddress> result{QHostAddress(QHostAddress::LocalHost)};
    const auto interfaces = QNetworkInterface::allInterfaces();
    for (const QNetworkInterface &interface : interfaces) {
        const auto flags = interface.flags();
        if (!flags.testFlag(QNetworkInterface::IsUp)
            || !flags.testFlag(QNetworkInterface::CanBroadcast)
            || flags.testFlag(QNetworkInterface::IsLoopBack))
            continue;
        for (const QNetworkAddressEntry &entry : interface.addressEntries()) {
            if (entry.ip().protocol() == QAbstractSocket::IPv4Protocol
                && !entry.broadcast().isNull())
                result.append(entry.broadcast());
        }
    }
    return result;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = QCoreApplication::arguments();
    quint16 port = 7448;
    int waitMs = 2000;
    for (qsizetype i = 1; i + 1 < arguments.size(); i += 2) {
        if (arguments.at(i) == "--port"_L1)
            port = quint16(arguments.at(i + 1).toUInt());
        else if (arguments.at(i) == "--wait"_L1)
            waitMs = arguments.at(i + 1).toInt();
    }

    QUdpSocket socket;
    if (!socket.bind(QHostAddress::AnyIPv4, 0)) {
        std::fprintf(stderr, "parley-discover: %s\n", qPrintable(socket.errorString()));
        return 1;
    }
    QJsonArray found;
    QObject::connect(&socket, &QUdpSocket::readyRead, &socket, [&] {
        while (socket.hasPendingDatagrams()) {
            const QNetworkDatagram datagram = socket.receiveDatagram(1025);
            const QJsonObject answer = QJsonDocument::fromJson(datagram.data()).object();
            if (answer.value("parley"_L1) != "server"_L1 || answer.value("v"_L1).toInt() != 1)
                continue;
            const QHostAddress sender(datagram.senderAddress().toIPv4Address());
            const bool tls = answer.value("tls"_L1).toBool();
            const int serverPort = answer.value("port"_L1).toInt();
            found.append(QJsonObject{
                {u"name"_s, answer.value("name"_L1)},
                {u"address"_s, sender.toString()},
                {u"port"_s, serverPort},
                {u"tls"_s, tls},
                {u"fingerprint"_s, answer.value("fingerprint"_L1)},
                {u"url"_s,
                 u"%1://%2:%3/"_s.arg(tls ? "wss"_L1 : "ws"_L1, sender.toString()).arg(serverPort)},
            });
        }
    });
    const QByteArray query = R"({"parley":"discover","v":1})";
    for (const QHostAddress &target : targets())
        socket.writeDatagram(query, target, port);
    QTimer::singleShot(waitMs, &app, [&] {
        std::printf("%s\n", QJsonDocument(found).toJson(QJsonDocument::Compact).constData());
        app.quit();
    });
    return app.exec();
}
