// SPDX-License-Identifier: GPL-3.0-or-later
#include "appprobe.h"

#include "chatlistmodel.h"
#include "messagemodel.h"
#include "session.h"

#include <QFile>
#include <QQuickItem>
#include <QQuickWindow>

#include <ctime>

using namespace Qt::StringLiterals;

namespace parley::bench {

namespace {

qint64 monotonicNs()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

qint64 rssKiB()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (QByteArray line = status.readLine(); !line.isEmpty(); line = status.readLine()) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return 0;
}

constexpr int IdleSettleMs = 3'000;

} // namespace

AppProbe::AppProbe(client::Session &session, QQuickWindow &window, Options options, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_window(window)
    , m_options(std::move(options))
{
    m_ticker.setInterval(16);
    connect(&m_ticker, &QTimer::timeout, &m_window, &QQuickWindow::update);
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this,
            [this] { finish(false, u"timed out after %1 s"_s.arg(m_options.timeoutSeconds)); });
}

double AppProbe::sinceMainMs() const
{
    return double(monotonicNs() - m_options.mainNs) / 1e6;
}

void AppProbe::start()
{
    connect(&m_window, &QQuickWindow::frameSwapped, this, &AppProbe::onFrame);
    m_figures.insert(u"qmlLoadedMs"_s, sinceMainMs());
    m_deadline.start(m_options.timeoutSeconds * 1000);
    m_ticker.start();
}

QQuickItem *AppProbe::messageList() const
{
    return m_window.findChild<QQuickItem *>(u"messageList"_s);
}

// Main.qml's page loader holds the ChatPage once signed in.
bool AppProbe::chatPageShown() const
{
    const auto *loader = m_window.findChild<QObject *>(u"pageLoader"_s);
    const auto *page = loader ? loader->property("item").value<QObject *>() : nullptr;
    return page && QByteArray(page->metaObject()->className()).startsWith("ChatPage");
}

void AppProbe::onFrame()
{
    ++m_frames;
    const qint64 now = monotonicNs();
    if (m_firstFrameNs == 0) {
        m_firstFrameNs = now;
        m_figures.insert(u"firstFrameMs"_s, sinceMainMs());
    }
    switch (m_phase) {
    case Phase::WaitingForChats: {
        const bool chatPage = m_session.signedIn() && chatPageShown();
        if (chatPage && m_chatPageFrameNs == 0) {
            m_chatPageFrameNs = now;
            m_figures.insert(u"chatPageFrameMs"_s, sinceMainMs());
            m_figures.insert(u"chatPageFrameMonotonicNs"_s, double(now));
        }
        if (chatPage && m_session.chats()->rowCount() >= m_options.expectedChats) {
            m_figures.insert(u"chatsFrameMs"_s, sinceMainMs());
            m_figures.insert(u"chatsFrameMonotonicNs"_s, double(now));
            m_figures.insert(u"chats"_s, m_session.chats()->rowCount());
            m_phase = Phase::Idle;
            m_ticker.stop(); // idle means idle: no frames asked for
            QTimer::singleShot(IdleSettleMs, this, [this] {
                m_figures.insert(u"rssIdleKiB"_s, rssKiB());
                if (m_options.scrollChatId.isEmpty())
                    return finish(true);
                m_phase = Phase::OpeningChat;
                m_session.selectChat(m_options.scrollChatId);
                m_ticker.start();
            });
        }
        return;
    }
    case Phase::OpeningChat:
    case Phase::ScrollingUp:
    case Phase::ScrollingDown:
        scrollStep();
        return;
    case Phase::Idle:
    case Phase::Settling:
    case Phase::Done:
        return;
    }
}

// One viewport per frame: up (older) until the chat's first message is loaded and shown, then
// down (newer) until its last, the way a person drags through the whole chat.
void AppProbe::scrollStep()
{
    QQuickItem *list = messageList();
    QObject *model = m_session.messages();
    if (!list || !model)
        return;
    const bool loading = model->property("loading").toBool();
    m_mostRows = std::max(m_mostRows, model->property("count").toInt());
    if (m_phase == Phase::OpeningChat) {
        if (!model->property("loaded").toBool() || loading)
            return;
        m_phase = Phase::ScrollingUp;
        m_scrollClock.start();
    }
    ++m_scrollFrames;
    const double height = list->height();
    const double contentY = list->property("contentY").toDouble();
    if (m_phase == Phase::ScrollingUp) {
        if (!loading && !model->property("hasOlder").toBool()
            && list->property("atYBeginning").toBool()) {
            m_figures.insert(u"scrollUpSeconds"_s, double(m_scrollClock.elapsed()) / 1000.0);
            m_phase = Phase::ScrollingDown;
            return;
        }
        list->setProperty("contentY", contentY - height);
        return;
    }
    if (!loading && !model->property("hasNewer").toBool() && list->property("atYEnd").toBool()) {
        m_figures.insert(u"scrollSeconds"_s, double(m_scrollClock.elapsed()) / 1000.0);
        m_figures.insert(u"scrollFrames"_s, m_scrollFrames);
        m_figures.insert(u"mostRowsHeld"_s, m_mostRows);
        m_phase = Phase::Settling;
        m_ticker.stop();
        QTimer::singleShot(IdleSettleMs, this, [this] {
            m_figures.insert(u"rssAfterScrollKiB"_s, rssKiB());
            finish(true);
        });
        return;
    }
    list->setProperty("contentY", contentY + height);
}

void AppProbe::finish(bool ok, const QString &error)
{
    if (m_phase == Phase::Done)
        return;
    m_phase = Phase::Done;
    m_ticker.stop();
    m_deadline.stop();
    m_figures.insert(u"frames"_s, m_frames);
    m_figures.insert(u"ok"_s, ok);
    // What the app showed at the end, to tell why a run failed.
    m_figures.insert(u"signedIn"_s, m_session.signedIn());
    m_figures.insert(u"chatsListed"_s, m_session.chats()->rowCount());
    m_figures.insert(u"chatPageFound"_s, chatPageShown());
    if (!error.isEmpty())
        m_figures.insert(u"error"_s, error);
    emit finished(ok);
}

} // namespace parley::bench
