// SPDX-License-Identifier: GPL-3.0-or-later
// Lone UTF-16 surrogate escapes in JSON strings: QJsonDocument merges "A\ud800B" into U+10042 and
// drops the space of "D\ud800 ", so the frame decoder refuses any string holding one.
#include "frame.h"
#include "surrogatescan.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace parley;

class tst_SurrogateScan : public QObject
{
    Q_OBJECT

private slots:
    void scan_data();
    void scan();
    void frameWithLoneSurrogateIsRefused_data();
    void frameWithLoneSurrogateIsRefused();
    void pairedSurrogatesStillDecode();
};

void tst_SurrogateScan::scan_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("lone");
    QTest::newRow("plain") << QByteArray(R"({"a":"hello"})") << false;
    QTest::newRow("pair") << QByteArray(R"({"a":"\ud83d\ude00"})") << false;
    QTest::newRow("pair upper case") << QByteArray(R"({"a":"\uD83D\uDE00"})") << false;
    QTest::newRow("other escapes") << QByteArray(R"({"a":"\n\"\\\u0041\u00e9"})") << false;
    QTest::newRow("escaped backslash then u") << QByteArray(R"({"a":"\\ud800"})") << false;
    QTest::newRow("outside strings") << QByteArray(R"({"a":1} \ud800)") << false;
    QTest::newRow("high then letter") << QByteArray(R"({"a":"A\ud800B"})") << true;
    QTest::newRow("high then space") << QByteArray(R"({"a":"D\ud800 "})") << true;
    QTest::newRow("high at end of string") << QByteArray(R"({"a":"\ud800"})") << true;
    QTest::newRow("high then other escape") << QByteArray(R"({"a":"\ud800\n"})") << true;
    QTest::newRow("high then high") << QByteArray(R"({"a":"\ud800\ud800"})") << true;
    QTest::newRow("high then BMP escape") << QByteArray(R"({"a":"\udbff\u0041"})") << true;
    QTest::newRow("low alone") << QByteArray(R"({"a":"\udc00x"})") << true;
    QTest::newRow("low before high") << QByteArray(R"({"a":"\ude00\ud83d"})") << true;
    QTest::newRow("in a key") << QByteArray(R"({"k\ud800":"v"})") << true;
    QTest::newRow("high at end of text") << QByteArray(R"({"a":"\ud800)") << true;
    QTest::newRow("truncated escape") << QByteArray(R"({"a":"\ud8)") << false;
}

void tst_SurrogateScan::scan()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, lone);
    QCOMPARE(hasLoneSurrogateEscape(json), lone);
}

void tst_SurrogateScan::frameWithLoneSurrogateIsRefused_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::newRow("merged with the next letter")
        << QByteArray(R"({"id":"7","op":"message.send","data":{"content":"A\ud800B"}})");
    QTest::newRow("eats the next space")
        << QByteArray(R"({"id":"7","op":"auth.register","data":{"name":"D\ud800 "}})");
    QTest::newRow("lone low") << QByteArray(
        R"({"id":"7","op":"user.search","data":{"query":"\udfff"}})");
}

void tst_SurrogateScan::frameWithLoneSurrogateIsRefused()
{
    QFETCH(QByteArray, frame);
    const DecodedRequest decoded = decodeRequest(frame);
    QVERIFY(!decoded.request);
    QCOMPARE(decoded.error.code, ErrorCode::BadRequest);
    QVERIFY2(decoded.error.message.contains(u"surrogate"_s), qPrintable(decoded.error.message));
    QCOMPARE(decoded.id, u"7"_s); // answered as a response, not as an error event
}

void tst_SurrogateScan::pairedSurrogatesStillDecode()
{
    const DecodedRequest decoded =
        decodeRequest(R"({"id":"1","op":"user.search","data":{"query":"A\ud83d\ude00B"}})");
    QVERIFY(decoded.request);
    QCOMPARE(decoded.request->data.value(u"query").toString(), u"A\U0001F600B"_s);
}

QTEST_APPLESS_MAIN(tst_SurrogateScan)
#include "tst_surrogatescan.moc"
