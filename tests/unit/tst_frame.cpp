// SPDX-License-Identifier: GPL-3.0-or-later
#include "frame.h"
#include "protocollimits.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace parley;

namespace {

// Small limits keep the oversize rows readable.
const DecodeLimits Small{400, 8};

const QByteArray PadOpen = ",\"data\":{\"pad\":\"";
const QByteArray PadClose = "\"}}";

// head + {"data":{"pad":"xxxx…"}} of exactly `total` bytes
QByteArray padded(const QByteArray &head, qsizetype total)
{
    return head + PadOpen + QByteArray(total - head.size() - PadOpen.size() - PadClose.size(), 'x')
        + PadClose;
}

QJsonObject dataOf(const QByteArray &frame)
{
    return QJsonDocument::fromJson(frame).object().value(u"data"_s).toObject();
}

// A request whose JSON nests `depth` levels: the envelope, data and objects inside it.
QByteArray nested(int depth)
{
    const int inner = depth - 2;
    return "{\"id\":\"c1\",\"op\":\"sync\",\"data\":" + QByteArray("{\"a\":").repeated(inner) + "{}"
        + QByteArray(inner, '}') + "}";
}

} // namespace

class TestFrame : public QObject
{
    Q_OBJECT

private slots:
    void goodRequests_data()
    {
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("op");
        QTest::addColumn<QJsonObject>("data");
        QTest::newRow("full") << QByteArray(R"({"id":"c17","op":"message.send","data":{"a":1}})")
                              << u"c17"_s << u"message.send"_s << QJsonObject({{u"a"_s, 1}});
        QTest::newRow("no data") << QByteArray(R"({"id":"c1","op":"chat.list"})") << u"c1"_s
                                 << u"chat.list"_s << QJsonObject();
        QTest::newRow("unknown op is for the dispatcher")
            << QByteArray(R"({"id":"c1","op":"no.such"})") << u"c1"_s << u"no.such"_s
            << QJsonObject();
        QTest::newRow("extra fields ignored")
            << QByteArray(R"({"id":"c1","op":"sync","data":{},"v":2})") << u"c1"_s << u"sync"_s
            << QJsonObject();
        QTest::newRow("id of 64 chars")
            << ("{\"op\":\"sync\",\"id\":\"" + QByteArray(64, 'i') + "\"}") << QString(64, u'i')
            << u"sync"_s << QJsonObject();
        QTest::newRow("id of 64 emoji")
            << ("{\"op\":\"sync\",\"id\":\"" + QString(u"😀"_s.repeated(64)).toUtf8() + "\"}")
            << u"😀"_s.repeated(64) << u"sync"_s << QJsonObject();
        QTest::newRow("nesting at the limit")
            << nested(Small.jsonDepth) << u"c1"_s << u"sync"_s << dataOf(nested(Small.jsonDepth));
        QTest::newRow("size at the limit")
            << padded(R"({"id":"c1","op":"x")", Small.frameBytes) << u"c1"_s << u"x"_s
            << dataOf(padded(R"({"id":"c1","op":"x")", Small.frameBytes));
    }
    void goodRequests()
    {
        QFETCH(QByteArray, frame);
        QFETCH(QString, id);
        QFETCH(QString, op);
        QFETCH(QJsonObject, data);
        const DecodedRequest decoded = decodeRequest(frame, Small);
        QVERIFY2(decoded.request, qPrintable(decoded.error.message));
        QCOMPARE(decoded.request->id, id);
        QCOMPARE(decoded.request->op, op);
        QCOMPARE(decoded.request->data, data);
        QCOMPARE(decoded.id, id);
    }

    void fireAndForgetHasNullId()
    {
        const DecodedRequest decoded =
            decodeRequest(R"({"op":"typing.start","data":{"chatId":"5"}})");
        QVERIFY(decoded.request);
        QVERIFY(decoded.request->id.isNull());
        QVERIFY(decoded.id.isNull());
    }

    void emptyIdIsAnIdNotFireAndForget()
    {
        const DecodedRequest decoded = decodeRequest(R"({"id":"","op":"sync"})");
        QVERIFY(decoded.request);
        QVERIFY(!decoded.request->id.isNull());
        QVERIFY(decoded.request->id.isEmpty());
    }

