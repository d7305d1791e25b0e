// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "error.h"

#include <type_traits>
#include <utility>
#include <variant>

namespace parley {

// A value or the protocol error that stands in its place.
template<typename T> class Result
{
public:
    // A result nothing was put in: an internal error, never a value by accident.
    Result()
        : m_v(Error::make(ErrorCode::Internal, QStringLiteral("no result")))
    { }
    Result(T value)
        : m_v(std::move(value))
    { }
    Result(Error error)
        : m_v(std::move(error))
    { }

    bool ok() const { return std::holds_alternative<T>(m_v); }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<T>(m_v); }
    T &value() & { return std::get<T>(m_v); }
    T &&value() && { return std::get<T>(std::move(m_v)); }
    const T &operator*() const & { return value(); }
    const T *operator->() const { return &std::get<T>(m_v); }

    const Error &error() const { return std::get<Error>(m_v); }

private:
    std::variant<T, Error> m_v;
};

} // namespace parley

namespace parley {

template<typename T> struct IsResult : std::false_type
{ };
template<typename T> struct IsResult<Result<T>> : std::true_type
{ };

} // namespace parley
