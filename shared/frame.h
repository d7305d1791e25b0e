// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "error.h"
#include "protocollimits.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace parley {

// A request as the server reads it off the wire.
struct RequestFrame
{
    QString id; // null when the request has no id (fire-and-forget)
    QString op;
    QJsonObject data; // {} when absent
};

// What decoding one client frame gave: a request, or an error to answer with.
struct DecodedRequest
{
    std::optional<RequestFrame> request;
    Error error; // set when !request
    QString id; // the readable id of a bad frame, or null: then answer with an "error" event
};

struct DecodeLimits
{
    qsizetype frameBytes = limits::FrameBytes;
    int jsonDepth = limits::JsonDepth;
};

// Checks size, UTF-8, nesting depth, JSON object shape, id (string ≤ 64), op (string) and data
// (object if present), in that order. The op name is not looked up here.
DecodedRequest decodeRequest(QByteArrayView frame, const DecodeLimits &limits = {});

// A frame as a client reads it: a response (has "id") or an event (has "event").
struct ServerFrame
{
    enum class Kind { Response, Event, Invalid };
    Kind kind = Kind::Invalid;
    QString id; // response
    bool ok = false; // response
    Error error; // response with ok == false
    QString event; // event name
    QJsonObject data;
};
ServerFrame decodeServerFrame(QByteArrayView frame);

QByteArray encodeRequest(const QString &id, const QString &op, const QJsonObject &data);
QByteArray encodeOk(const QString &id, const QJsonObject &data);
QByteArray encodeError(const QString &id, const Error &error);
QByteArray encodeEvent(const QString &event, const QJsonObject &data);

} // namespace parley
