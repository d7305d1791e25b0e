// SPDX-License-Identifier: GPL-3.0-or-later
// DirectWriteSocket and WriteCoalescer as a reader of the socket sees them: every byte, in order,
// whether the kernel took it at once or Qt had to queue it, and nothing lost by a close.
#include "realtime/directwriteserver.h"
#include "realtime/directwritesocket.h"
#include "realtime/writecoalescer.h"

#include <QTcpSocket>
#include <QTest>

#include <memory>

using namespace parley::server;

class tst_DirectWriteSocket : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void framesOfOneRoundArriveTogetherAndInOrder();
    void aReaderThatFallsBehindStillGetsEverythingInOrder();
    void pendingBytesGoOutBeforeTheClose();
    void anAbortedSocketGoesDownAtOnce();
    void anAbortWithARoundPendingDropsItSafely();
    void aSocketDeletedWithBytesPendingIsForgotten();

private:
    DirectWriteSocket *accept();
    static QByteArray numbered(int from, int count, int size);

    std::unique_ptr<WriteCoalescer> m_coalescer;
    std::unique_ptr<DirectWriteServer> m_server;
    std::unique_ptr<QTcpSocket> m_reader;
};

void tst_DirectWriteSocket::init()
{
    m_coalescer = std::make_unique<WriteCoalescer>();
    m_server = std::make_unique<DirectWriteServer>(m_coalescer.get());
    QVERIFY(m_server->listen(QHostAddress::LocalHost, 0));
    m_reader = std::make_unique<QTcpSocket>();
    m_reader->connectToHost(QHostAddress::LocalHost, m_server->serverPort());
}

void tst_DirectWriteSocket::cleanup()
{
    m_reader.reset();
    m_server.reset();
    m_coalescer.reset();
}

DirectWriteSocket *tst_DirectWriteSocket::accept()
{
    if (!QTest::qWaitFor([this] { return m_server->hasPendingConnections(); }, 10'000))
        return nullptr;
    return qobject_cast<DirectWriteSocket *>(m_server->nextPendingConnection());
}

QByteArray tst_DirectWriteSocket::numbered(int from, int count, int size)
{
    QByteArray bytes;
    for (int i = from; i < from + count; ++i)
        bytes += QByteArray::number(i).leftJustified(size, '.');
    return bytes;
}

void tst_DirectWriteSocket::framesOfOneRoundArriveTogetherAndInOrder()
{
    DirectWriteSocket *writer = accept();
    QVERIFY(writer);
    const QByteArray expected = numbered(0, 50, 100);
    for (int i = 0; i < 50; ++i)
        QCOMPARE(writer->write(numbered(i, 1, 100)), qint64(100));
    // Held until the round is done, and counted as waiting meanwhile.
    QCOMPARE(writer->bytesToWrite(), qint64(expected.size()));
    QByteArray received;
    QTRY_COMPARE((received += m_reader->readAll()).size(), expected.size());
    QCOMPARE(received, expected);
    QCOMPARE(writer->bytesToWrite(), qint64(0));
}

void tst_DirectWriteSocket::aReaderThatFallsBehindStillGetsEverythingInOrder()
{
    DirectWriteSocket *writer = accept();
    QVERIFY(writer);
    // Far more than the kernel's buffers hold while nobody reads: Qt queues the rest. The reader
    // takes almost nothing off the kernel until the end.
    m_reader->setReadBufferSize(16);
    constexpr int Rounds = 128;
    constexpr int PerRound = 64;
    constexpr int Size = 2048;
    for (int round = 0; round < Rounds; ++round) {
        for (int i = 0; i < PerRound; ++i)
            writer->write(numbered(round * PerRound + i, 1, Size));
        QCoreApplication::processEvents(); // the round ends, the coalescer flushes
    }
    const QByteArray expected = numbered(0, Rounds * PerRound, Size);
    QVERIFY2(writer->bytesToWrite() > 0, "the test meant the kernel to refuse some bytes");
    m_reader->setReadBufferSize(0);
    QByteArray received;
    QTRY_COMPARE_WITH_TIMEOUT((received += m_reader->readAll()).size(), expected.size(), 20'000);
    QCOMPARE(received, expected);
}

void tst_DirectWriteSocket::pendingBytesGoOutBeforeTheClose()
{
    DirectWriteSocket *writer = accept();
    QVERIFY(writer);
    writer->write("last words");
    writer->disconnectFromHost();
    QByteArray received;
    QTRY_COMPARE(m_reader->state(), QAbstractSocket::UnconnectedState);
    received += m_reader->readAll();
    QCOMPARE(received, QByteArray("last words"));
}

void tst_DirectWriteSocket::anAbortedSocketGoesDownAtOnce()
{
    // As the server drops a client that does not read: the kernel is full, Qt queues, abort.
    DirectWriteSocket *writer = accept();
    QVERIFY(writer);
    m_reader->setReadBufferSize(16);
    const QByteArray chunk(64 * 1024, 'x');
    for (int i = 0; i < 256 && writer->bytesToWrite() == 0; ++i) {
        writer->write(chunk);
        QCoreApplication::processEvents();
    }
    QVERIFY(writer->bytesToWrite() > 0);
    writer->write(chunk); // pending in this round
    writer->abort();
    QCOMPARE(writer->state(), QAbstractSocket::UnconnectedState);
    QCOMPARE(writer->bytesToWrite(), qint64(0));
    m_reader->setReadBufferSize(0);
    QTRY_COMPARE(m_reader->state(), QAbstractSocket::UnconnectedState);
}

// Issue 10 item 1: abort() empties Qt's write buffers and then calls close(), which flushed the
// round's pending bytes; what the kernel did not take was written into a buffer that was gone
// (SIGSEGV in QRingBuffer::reserve). More than the kernel takes must be pending for that.
void tst_DirectWriteSocket::anAbortWithARoundPendingDropsItSafely()
{
    DirectWriteSocket *writer = accept();
    QVERIFY(writer);
    m_reader->setReadBufferSize(16);
    const QByteArray round(16 * 1024 * 1024, 'x');
    QCOMPARE(writer->write(round), qint64(round.size()));
    QCOMPARE(writer->bytesToWrite(), qint64(round.size())); // all of it pending, none sent
    writer->abort();
    QCOMPARE(writer->state(), QAbstractSocket::UnconnectedState);
    QCOMPARE(writer->bytesToWrite(), qint64(0));
    QCoreApplication::processEvents(); // the coalescer's flush finds nothing left
    m_reader->setReadBufferSize(0);
    QTRY_COMPARE(m_reader->state(), QAbstractSocket::UnconnectedState);
    QVERIFY(m_reader->readAll().size() < round.size());
}

void tst_DirectWriteSocket::aSocketDeletedWithBytesPendingIsForgotten()
{
    DirectWriteSocket *writer = accept();
    QVERIFY(writer);
    writer->write("never flushed");
    delete writer;
    // The coalescer's flush must not reach the deleted socket (ASan would tell).
    QCoreApplication::processEvents();
    QTRY_COMPARE(m_reader->state(), QAbstractSocket::UnconnectedState);
}

QTEST_GUILESS_MAIN(tst_DirectWriteSocket)
#include "tst_directwritesocket.moc"
