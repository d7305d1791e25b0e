// SPDX-License-Identifier: GPL-3.0-or-later
#include "error.h"

#include <array>

using namespace Qt::StringLiterals;

namespace parley {

namespace {

struct CodeName
{
    ErrorCode code;
    QLatin1StringView name;
};

constexpr std::array codeNames{
    CodeName{ErrorCode::BadRequest, "bad_request"_L1},
    CodeName{ErrorCode::Unauthenticated, "unauthenticated"_L1},
    CodeName{ErrorCode::Forbidden, "forbidden"_L1},
    CodeName{ErrorCode::NotFound, "not_found"_L1},
    CodeName{ErrorCode::Conflict, "conflict"_L1},
    CodeName{ErrorCode::RateLimited, "rate_limited"_L1},
    CodeName{ErrorCode::TooLarge, "too_large"_L1},
    CodeName{ErrorCode::Unsupported, "unsupported"_L1},
    CodeName{ErrorCode::Internal, "internal"_L1},
};

} // namespace

QString errorCodeName(ErrorCode code)
{
    for (const auto &entry : codeNames) {
        if (entry.code == code)
            return entry.name;
    }
    return u"internal"_s;
}

std::optional<ErrorCode> errorCodeFromName(QStringView name)
{
    for (const auto &entry : codeNames) {
        if (name == entry.name)
            return entry.code;
    }
    return std::nullopt;
}

QJsonObject Error::toJson() const
{
    QJsonObject object{{u"code"_s, errorCodeName(code)}, {u"message"_s, message}};
    if (retryAfterMs)
        object.insert(u"retryAfterMs"_s, *retryAfterMs);
    if (!field.isEmpty())
        object.insert(u"field"_s, field);
    return object;
}

std::optional<Error> Error::fromJson(const QJsonObject &object)
{
    const QJsonValue codeValue = object.value(u"code"_s);
    if (!codeValue.isString())
        return std::nullopt;
    const auto code = errorCodeFromName(codeValue.toString());
    if (!code)
        return std::nullopt;
    Error error{*code, object.value(u"message"_s).toString(), {}, {}};
    const QJsonValue retry = object.value(u"retryAfterMs"_s);
    if (retry.isDouble())
        error.retryAfterMs = retry.toInteger();
    error.field = object.value(u"field"_s).toString().left(64);
    return error;
}

} // namespace parley
