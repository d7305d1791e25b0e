// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QSemaphore>
#include <QString>
#include <QUrl>

#include <memory>

class QThread;

namespace parley::test {

// A client that signs in, sends the requests it is given and then stops reading, over ws:// and
// wss:// alike: its QWebSocket lives on a thread of its own, and that thread blocks. Neither
// Qt's socket nor its TLS layer drains anything while it does, so the kernel's buffers fill
// and the server's queue for it is all that grows, as for a hung client.
class BlockedClient
{
public:
    BlockedClient();
    ~BlockedClient();
    BlockedClient(const BlockedClient &) = delete;
    BlockedClient &operator=(const BlockedClient &) = delete;

    // Connects (accepting the test server's self-signed certificate), signs in with auth.token,
    // sends each of `requests` (whole JSON frames) and blocks. False, with a reason, when the
    // connection or the sign-in failed.
    [[nodiscard]] bool open(const QUrl &url, const QString &accessToken,
                            const QList<QByteArray> &requests, QString *error);

    struct Drained
    {
        qint64 bytes = 0; // message payload that had been waiting for it
        int frames = 0;
        bool closedByServer = false; // false: still open after quietMs of silence
        QString how;
    };
    // Reads again: everything that waited, until the connection ends or stays quiet for quietMs.
    Drained drain(int quietMs);

private:
    void run(const QUrl &url, const QString &accessToken, const QList<QByteArray> &requests);

    std::unique_ptr<QThread> m_thread;
    QSemaphore m_ready; // the thread signed in and sent, or failed
    QSemaphore m_resume; // the test lets it read again
    QString m_error; // written by the thread before m_ready
    int m_quietMs = 0; // written by the test before m_resume
    Drained m_drained; // written by the thread before it ends
};

} // namespace parley::test
