// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "error.h"
#include "result.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace parley {

// Reads typed fields out of one JSON object and keeps the first failure, phrased with the field's
// path ("chat.members[2].email is required"), so codecs read every field in a row and check once.
// After a failure every read returns a default value.
class JsonReader
{
public:
    // The largest integer a JSON number carries exactly (2^53 - 1).
    static constexpr qint64 MaxSafeInteger = 9007199254740991;

    explicit JsonReader(QJsonObject object, QString path = {});

    bool ok() const { return !m_error.has_value(); }
    Error error() const; // only meaningful when !ok()
    QString fieldName(QStringView key) const; // the key with this reader's path in front
    const QJsonObject &object() const { return m_object; }

    void fail(QStringView key, const QString &problem); // "<field> <problem>"
    void fail(const Error &error);
    bool has(QStringView key) const; // present and not null

    QString string(QStringView key); // required
    QString nullableString(QStringView key); // null or absent: a null QString
    std::optional<QString> optionalString(QStringView key); // null or absent: nullopt
    bool boolean(QStringView key); // required
    std::optional<bool> optionalBoolean(QStringView key);
    qint64 integer(QStringView key, qint64 min = 0, qint64 max = MaxSafeInteger); // required
    std::optional<qint64> optionalInteger(QStringView key, qint64 min = 0,
                                          qint64 max = MaxSafeInteger);
    QDateTime timestamp(QStringView key); // required
    QDateTime nullableTimestamp(QStringView key); // null or absent: an invalid QDateTime
    QJsonArray array(QStringView key); // required
    QStringList stringList(QStringView key); // required

    // A nested object read by `read(JsonReader &)`, its failures reported under this path.
    template<typename Read> auto nested(QStringView key, Read read) -> decltype(read(*this))
    {
        using T = decltype(read(*this));
        const QJsonValue value = required(key);
        if (!ok())
            return T{};
        if (!value.isObject()) {
            fail(key, QStringLiteral("must be an object"));
            return T{};
        }
        JsonReader child(value.toObject(), fieldName(key));
        T result = read(child);
        if (!child.ok())
            fail(child.error());
        return result;
    }

    // Like nested() but null or absent gives nullopt.
    template<typename Read>
    auto optionalNested(QStringView key, Read read) -> std::optional<decltype(read(*this))>
    {
        if (!ok() || !has(key))
            return std::nullopt;
        return nested(key, read);
    }

    // An array of objects, each read by `read(JsonReader &)`.
    template<typename Read> auto list(QStringView key, Read read) -> QList<decltype(read(*this))>
    {
        QList<decltype(read(*this))> items;
        const QJsonArray values = array(key);
        for (qsizetype i = 0; ok() && i < values.size(); ++i) {
            const QString path = fieldName(key) + u'[' + QString::number(i) + u']';
            if (!values.at(i).isObject()) {
                fail(Error::badRequest(path + QStringLiteral(" must be an object")));
                break;
            }
            JsonReader child(values.at(i).toObject(), path);
            items.append(read(child));
            if (!child.ok())
                fail(child.error());
        }
        return ok() ? items : decltype(items){};
    }

    // The value when every read succeeded, otherwise the first failure.
    template<typename T> Result<T> finish(T value) const
    {
        if (!ok())
            return error();
        return value;
    }

private:
    QJsonValue required(QStringView key); // fails when absent or null

    QJsonObject m_object;
    QString m_path;
    std::optional<Error> m_error;
};

} // namespace parley
