// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QImage>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QTest>

// Helpers for reading responses and events as a client sees them, and the assertions built on
// them. Every assertion prints the whole offending frame, so a failure names what the server said.
namespace parley::test {

bool isOk(const QJsonObject &response);
QString errorCode(const QJsonObject &response); // null when ok or when there is no error
QString errorMessage(const QJsonObject &response);
QJsonObject dataOf(const QJsonObject &response); // the "data" of an ok response
QByteArray describe(const QJsonValue &value); // compact JSON, shortened for test logs
QByteArray expectedError(const QString &code, const QJsonObject &response);

QStringList idsOf(const QJsonArray &objects); // the "id" of each element
QList<qint64> seqsOf(const QJsonArray &messages);
bool containsKeyLike(const QJsonValue &value, QStringView fragment); // anywhere, any depth

QString uniqueClientId();
QString repeated(QStringView unit, qsizetype times);

// A valid 1×1 PNG as a data: URI, and variants the avatar rules must reject.
QString tinyPngDataUri();
QString otherPngDataUri(); // a different valid picture
// The picture a data: URI carries (null when it does not decode): the server stores its own
// re-encoding of an avatar, so tests compare pixels, not bytes.
QImage imageOfDataUri(const QString &dataUri);
QString
dataUriOfSize(const QString &mime,
              qsizetype totalBytes); // valid base64, at most totalBytes, at least totalBytes - 3

} // namespace parley::test

#define PARLEY_VERIFY_OK(response)                                                                 \
    do {                                                                                           \
        const QJsonObject &parleyResponse_ = (response);                                           \
        QVERIFY2(::parley::test::isOk(parleyResponse_),                                            \
                 ::parley::test::describe(parleyResponse_).constData());                           \
    } while (false)

#define PARLEY_VERIFY_ERROR(response, code)                                                        \
    do {                                                                                           \
        const QJsonObject &parleyResponse_ = (response);                                           \
        QVERIFY2(::parley::test::errorCode(parleyResponse_) == (code),                             \
                 ::parley::test::expectedError(code, parleyResponse_).constData());                \
    } while (false)
