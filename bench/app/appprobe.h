// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QTimer>

class QQuickItem;
class QQuickWindow;

namespace parley::client {
class Session;
}

namespace parley::bench {

// Watches the app's window frame by frame and takes its figures: the first frame of the chat
// page, the first frame with every chat listed, the resident memory once idle, and (when asked)
// the memory after scrolling one chat from its newest message to its oldest and back.
class AppProbe : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        int expectedChats = 50;
        QString scrollChatId; // empty: no scrolling
        int timeoutSeconds = 240;
        std::int64_t mainNs = 0; // when main() started, CLOCK_MONOTONIC
    };

    AppProbe(parley::client::Session &session, QQuickWindow &window, Options options,
             QObject *parent = nullptr);

    void start();
    QJsonObject figures() const { return m_figures; }

signals:
    void finished(bool ok);

private:
    enum class Phase {
        WaitingForChats,
        Idle,
        OpeningChat,
        ScrollingUp,
        ScrollingDown,
        Settling,
        Done
    };

    void onFrame();
    void scrollStep();
    QQuickItem *messageList() const;
    bool chatPageShown() const;
    void finish(bool ok, const QString &error = {});
    double sinceMainMs() const;

    parley::client::Session &m_session;
    QQuickWindow &m_window;
    Options m_options;
    Phase m_phase = Phase::WaitingForChats;
    QJsonObject m_figures;
    QTimer m_ticker; // keeps frames coming while the probe waits for something
    QTimer m_deadline;
    QElapsedTimer m_scrollClock;
    int m_frames = 0;
    int m_scrollFrames = 0;
    int m_mostRows = 0;
    qint64 m_firstFrameNs = 0;
    qint64 m_chatPageFrameNs = 0;
};

} // namespace parley::bench
