#pragma once

#include "request.h"
#include "services.h"

#include <QObject>

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
                    request.fail(ErrorCode::Internal,
                                 QStringLiteral(
                                     "the server could not read or write its database; try again"));
                    return;
                }
                done(std::move(outcome.first));
            });
    }

    Services &s;
};

} // namespace parley::server
