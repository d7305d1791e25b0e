// SPDX-License-Identifier: GPL-3.0-or-later
#include "frame.h"

#include "surrogatescan.h"
#include "validation.h"

#include <QJsonDocument>
#include <QJsonParseError>

using namespace Qt::StringLiterals;

namespace parley {

namespace {

// Frames this much over the limit are not parsed at all, not even for their id.
constexpr qsizetype OversizeParseFactor = 4;

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

DecodedRequest failure(const QString &id, ErrorCode code, const QString &message)
{
    return DecodedRequest{std::nullopt, Error::make(code, message), id};
}

// The envelope's "id" when it is a string of at most 64 characters; empty ids stay non-null.
std::optional<QString> readableId(const QJsonObject &envelope)
{
    const QJsonValue value = envelope.value(u"id");
    if (!value.isString())
        return std::nullopt;
    QString id = value.toString();
    if (codePointCount(id) > limits::RequestIdChars)
        return std::nullopt;
    return id.isNull() ? u""_s : id;
}

// The id of a frame already refused for another reason, when the frame still parses safely.
QString salvageId(QByteArrayView frame, const DecodeLimits &limits)
{
    if (frame.size() > limits.frameBytes * OversizeParseFactor
        || jsonNestingDepth(frame) > limits.jsonDepth)
        return {};
    // Invalid UTF-8 elsewhere in the frame must not hide an id that reads fine.
    const QByteArray text =
        isValidUtf8(frame) ? frame.toByteArray() : QString::fromUtf8(frame).toUtf8();
    const QJsonDocument document = QJsonDocument::fromJson(text);
    if (!document.isObject())
        return {};
    return readableId(document.object()).value_or(QString());
}

} // namespace

DecodedRequest decodeRequest(QByteArrayView frame, const DecodeLimits &limits)
{
    if (frame.size() > limits.frameBytes)
        return failure(salvageId(frame, limits), ErrorCode::TooLarge,
                       u"frame exceeds "_s + QString::number(limits.frameBytes) + u" bytes"_s);
    if (!isValidUtf8(frame))
        return failure(salvageId(frame, limits), ErrorCode::BadRequest,
                       u"frame is not valid UTF-8"_s);
    // Checked before parsing so that a deeply nested frame costs no parser recursion.
    if (jsonNestingDepth(frame) > limits.jsonDepth)
        return failure({}, ErrorCode::BadRequest, u"nesting too deep"_s);
    // Before parsing: the parser would merge a lone surrogate into the character after it.
    if (hasLoneSurrogateEscape(frame))
        return failure(salvageId(frame, limits), ErrorCode::BadRequest,
                       u"frame has a string with a lone UTF-16 surrogate escape"_s);

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(frame.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return failure({}, ErrorCode::BadRequest,
                       u"frame is not valid JSON: "_s + parseError.errorString());
    if (!document.isObject())
        return failure({}, ErrorCode::BadRequest, u"frame must be a JSON object"_s);

    const QJsonObject envelope = document.object();
    QString id;
    if (envelope.contains(u"id")) {
        const auto readable = readableId(envelope);
        if (!readable)
            return failure({}, ErrorCode::BadRequest,
                           u"id must be a string of at most "_s
                               + QString::number(limits::RequestIdChars) + u" characters"_s);
        id = *readable;
    }

    const QJsonValue op = envelope.value(u"op");
    if (op.isUndefined() || op.isNull())
        return failure(id, ErrorCode::BadRequest, u"op is required"_s);
    if (!op.isString())
        return failure(id, ErrorCode::BadRequest, u"op must be a string"_s);

    const QJsonValue data = envelope.value(u"data");
    if (!data.isUndefined() && !data.isObject())
        return failure(id, ErrorCode::BadRequest, u"data must be an object"_s);

    return DecodedRequest{RequestFrame{id, op.toString(), data.toObject()}, Error{}, id};
}

ServerFrame decodeServerFrame(QByteArrayView frame)
{
    ServerFrame result;
    const QJsonDocument document = QJsonDocument::fromJson(frame.toByteArray());
    if (!document.isObject())
        return result;
    const QJsonObject envelope = document.object();
    const QJsonValue data = envelope.value(u"data");
    if (!data.isUndefined() && !data.isObject())
        return result;
    result.data = data.toObject();

    const QJsonValue event = envelope.value(u"event");
    if (event.isString()) {
        result.kind = ServerFrame::Kind::Event;
        result.event = event.toString();
        return result;
    }

    const auto id = readableId(envelope);
    const QJsonValue ok = envelope.value(u"ok");
    if (!id || !ok.isBool())
        return result;
    result.id = *id;
    result.ok = ok.toBool();
    if (!result.ok) {
        const QJsonValue error = envelope.value(u"error");
        if (!error.isObject())
            return result;
        // A code this client does not know yet still reaches the caller, as internal.
        result.error = Error::fromJson(error.toObject())
                           .value_or(Error::make(ErrorCode::Internal,
                                                 error.toObject().value(u"message").toString()));
    }
    result.kind = ServerFrame::Kind::Response;
    return result;
}

QByteArray encodeRequest(const QString &id, const QString &op, const QJsonObject &data)
{
    QJsonObject envelope{{u"op"_s, op}, {u"data"_s, data}};
    if (!id.isNull())
        envelope.insert(u"id"_s, id);
    return compact(envelope);
}

QByteArray encodeOk(const QString &id, const QJsonObject &data)
{
    return compact({{u"id"_s, id}, {u"ok"_s, true}, {u"data"_s, data}});
}

QByteArray encodeError(const QString &id, const Error &error)
{
    return compact({{u"id"_s, id}, {u"ok"_s, false}, {u"error"_s, error.toJson()}});
}

QByteArray encodeEvent(const QString &event, const QJsonObject &data)
{
    return compact({{u"event"_s, event}, {u"data"_s, data}});
}

} // namespace parley
