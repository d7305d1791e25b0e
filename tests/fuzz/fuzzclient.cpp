// SPDX-License-Identifier: GPL-3.0-or-later
#include "fuzzclient.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonDocument>
#include <QTimer>
#include <QWebSocket>

using namespace Qt::StringLiterals;

namespace parley::test {

FuzzClient::FuzzClient(QUrl url, QObject *parent)
    : QObject(parent)
    , m_url(std::move(url))
{ }

FuzzClient::~FuzzClient()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        delete m_socket;
    }
}

bool FuzzClient::isConnected() const
{
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
}

bool FuzzClient::ensureConnected(int timeoutMs)
{
    if (isConnected())
        return true;
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->deleteLater();
    }
    m_awaited.clear();
    m_answers.clear();
    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    connect(m_socket, &QWebSocket::textMessageReceived, this, &FuzzClient::onText);
    const auto notify = [this] {
        if (m_onActivity)
            m_onActivity();
    };
    connect(m_socket, &QWebSocket::connected, this, notify);
    connect(m_socket, &QWebSocket::disconnected, this, notify);
    m_socket->open(m_url);
    return waitUntil(
               [this] {
                   return isConnected() || m_socket->state() == QAbstractSocket::UnconnectedState;
               },
               timeoutMs, {this})
        && isConnected();
}

QString FuzzClient::request(const QString &op, const QJsonObject &data)
{
    const QString id = u"~fuzz"_s + QString::number(m_nextId++);
    m_awaited.insert(id);
    const QJsonObject frame{{u"id"_s, id}, {u"op"_s, op}, {u"data"_s, data}};
    if (m_socket)
        m_socket->sendTextMessage(
            QString::fromUtf8(QJsonDocument(frame).toJson(QJsonDocument::Compact)));
    return id;
}

QJsonObject FuzzClient::takeAnswer(const QString &id)
{
    m_awaited.remove(id);
    return m_answers.take(id);
}

void FuzzClient::sendFrame(QByteArrayView bytes)
{
    if (!isConnected())
        return;
    const QString text = QString::fromUtf8(bytes);
    if (text.toUtf8() == bytes)
        m_socket->sendTextMessage(text);
    else
        m_socket->sendBinaryMessage(bytes.toByteArray());
}

void FuzzClient::onText(const QString &text)
{
    // Events and answers to the fuzzer's own frames are dropped unread.
    if (!m_awaited.isEmpty()) {
        const QJsonObject frame = QJsonDocument::fromJson(text.toUtf8()).object();
        const QString id = frame.value(u"id"_s).toString();
        if (m_awaited.contains(id))
            m_answers.insert(id, frame);
    }
    if (m_onActivity)
        m_onActivity();
}

bool waitUntil(const std::function<bool()> &done, int timeoutMs,
               std::initializer_list<FuzzClient *> clients)
{
    if (done())
        return true;
    QEventLoop loop;
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
    for (FuzzClient *client : clients) {
        client->setActivityHandler([&] {
            if (done())
                loop.quit();
        });
    }
    deadline.start(timeoutMs);
    loop.exec();
    for (FuzzClient *client : clients)
        client->setActivityHandler({});
    // Connections closed during the wait are deleted now, not at some later input.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    return done();
}

} // namespace parley::test
