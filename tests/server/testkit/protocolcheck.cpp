// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocolcheck.h"

#include <QColorSpace>
#include <QJsonDocument>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace parley::test {

namespace {

constexpr qsizetype DescribeMaxBytes = 1500;

// Two 1×1 PNGs with different pixels.
constexpr auto TinyPngBase64 =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="_L1;
constexpr auto OtherPngBase64 =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="_L1;

} // namespace

bool isOk(const QJsonObject &response)
{
    return response.value("ok"_L1).toBool() && response.value("data"_L1).isObject();
}

QString errorCode(const QJsonObject &response)
{
    if (response.value("ok"_L1).toBool(true))
        return {};
    return response.value("error"_L1).toObject().value("code"_L1).toString();
}

QString errorMessage(const QJsonObject &response)
{
    return response.value("error"_L1).toObject().value("message"_L1).toString();
}

QJsonObject dataOf(const QJsonObject &response)
{
    return response.value("data"_L1).toObject();
}

QByteArray describe(const QJsonValue &value)
{
    QByteArray text;
    if (value.isObject())
        text = QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    else if (value.isArray())
        text = QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
    else
        text = value.toVariant().toString().toUtf8();
    if (value.isObject() && value.toObject().isEmpty())
        text = "{} (nothing arrived)";
    if (text.size() > DescribeMaxBytes)
        text = text.left(DescribeMaxBytes) + "…";
    return text;
}

QByteArray expectedError(const QString &code, const QJsonObject &response)
{
    return QByteArray("expected error ") + code.toUtf8() + QByteArray(", got ")
        + describe(response);
}

QStringList idsOf(const QJsonArray &objects)
{
    QStringList ids;
    for (const auto &value : objects)
        ids.append(value.toObject().value("id"_L1).toString());
    return ids;
}

QList<qint64> seqsOf(const QJsonArray &messages)
{
    QList<qint64> seqs;
    for (const auto &value : messages)
        seqs.append(value.toObject().value("seq"_L1).toInteger());
    return seqs;
}

bool containsKeyLike(const QJsonValue &value, QStringView fragment)
{
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        return std::any_of(array.begin(), array.end(), [fragment](const QJsonValue &element) {
            return containsKeyLike(element, fragment);
        });
    }
    if (!value.isObject())
        return false;
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key().contains(fragment, Qt::CaseInsensitive)
            || containsKeyLike(it.value(), fragment))
            return true;
    }
    return false;
}

QString uniqueClientId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QString repeated(QStringView unit, qsizetype times)
{
    return unit.toString().repeated(times);
}

QString tinyPngDataUri()
{
    return "data:image/png;base64,"_L1 + TinyPngBase64;
}

QString otherPngDataUri()
{
    return "data:image/png;base64,"_L1 + OtherPngBase64;
}

QImage imageOfDataUri(const QString &dataUri)
{
    const qsizetype comma = dataUri.indexOf(u',');
    if (!dataUri.startsWith("data:image/"_L1) || comma < 0)
        return {};
    // In one format, so that pictures compare by what they show: premultiplied, so that the
    // colour under a fully transparent pixel (which an encoder may drop) does not count, and
    // without the colour space an encoder may declare (the server's marks its PNGs sRGB).
    QImage image = QImage::fromData(QByteArray::fromBase64(dataUri.mid(comma + 1).toLatin1()))
                       .convertToFormat(QImage::Format_ARGB32_Premultiplied);
    image.setColorSpace(QColorSpace());
    return image;
}

QString dataUriOfSize(const QString &mime, qsizetype totalBytes)
{
    const QString prefix = "data:"_L1 + mime + ";base64,"_L1;
    const qsizetype base64Chars = std::max<qsizetype>(4, (totalBytes - prefix.size()) / 4 * 4);
    QByteArray payload =
        QByteArray::fromBase64(QByteArray(TinyPngBase64.data(), TinyPngBase64.size()));
    payload.resize(base64Chars / 4 * 3, '\0');
    return prefix + QString::fromLatin1(payload.toBase64());
}

} // namespace parley::test
