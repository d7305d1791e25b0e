// SPDX-License-Identifier: GPL-3.0-or-later
// Malformed and hostile frames: each is answered (by id when the id is readable, else with an
// "error" event), the connection stays usable, persistent misbehaviour is cut off with 1008, and
// the server keeps serving everyone else.
#include "protocolcheck.h"
#include "rawwebsocket.h"
#include "testserver.h"

#include <QJsonDocument>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace parley::test;

namespace {

// How a bad frame must be answered.
enum class Answer {
    ById, // a response carrying the frame's id
    ByEvent, // the id is unreadable: an "error" event
    Either, // the contract leaves it open whether this id counts as readable
};

QByteArray nested(int depth)
{
    return QByteArray("{\"a\":").repeated(depth) + "1" + QByteArray("}").repeated(depth);
}

QByteArray paddedRequest(const QByteArray &id, qsizetype totalBytes)
{
    const QByteArray head = R"({"id":")" + id + R"(","op":"server.info","data":{"padding":")";
    const QByteArray tail = R"("}})";
    return head + QByteArray(totalBytes - head.size() - tail.size(), 'p') + tail;
}

struct Outcome
{
    bool answered = false;
    bool byId = false;
    QString code;
    QByteArray frame;
};

// Waits for the one answer to a bad frame: the response with `id` or an "error" event.
Outcome waitForAnswer(TestClient &client, const QString &id)
{
    Outcome outcome;
    outcome.answered = QTest::qWaitFor(
        [&] { return (!id.isEmpty() && client.hasResponse(id)) || client.hasEvent(u"error"_s); },
        ResponseTimeoutMs);
    if (!outcome.answered)
        return outcome;
    if (!id.isEmpty() && client.hasResponse(id)) {
        const QJsonObject response = client.waitResponse(id, 0);
        outcome.byId = true;
        outcome.code = errorCode(response);
        outcome.frame = describe(response);
    } else {
        const QJsonObject event = client.waitEvent(u"error"_s, {}, 0).value_or(QJsonObject());
        outcome.code = event.value("code"_L1).toString();
        outcome.frame = describe(event);
    }
    return outcome;
}

} // namespace

class tst_ServerFrames : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void badFrameIsAnsweredAndConnectionStaysUsable_data();
    void badFrameIsAnsweredAndConnectionStaysUsable();
    void frameAtTheLimitIsAccepted();
    void requestIdsAreEchoed();
    void moreThanTenBadFramesCloseTheConnection();
    void invalidUtf8TextFrameDoesNotHurtTheServer();
};

void tst_ServerFrames::badFrameIsAnsweredAndConnectionStaysUsable_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<bool>("binary");
    QTest::addColumn<QString>("id");
    QTest::addColumn<int>("answer");
    QTest::addColumn<QString>("code");

    const QString bad = u"bad_request"_s;
    const auto row = [](const char *name) -> QTestData & { return QTest::newRow(name); };
    row("not JSON") << QByteArray("hello there") << false << QString() << int(Answer::ByEvent)
                    << bad;
    row("truncated JSON") << QByteArray(R"({"id":"t1","op":"server.info")") << false << QString()
                          << int(Answer::ByEvent) << bad;
    row("empty") << QByteArray() << false << QString() << int(Answer::ByEvent) << bad;
    row("JSON array") << QByteArray(R"([{"id":"a1","op":"server.info","data":{}}])") << false
                      << QString() << int(Answer::ByEvent) << bad;
    row("JSON string") << QByteArray(R"("server.info")") << false << QString()
                       << int(Answer::ByEvent) << bad;
    row("JSON null") << QByteArray("null") << false << QString() << int(Answer::ByEvent) << bad;
    row("op missing") << QByteArray(R"({"id":"m1","data":{}})") << false << u"m1"_s
                      << int(Answer::ById) << bad;
    row("op a number") << QByteArray(R"({"id":"o1","op":5,"data":{}})") << false << u"o1"_s
                       << int(Answer::ById) << bad;
    row("data a string") << QByteArray(R"({"id":"d1","op":"user.me","data":"x"})") << false
                         << u"d1"_s << int(Answer::ById) << bad;
    row("data an array") << QByteArray(R"({"id":"d2","op":"user.me","data":[]})") << false
                         << u"d2"_s << int(Answer::ById) << bad;
    row("unknown op") << QByteArray(R"({"id":"u1","op":"nope.nothing","data":{}})") << false
                      << u"u1"_s << int(Answer::ById) << u"unsupported"_s;
    row("id a number") << QByteArray(R"({"id":7,"op":"user.me","data":{}})") << false << u"7"_s
                       << int(Answer::Either) << bad;
    row("id too long") << (R"({"id":")" + QByteArray(65, 'i') + R"(","op":"user.me","data":{}})")
                       << false << QString(65, u'i') << int(Answer::Either) << bad;
    row("nested 100 levels") << (R"({"id":"n1","op":"user.me","data":)" + nested(100) + "}")
                             << false << u"n1"_s << int(Answer::Either) << bad;
    row("70 KB") << paddedRequest("big1", qsizetype(70) * 1024) << false << u"big1"_s
                 << int(Answer::ById) << u"too_large"_s;
    row("binary, invalid UTF-8") << QByteArray(
        "{\"id\":\"b1\",\"op\":\"user.me\",\"data\":{\"x\":\"\xff\xfe\xc3\"}}")
                                 << true << u"b1"_s << int(Answer::Either) << bad;
    row("binary, not JSON") << QByteArray("\x00\x01\x02\x03", 4) << true << QString()
                            << int(Answer::ByEvent) << bad;
}

