// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsonreader.h"

#include "types.h"

#include <cmath>

using namespace Qt::StringLiterals;

namespace parley {

namespace {

// A null QString from QJsonValue::toString() for "" would read as "absent"; keep it non-null.
QString nonNullString(const QJsonValue &value)
{
    QString text = value.toString();
    if (text.isNull())
        text = u""_s;
    return text;
}

} // namespace

JsonReader::JsonReader(QJsonObject object, QString path)
    : m_object(std::move(object))
    , m_path(std::move(path))
{ }

Error JsonReader::error() const
{
    return m_error.value_or(Error::badRequest(u"invalid"_s));
}

QString JsonReader::fieldName(QStringView key) const
{
    if (m_path.isEmpty())
        return key.toString();
    return m_path + u'.' + key;
}

void JsonReader::fail(QStringView key, const QString &problem)
{
    fail(Error::badRequest(fieldName(key) + u' ' + problem));
}

void JsonReader::fail(const Error &error)
{
    if (!m_error)
        m_error = error;
}

bool JsonReader::has(QStringView key) const
{
    const QJsonValue value = m_object.value(key);
    return !value.isUndefined() && !value.isNull();
}

QJsonValue JsonReader::required(QStringView key)
{
    if (!ok())
        return {};
    if (!has(key)) {
        fail(key, u"is required"_s);
        return {};
    }
    return m_object.value(key);
}

QString JsonReader::string(QStringView key)
{
    const QJsonValue value = required(key);
    if (!ok())
        return {};
    if (!value.isString()) {
        fail(key, u"must be a string"_s);
        return {};
    }
    return nonNullString(value);
}

QString JsonReader::nullableString(QStringView key)
{
    return optionalString(key).value_or(QString());
}

std::optional<QString> JsonReader::optionalString(QStringView key)
{
    if (!ok() || !has(key))
        return std::nullopt;
    return string(key);
}

bool JsonReader::boolean(QStringView key)
{
    const QJsonValue value = required(key);
    if (!ok())
        return false;
    if (!value.isBool()) {
        fail(key, u"must be a boolean"_s);
        return false;
    }
    return value.toBool();
}

std::optional<bool> JsonReader::optionalBoolean(QStringView key)
{
    if (!ok() || !has(key))
        return std::nullopt;
    return boolean(key);
}

qint64 JsonReader::integer(QStringView key, qint64 min, qint64 max)
{
    const QJsonValue value = required(key);
    if (!ok())
        return 0;
    if (!value.isDouble()) {
        fail(key, u"must be a number"_s);
        return 0;
    }
    // Compare as doubles before converting: a huge value must not overflow qint64.
    const double number = value.toDouble();
    if (std::trunc(number) != number) {
        fail(key, u"must be a whole number"_s);
        return 0;
    }
    if (number < static_cast<double>(min) || number > static_cast<double>(max)) {
        if (max == MaxSafeInteger)
            fail(key, u"must be at least "_s + QString::number(min));
        else
            fail(key, u"must be from "_s + QString::number(min) + u" to "_s + QString::number(max));
        return 0;
    }
    return static_cast<qint64>(number);
}

std::optional<qint64> JsonReader::optionalInteger(QStringView key, qint64 min, qint64 max)
{
    if (!ok() || !has(key))
        return std::nullopt;
    return integer(key, min, max);
}

QDateTime JsonReader::timestamp(QStringView key)
{
    const QString text = string(key);
    if (!ok())
        return {};
    QDateTime time = parseTimestamp(text);
    if (!time.isValid())
        fail(key, u"must be an ISO 8601 UTC timestamp"_s);
    return time;
}

QDateTime JsonReader::nullableTimestamp(QStringView key)
{
    if (!ok() || !has(key))
        return {};
    return timestamp(key);
}

QJsonArray JsonReader::array(QStringView key)
{
    const QJsonValue value = required(key);
    if (!ok())
        return {};
    if (!value.isArray()) {
        fail(key, u"must be an array"_s);
        return {};
    }
    return value.toArray();
}

QStringList JsonReader::stringList(QStringView key)
{
    const QJsonArray values = array(key);
    QStringList strings;
    strings.reserve(values.size());
    for (qsizetype i = 0; ok() && i < values.size(); ++i) {
        if (!values.at(i).isString()) {
            fail(Error::badRequest(fieldName(key) + u'[' + QString::number(i)
                                   + u"] must be a string"_s));
            return {};
        }
        strings.append(nonNullString(values.at(i)));
    }
    return strings;
}

} // namespace parley
