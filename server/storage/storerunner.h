// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storage/store.h"
#include "storage/storeobserver.h"

#include <QList>
#include <QMutex>
#include <QObject>
#include <QPointer>
#include <QQueue>
#include <QThread>
#include <QWaitCondition>

#include <functional>
#include <memory>
#include <optional>
#include <type_traits>

namespace parley::server {

// Runs every Store call on one dedicated thread, in the order they were asked for, so the event
// loop never waits for the disk and the store needs no locking. Results come back to the caller's
// context object through its event queue, in the same order.
//
// Group commit: when the thread takes a batchable job, it also takes the batchable jobs queued
// right behind it and runs them all in one transaction, each in a savepoint of its own, so that
// concurrent sends cost one commit (one sync to disk) instead of one each. It takes only what is
// already waiting: no job is held back to fill a batch.
class StoreRunner : public QObject
{
    Q_OBJECT

public:
    using Factory = std::function<std::unique_ptr<Store>()>;

    // The most jobs one batch takes, which bounds how long its first job waits for the last.
    static constexpr qsizetype MaxBatch = 128;

    // The factory runs on the store thread, so the database connection is made there.
    explicit StoreRunner(Factory factory, StoreObserver observer = {}, QObject *parent = nullptr);
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
            deliver(guard,
                    [result, done = std::move(done)]() mutable { done(std::move(*result)); });
        });
    }

    // Queues a short write that may share its transaction with the batchable jobs next to it in
    // the queue. `done(result, failed)` runs on `context`'s thread only after the commit that made
    // the work durable. failed: a statement of this job failed (its changes alone were undone) or
    // the commit failed (nothing of the batch was kept); then `result` is no answer.
    template<typename Work, typename Done> void runBatchable(QObject *context, Work work, Done done)
    {
        using R = std::invoke_result_t<Work, Store &>;
        QPointer<QObject> guard(context);
        auto result = std::make_shared<std::optional<R>>(); // empty when the job never ran
        Job job;
        job.work = [result, work = std::move(work)](Store &store) mutable {
            result->emplace(work(store));
        };
        job.answer = [guard, result, done = std::move(done)](bool failed) mutable {
            deliver(guard, [result, failed, done = std::move(done)]() mutable {
                if (!*result)
                    done(R(), true);
                else
                    done(std::move(**result), failed);
            });
        };
        enqueue(std::move(job));
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
    // A job of its own (`run`), or a batchable one: `work` on the store, then `answer` with
    // whether it failed, once its transaction has ended.
    struct Job
    {
        std::function<void()> run;
        std::function<void(Store &)> work;
        std::function<void(bool failed)> answer;

        bool isBatchable() const { return bool(work); }
    };

    // Posts `f` to the context's thread; it runs there unless the context is gone by then.
    template<typename F> static void deliver(const QPointer<QObject> &guard, F f)
    {
        if (!guard)
            return;
        QMetaObject::invokeMethod(
            guard.data(),
            [guard, f = std::move(f)]() mutable {
                if (guard)
                    f();
            },
            Qt::QueuedConnection);
    }

    void post(std::function<void()> job);
    void postBlocking(const std::function<void()> &job);
    void enqueue(Job job);

    // The store thread: takes and runs jobs until the runner stops.
    void serve();
    void observe(qint64 nanoseconds) const;
    QList<Job> takeNext(); // waits for work; empty once stopping
    void runAlone(Job &job);
    void runBatch(QList<Job> &jobs);

    QMutex m_mutex; // guards m_queue and m_stopping
    QWaitCondition m_queued;
    QQueue<Job> m_queue;
    bool m_stopping = false;
    std::unique_ptr<QThread> m_thread;
    std::unique_ptr<Store> m_store; // used on the store thread only
    Factory m_factory;
    const StoreObserver m_observer;
};

} // namespace parley::server