    // Each bad frame: the error code, and the id to answer with (null: answer with an event).
    void badFrames_data()
    {
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<ErrorCode>("code");
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("messagePart");

        QTest::newRow("too large, id readable")
            << padded(R"({"id":"c1","op":"x")", Small.frameBytes + 1) << ErrorCode::TooLarge
            << u"c1"_s << u"exceeds"_s;
        QTest::newRow("too large, not JSON") << QByteArray(Small.frameBytes + 1, 'x')
                                             << ErrorCode::TooLarge << QString() << u"exceeds"_s;
        QTest::newRow("over 4x the limit is not parsed")
            << padded(R"({"id":"c1","op":"x")", Small.frameBytes * 4 + 1) << ErrorCode::TooLarge
            << QString() << u"exceeds"_s;
        QTest::newRow("4x the limit still parsed")
            << padded(R"({"id":"c1","op":"x")", Small.frameBytes * 4) << ErrorCode::TooLarge
            << u"c1"_s << u"exceeds"_s;
        QTest::newRow("invalid UTF-8 in data, id readable")
            << QByteArray("{\"id\":\"c2\",\"op\":\"message.send\",\"data\":{\"content\":\"\xff\"}}")
            << ErrorCode::BadRequest << u"c2"_s << u"UTF-8"_s;
        QTest::newRow("invalid UTF-8, overlong")
            << QByteArray("\xc0\xaf") << ErrorCode::BadRequest << QString() << u"UTF-8"_s;
        QTest::newRow("invalid UTF-8, surrogate")
            << QByteArray("{\"op\":\"\xed\xa0\x80\"}") << ErrorCode::BadRequest << QString()
            << u"UTF-8"_s;
        QTest::newRow("nesting too deep") << nested(Small.jsonDepth + 1) << ErrorCode::BadRequest
                                          << QString() << u"nesting too deep"_s;
        QTest::newRow("not JSON") << QByteArray("hello") << ErrorCode::BadRequest << QString()
                                  << u"JSON"_s;
        QTest::newRow("truncated JSON")
            << QByteArray(R"({"id":"c1","op":)") << ErrorCode::BadRequest << QString() << u"JSON"_s;
        QTest::newRow("empty frame")
            << QByteArray() << ErrorCode::BadRequest << QString() << u"JSON"_s;
        QTest::newRow("array") << QByteArray(R"([{"id":"c1","op":"sync"}])")
                               << ErrorCode::BadRequest << QString() << u"object"_s;
        QTest::newRow("id number") << QByteArray(R"({"id":17,"op":"sync"})")
                                   << ErrorCode::BadRequest << QString() << u"id"_s;
        QTest::newRow("id null") << QByteArray(R"({"id":null,"op":"sync"})")
                                 << ErrorCode::BadRequest << QString() << u"id"_s;
        QTest::newRow("id of 65 chars")
            << ("{\"op\":\"sync\",\"id\":\"" + QByteArray(65, 'i') + "\"}") << ErrorCode::BadRequest
            << QString() << u"id"_s;
        QTest::newRow("op missing") << QByteArray(R"({"id":"c3","data":{}})")
                                    << ErrorCode::BadRequest << u"c3"_s << u"op"_s;
        QTest::newRow("op number")
            << QByteArray(R"({"id":"c3","op":5})") << ErrorCode::BadRequest << u"c3"_s << u"op"_s;
        QTest::newRow("op missing without id")
            << QByteArray(R"({"data":{}})") << ErrorCode::BadRequest << QString() << u"op"_s;
        QTest::newRow("data array") << QByteArray(R"({"id":"c4","op":"sync","data":[]})")
                                    << ErrorCode::BadRequest << u"c4"_s << u"data"_s;
        QTest::newRow("data string") << QByteArray(R"({"id":"c4","op":"sync","data":"x"})")
                                     << ErrorCode::BadRequest << u"c4"_s << u"data"_s;
        QTest::newRow("data null") << QByteArray(R"({"id":"c4","op":"sync","data":null})")
                                   << ErrorCode::BadRequest << u"c4"_s << u"data"_s;
    }
    void badFrames()
    {
        QFETCH(QByteArray, frame);
        QFETCH(ErrorCode, code);
        QFETCH(QString, id);
        QFETCH(QString, messagePart);
        const DecodedRequest decoded = decodeRequest(frame, Small);
        QVERIFY(!decoded.request);
        QCOMPARE(decoded.error.code, code);
        QVERIFY2(decoded.error.message.contains(messagePart), qPrintable(decoded.error.message));
        QCOMPARE(decoded.id, id);
        QCOMPARE(decoded.id.isNull(), id.isNull());
    }

