#pragma once

#include "storage/store.h"

#include <QObject>
#include <QPointer>
#include <QThread>

#include <functional>
#include <memory>
#include <optional>
#include <type_traits>

namespace parley::server {

// Runs every Store call on one dedicated thread, in the order they were asked for, so the event
// loop never waits for the disk and the store needs no locking. Results come back to the caller's
// context object through its event queue, in the same order.
class StoreRunner : public QObject
{
    Q_OBJECT

public:
    using Factory = std::function<std::unique_ptr<Store>()>;

    // The factory runs on the store thread, so the database connection is made there.
    explicit StoreRunner(Factory factory, QObject *parent = nullptr);
    ~StoreRunner() override;

    // Opens the store, blocking the caller: used once at start-up.
    bool open(QString *error);

    // Queues `work(Store&)`; `done(result)` runs later on `context`'s thread unless it is gone.
    template<typename Work, typename Done> void run(QObject *context, Work work, Done done)
    {
        using R = std::invoke_result_t<Work, Store &>;
        QPointer<QObject> guard(context);
        post([this, guard, work = std::move(work), done = std::move(done)]() mutable {
            auto result = std::make_shared<R>(work(*m_store));
            if (!guard)
                return;
            QMetaObject::invokeMethod(
                guard.data(),
                [guard, result, done = std::move(done)]() mutable {
                    if (guard)
                        done(std::move(*result));
                },
                Qt::QueuedConnection);
        });
    }

    // Runs `work` on the store thread and waits for it: for start-up and shutdown only.
    template<typename Work> auto runBlocking(Work work) -> std::invoke_result_t<Work, Store &>
    {
        using R = std::invoke_result_t<Work, Store &>;
        if constexpr (std::is_void_v<R>) {
            postBlocking([&] { work(*m_store); });
        } else {
            std::optional<R> result;
            postBlocking([&] { result.emplace(work(*m_store)); });
            return std::move(*result);
        }
    }

    // Waits until everything queued so far has run.
    void drain();

private:
    void post(std::function<void()> job);
    void postBlocking(const std::function<void()> &job);

    QThread m_thread;
    QObject *m_worker = nullptr; // lives in m_thread
    std::unique_ptr<Store> m_store;
    Factory m_factory;
};

} // namespace parley::server
