// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "request.h"
#include "result.h"
#include "services.h"

#include <QObject>

#include <functional>
#include <type_traits>
#include <utility>

namespace parley::server {

class Dispatcher;

// Base of the handlers of one group of operations. It is the context of the store's and the
// hasher's callbacks, so none of them outlives the server.
class Handler : public QObject
{
    Q_OBJECT

public:
    Handler(Services &services, QObject *parent);
    virtual void registerOps(Dispatcher &dispatcher) = 0;

protected:
    // Parses the request's data with T::fromJson; on a bad field answers bad_request and returns
    // null.
    template<typename T> std::optional<T> parse(const Request &request) const
    {
        auto parsed = T::fromJson(request.data());
        if (!parsed) {
            request.fail(parsed.error());
            return std::nullopt;
        }
        return std::move(parsed).value();
    }

    // Runs `work` on the store; `done` gets its result, unless a statement failed on the way:
    // then the request is answered `internal`, never with the empty result of a failed call.
    // When `work` returns Result<T>, its error answers the request and `done` gets a T.
    template<typename Work, typename Done> void query(const Request &request, Work work, Done done)
    {
        using R = std::invoke_result_t<Work, Store &>;
        s.store.run(
            this,
            [work = std::move(work)](Store &store) mutable {
                store.takeFailure();
                R result = work(store);
                return std::pair<R, bool>(std::move(result), store.takeFailure());
            },
            [request, done = std::move(done)](std::pair<R, bool> outcome) mutable {
                if (outcome.second) {
                    failInternal(request);
                    return;
                }
                answer(request, std::move(outcome.first), done);
            });
    }

    // query() for a short write (a few reads and one small transaction): it may share one commit
    // with the writes queued next to it. `done` runs only once that commit made the work durable;
    // when the job's statements or the shared commit failed, the request is answered `internal`.
    template<typename Work, typename Done>
    void queryWrite(const Request &request, Work work, Done done)
    {
        using R = std::invoke_result_t<Work, Store &>;
        s.store.runBatchable(this, std::move(work),
                             [request, done = std::move(done)](R result, bool failed) mutable {
                                 if (failed) {
                                     failInternal(request);
                                     return;
                                 }
                                 answer(request, std::move(result), done);
                             });
    }

    // A store job that returns Result<T> refuses with its error, which answers the request;
    // `done` gets the value only. Any other result goes to `done` as it is.
    template<typename R, typename Done>
    static void answer(const Request &request, R result, Done &done)
    {
        if constexpr (IsResult<R>::value) {
            if (!result) {
                request.fail(result.error());
                return;
            }
            done(std::move(result).value());
        } else {
            done(std::move(result));
        }
    }

    // Decodes and re-encodes an avatar data: URI on a worker thread (AvatarImage), then calls
    // `done` on this handler's thread with the URI to store; a null URI passes through. A
    // picture that does not decode is answered bad_request naming `field`, and `done` never runs.
    void withReencodedAvatar(const Request &request, const QString &field, const QString &dataUri,
                             std::function<void(const QString &)> done);

    // The answer to a request whose store job failed: never the empty result of a failed call.
    static void failInternal(const Request &request);

    Services &s;
};

} // namespace parley::server
