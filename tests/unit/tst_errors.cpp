// SPDX-License-Identifier: GPL-3.0-or-later
#include "error.h"
#include "validation.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace parley;

// Error codes and the error object as docs/protocol.md names them.
class TestErrors : public QObject
{
    Q_OBJECT

private slots:
    void codeNames_data()
    {
        QTest::addColumn<ErrorCode>("code");
        QTest::addColumn<QString>("name");
        QTest::newRow("bad_request") << ErrorCode::BadRequest << u"bad_request"_s;
        QTest::newRow("unauthenticated") << ErrorCode::Unauthenticated << u"unauthenticated"_s;
        QTest::newRow("forbidden") << ErrorCode::Forbidden << u"forbidden"_s;
        QTest::newRow("not_found") << ErrorCode::NotFound << u"not_found"_s;
        QTest::newRow("conflict") << ErrorCode::Conflict << u"conflict"_s;
        QTest::newRow("rate_limited") << ErrorCode::RateLimited << u"rate_limited"_s;
        QTest::newRow("too_large") << ErrorCode::TooLarge << u"too_large"_s;
        QTest::newRow("unsupported") << ErrorCode::Unsupported << u"unsupported"_s;
        QTest::newRow("internal") << ErrorCode::Internal << u"internal"_s;
    }
    void codeNames()
    {
        QFETCH(ErrorCode, code);
        QFETCH(QString, name);
        QCOMPARE(errorCodeName(code), name);
        QCOMPARE(errorCodeFromName(name), std::optional<ErrorCode>(code));
    }

    void unknownCodeName()
    {
        QCOMPARE(errorCodeFromName(u"Bad_Request"), std::nullopt);
        QCOMPARE(errorCodeFromName(u"teapot"), std::nullopt);
    }

    void toJsonWithoutRetry()
    {
        const QJsonObject json = Error::make(ErrorCode::Forbidden, u"not a member"_s).toJson();
        QCOMPARE(json,
                 QJsonObject({{u"code"_s, u"forbidden"_s}, {u"message"_s, u"not a member"_s}}));
    }

    void toJsonWithRetry()
    {
        Error error = Error::make(ErrorCode::RateLimited, u"slow down"_s);
        error.retryAfterMs = 1500;
        const QJsonObject json = error.toJson();
        QCOMPARE(json.value(u"code"_s).toString(), u"rate_limited"_s);
        QVERIFY(json.value(u"retryAfterMs"_s).isDouble());
        QCOMPARE(json.value(u"retryAfterMs"_s).toInteger(), 1500);
        QCOMPARE(Error::fromJson(json), std::optional<Error>(error));
    }

    void fieldNamesTheInputToBlame()
    {
        const Error error = Error::about(u"email"_s, ErrorCode::Conflict, u"email: taken"_s);
        const QJsonObject json = error.toJson();
        QCOMPARE(json.value(u"field"_s).toString(), u"email"_s);
        QCOMPARE(Error::fromJson(json), std::optional<Error>(error));
        // Absent when no one input is to blame; a client that knows nothing of it loses nothing.
        QVERIFY(!Error::make(ErrorCode::Forbidden, u"no"_s).toJson().contains(u"field"_s));
        QCOMPARE(Error::fromJson(QJsonObject{{u"code"_s, u"forbidden"_s}})->field, QString());
    }

    void checksNameTheirField()
    {
        QCOMPARE(checkEmail(u"email"_s, u"no-at-sign"_s)->field, u"email"_s);
        QCOMPARE(checkContent(u"content"_s, QString())->field, u"content"_s);
        QCOMPARE(checkPlainText(u"query"_s, QString(u"a"_s + QChar(1)))->field, u"query"_s);
    }

    void fromJsonRejects_data()
    {
        QTest::addColumn<QJsonObject>("json");
        QTest::newRow("no code") << QJsonObject({{u"message"_s, u"x"_s}});
        QTest::newRow("unknown code") << QJsonObject({{u"code"_s, u"teapot"_s}});
        QTest::newRow("code not a string") << QJsonObject({{u"code"_s, 3}});
    }
    void fromJsonRejects()
    {
        QFETCH(QJsonObject, json);
        QCOMPARE(Error::fromJson(json), std::nullopt);
    }
};

QTEST_GUILESS_MAIN(TestErrors)
#include "tst_errors.moc"