    void defaultLimitsAreTheProtocols()
    {
        QCOMPARE(limits::FrameBytes, qsizetype(64 * 1024));
        QCOMPARE(limits::JsonDepth, DecodeLimits{}.jsonDepth);
        const QByteArray atLimit = padded(R"({"id":"c1","op":"x")", limits::FrameBytes);
        QVERIFY(decodeRequest(atLimit).request);
        const QByteArray overLimit = padded(R"({"id":"c1","op":"x")", limits::FrameBytes + 1);
        QCOMPARE(decodeRequest(overLimit).error.code, ErrorCode::TooLarge);
    }

    void encodeIsCompact()
    {
        const QByteArray frame = encodeOk(u"c1"_s, QJsonObject({{u"chatId"_s, u"5"_s}}));
        QVERIFY(!frame.contains('\n'));
        QVERIFY(!frame.contains(' '));
        QCOMPARE(QJsonDocument::fromJson(frame).object(),
                 QJsonObject({{u"id"_s, u"c1"_s},
                              {u"ok"_s, true},
                              {u"data"_s, QJsonObject({{u"chatId"_s, u"5"_s}})}}));
    }

    void requestRoundTrip()
    {
        const QJsonObject data{{u"chatId"_s, u"5"_s}};
        const DecodedRequest decoded =
            decodeRequest(encodeRequest(u"c9"_s, u"typing.start"_s, data));
        QVERIFY(decoded.request);
        QCOMPARE(decoded.request->id, u"c9"_s);
        QCOMPARE(decoded.request->op, u"typing.start"_s);
        QCOMPARE(decoded.request->data, data);

        const QByteArray fireAndForget = encodeRequest(QString(), u"typing.stop"_s, data);
        QVERIFY(!QJsonDocument::fromJson(fireAndForget).object().contains(u"id"_s));
        QVERIFY(decodeRequest(fireAndForget).request->id.isNull());
    }

    void okResponseForClients()
    {
        const QJsonObject data{{u"cursor"_s, u"c"_s}};
        const ServerFrame frame = decodeServerFrame(encodeOk(u"r1"_s, data));
        QCOMPARE(frame.kind, ServerFrame::Kind::Response);
        QCOMPARE(frame.id, u"r1"_s);
        QVERIFY(frame.ok);
        QCOMPARE(frame.data, data);
    }

    void errorResponseForClients()
    {
        Error error = Error::make(ErrorCode::RateLimited, u"too many attempts"_s);
        error.retryAfterMs = 2500;
        const QByteArray bytes = encodeError(u"r2"_s, error);
        QCOMPARE(QJsonDocument::fromJson(bytes).object().value(u"ok"_s), QJsonValue(false));
        const ServerFrame frame = decodeServerFrame(bytes);
        QCOMPARE(frame.kind, ServerFrame::Kind::Response);
        QCOMPARE(frame.id, u"r2"_s);
        QVERIFY(!frame.ok);
        QCOMPARE(frame.error, error);
    }

    void eventForClients()
    {
        const QJsonObject data{{u"userId"_s, u"2"_s}, {u"online"_s, true}};
        const ServerFrame frame = decodeServerFrame(encodeEvent(u"presence"_s, data));
        QCOMPARE(frame.kind, ServerFrame::Kind::Event);
        QCOMPARE(frame.event, u"presence"_s);
        QCOMPARE(frame.data, data);
    }

    void unknownErrorCodeStillReachesTheClient()
    {
        const ServerFrame frame = decodeServerFrame(
            R"({"id":"r3","ok":false,"error":{"code":"future_code","message":"later"}})");
        QCOMPARE(frame.kind, ServerFrame::Kind::Response);
        QVERIFY(!frame.ok);
        QCOMPARE(frame.error.code, ErrorCode::Internal);
        QCOMPARE(frame.error.message, u"later"_s);
    }

    void invalidServerFrames_data()
    {
        QTest::addColumn<QByteArray>("frame");
        QTest::newRow("not JSON") << QByteArray("nope");
        QTest::newRow("array") << QByteArray("[]");
        QTest::newRow("neither id nor event") << QByteArray(R"({"ok":true,"data":{}})");
        QTest::newRow("response without ok") << QByteArray(R"({"id":"r1","data":{}})");
        QTest::newRow("error response without error") << QByteArray(R"({"id":"r1","ok":false})");
        QTest::newRow("data not an object") << QByteArray(R"({"event":"typing","data":[]})");
    }
    void invalidServerFrames()
    {
        QFETCH(QByteArray, frame);
        QCOMPARE(decodeServerFrame(frame).kind, ServerFrame::Kind::Invalid);
    }
};

QTEST_GUILESS_MAIN(TestFrame)
#include "tst_frame.moc"
