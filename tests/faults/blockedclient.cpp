// SPDX-License-Identifier: GPL-3.0-or-later
#include "blockedclient.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>
#include <QTimer>
#include <QWebSocket>

using namespace Qt::StringLiterals;

namespace parley::test {

namespace {

constexpr int StepTimeoutMs = 15'000;
constexpr int JoinTimeoutMs = 60'000;

// Runs the thread's event loop until `done` holds or the time is up.
bool spinUntil(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (!done()) {
        if (clock.elapsed() > timeoutMs)
            return false;
        QEventLoop loop;
        QTimer::singleShot(10, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return true;
}

} // namespace

BlockedClient::BlockedClient() = default;

BlockedClient::~BlockedClient()
{
    if (!m_thread)
        return;
    if (m_thread->isRunning() && m_resume.available() == 0) {
        m_quietMs = 0;
        m_resume.release();
    }
    m_thread->wait(JoinTimeoutMs);
}

bool BlockedClient::open(const QUrl &url, const QString &accessToken,
                         const QList<QByteArray> &requests, QString *error)
{
    m_thread.reset(QThread::create([=, this] { run(url, accessToken, requests); }));
    m_thread->start();
    if (!m_ready.tryAcquire(1, StepTimeoutMs * 3)) {
        *error = u"the client thread did not report back"_s;
        return false;
    }
    *error = m_error;
    return m_error.isEmpty();
}

BlockedClient::Drained BlockedClient::drain(int quietMs)
{
    m_quietMs = quietMs;
    m_resume.release();
    if (!m_thread->wait(JoinTimeoutMs))
        return {0, 0, false, u"the client thread did not end"_s};
    return m_drained;
}

void BlockedClient::run(const QUrl &url, const QString &accessToken,
                        const QList<QByteArray> &requests)
{
    QWebSocket socket;
    QObject::connect(&socket, &QWebSocket::sslErrors, &socket,
                     [&socket](const QList<QSslError> &) { socket.ignoreSslErrors(); });
    bool signedIn = false;
    QString refusal;
    QObject::connect(&socket, &QWebSocket::textMessageReceived, &socket, [&](const QString &text) {
        const QJsonObject frame = QJsonDocument::fromJson(text.toUtf8()).object();
        if (frame.value("id"_L1).toString() != "auth"_L1)
            return;
        signedIn = frame.value("ok"_L1).toBool();
        if (!signedIn)
            refusal = text.left(300);
    });
    socket.open(url);
    if (!spinUntil([&] { return socket.state() == QAbstractSocket::ConnectedState; },
                   StepTimeoutMs)) {
        m_error = u"could not connect: %1"_s.arg(socket.errorString());
        m_ready.release();
        return;
    }
    const QJsonObject auth{{"id"_L1, "auth"_L1},
                           {"op"_L1, "auth.token"_L1},
                           {"data"_L1, QJsonObject{{"accessToken"_L1, accessToken}}}};
    socket.sendTextMessage(QString::fromUtf8(QJsonDocument(auth).toJson(QJsonDocument::Compact)));
    if (!spinUntil([&] { return signedIn || !refusal.isEmpty(); }, StepTimeoutMs) || !signedIn) {
        m_error = u"auth.token failed: %1"_s.arg(refusal);
        m_ready.release();
        return;
    }
    for (const QByteArray &request : requests)
        socket.sendTextMessage(QString::fromUtf8(request));
    spinUntil([&] { return socket.bytesToWrite() == 0; }, StepTimeoutMs);
    socket.disconnect(&socket); // from here on only the drain's own handlers count
    m_ready.release();

    m_resume.acquire(); // blocked: nothing on this thread reads the socket

    Drained drained;
    QElapsedTimer quiet;
    quiet.start();
    bool ended = false;
    QObject::connect(&socket, &QWebSocket::textMessageReceived, &socket, [&](const QString &text) {
        drained.bytes += text.toUtf8().size();
        ++drained.frames;
        quiet.restart();
    });
    QObject::connect(&socket, &QWebSocket::disconnected, &socket, [&] { ended = true; });
    spinUntil([&] { return ended || quiet.elapsed() > m_quietMs; }, JoinTimeoutMs / 2);
    drained.closedByServer = ended || socket.state() != QAbstractSocket::ConnectedState;
    drained.how =
        drained.closedByServer ? u"closed: %1"_s.arg(socket.errorString()) : u"still open"_s;
    m_drained = drained;
    socket.abort();
}

} // namespace parley::test