void tst_ServerFrames::badFrameIsAnsweredAndConnectionStaysUsable()
{
    QFETCH(QByteArray, frame);
    QFETCH(bool, binary);
    QFETCH(QString, id);
    QFETCH(int, answer);
    QFETCH(QString, code);
    TestServer server;
    QVERIFY(server.start());
    auto client = server.signUp(u"Sloppy"_s);
    auto bystander = server.signUp(u"Bystander"_s);
    QVERIFY(client && bystander);

    if (binary)
        client->sendBinary(frame);
    else
        client->sendRaw(frame);
    const Outcome outcome = waitForAnswer(*client, id);
    QVERIFY2(outcome.answered, "the bad frame was not answered");
    QVERIFY2(outcome.code == code, outcome.frame.constData());
    if (Answer(answer) == Answer::Either)
        qInfo("answered %s: %s", outcome.byId ? "by id" : "with an error event",
              outcome.frame.constData());
    if (Answer(answer) == Answer::ById)
        QVERIFY2(outcome.byId, outcome.frame.constData()); // not an error event
    if (Answer(answer) == Answer::ByEvent)
        QVERIFY2(!outcome.byId, outcome.frame.constData()); // not a response
    // Exactly one answer.
    QVERIFY(client->expectNoEvent(u"error"_s));
    QVERIFY(!client->hasResponse(id));

    QVERIFY(client->isConnected());
    PARLEY_VERIFY_OK(client->request(u"user.me"_s));
    PARLEY_VERIFY_OK(bystander->request(u"user.me"_s));
}

void tst_ServerFrames::frameAtTheLimitIsAccepted()
{
    TestServer server;
    QVERIFY(server.start());
    auto client = server.connect();
    QVERIFY(client);

    client->sendRaw(paddedRequest("edge", server.config().frameLimit));
    PARLEY_VERIFY_OK(client->waitResponse(u"edge"_s));
    client->sendRaw(paddedRequest("over", server.config().frameLimit + 1));
    PARLEY_VERIFY_ERROR(client->waitResponse(u"over"_s), u"too_large"_s);
    PARLEY_VERIFY_OK(client->request(u"server.info"_s));
}

void tst_ServerFrames::requestIdsAreEchoed()
{
    TestServer server;
    QVERIFY(server.start());
    auto client = server.connect();
    QVERIFY(client);

    for (const QString &id : {QString(64, u'x'), u"ünïcødé 😀"_s, u"   "_s, u"r1"_s}) {
        const QJsonObject frame{{"id"_L1, id}, {"op"_L1, u"server.info"_s}};
        client->sendRaw(QJsonDocument(frame).toJson(QJsonDocument::Compact));
        const QJsonObject response = client->waitResponse(id);
        PARLEY_VERIFY_OK(response);
        QCOMPARE(response.value("id"_L1).toString(), id);
    }
}

void tst_ServerFrames::moreThanTenBadFramesCloseTheConnection()
{
    TestServer server;
    QVERIFY(server.start());
    auto client = server.signUp(u"Fuzzer"_s);
    auto bystander = server.signUp(u"Bystander"_s);
    QVERIFY(client && bystander);

    for (int i = 0; i < 10; ++i) {
        client->sendRaw("definitely not json");
        QVERIFY(client->waitEvent(u"error"_s));
    }
    QVERIFY(client->isConnected());
    PARLEY_VERIFY_OK(client->request(u"user.me"_s));

    client->sendRaw("the eleventh");
    QVERIFY(client->waitForDisconnected(10'000));
    QCOMPARE(client->closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);

    QVERIFY(bystander->isConnected());
    PARLEY_VERIFY_OK(bystander->request(u"user.me"_s));
    auto fresh = server.connect();
    QVERIFY(fresh);
    PARLEY_VERIFY_OK(fresh->request(u"server.info"_s));
}

void tst_ServerFrames::invalidUtf8TextFrameDoesNotHurtTheServer()
{
    TestServer server;
    QVERIFY(server.start());
    auto bystander = server.signUp(u"Bystander"_s);
    QVERIFY(bystander);

    // RFC 6455 makes invalid UTF-8 in a text frame fatal for the connection (1007).
    RawWebSocket raw;
    QVERIFY(raw.open(server.url()));
    raw.sendFrame(RawWebSocket::Text,
                  "{\"id\":\"x1\",\"op\":\"server.info\",\"data\":\"\xff\xfe\"}");
    QVERIFY(raw.waitForDisconnected(10'000));
    if (raw.closeCode())
        QCOMPARE(*raw.closeCode(), quint16(QWebSocketProtocol::CloseCodeWrongDatatype));

    QVERIFY(bystander->isConnected());
    PARLEY_VERIFY_OK(bystander->request(u"user.me"_s));
    auto fresh = server.connect();
    QVERIFY(fresh);
    PARLEY_VERIFY_OK(fresh->request(u"server.info"_s));
}

QTEST_GUILESS_MAIN(tst_ServerFrames)
#include "tst_server_frames.moc"
