// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "error.h"

#include <QJsonObject>

namespace parley::client {

// How a request ended: the server's answer, or a failure on this side of the wire.
struct Reply
{
    enum class Status {
        Ok, // the server answered ok; data holds its result
        ServerError, // the server answered with an error; see error
        Timeout, // no answer within the request's timeout
        Disconnected, // the connection closed before the answer came
    };

    Status status = Status::Ok;
    QJsonObject data;
    Error error; // for Timeout and Disconnected a readable message with code Internal

    bool ok() const { return status == Status::Ok; }
    // True when sending the same request again later may succeed.
    bool isTransient() const { return status == Status::Timeout || status == Status::Disconnected; }
};

} // namespace parley::client
