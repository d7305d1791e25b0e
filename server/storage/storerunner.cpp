// SPDX-License-Identifier: GPL-3.0-or-later
#include "storerunner.h"

#include <QElapsedTimer>
#include <QMutexLocker>
#include <QSemaphore>

namespace parley::server {

StoreRunner::StoreRunner(Factory factory, StoreObserver observer, QObject *parent)
    : QObject(parent)
    , m_factory(std::move(factory))
    , m_observer(std::move(observer))
{
    m_thread.reset(QThread::create([this] { serve(); }));
    m_thread->setObjectName(QStringLiteral("parley-store"));
    m_thread->start();
}

StoreRunner::~StoreRunner()
{
    // The store's database connection belongs to the store thread: close it there.
    postBlocking([this] { m_store.reset(); });
    {
        const QMutexLocker lock(&m_mutex);
        m_stopping = true;
    }
    m_queued.wakeAll();
    m_thread->wait();
}

bool StoreRunner::open(QString *error)
{
    bool ok = false;
    postBlocking([&] {
        m_store = m_factory();
        ok = m_store && m_store->open(error);
    });
    return ok;
}

void StoreRunner::drain()
{
    postBlocking([] {});
}

void StoreRunner::post(std::function<void()> job)
{
    enqueue(Job{[this, job = std::move(job)] {
                    QElapsedTimer onStoreThread;
                    onStoreThread.start();
                    job();
                    observe(onStoreThread.nsecsElapsed());
                },
                {},
                {}});
}

void StoreRunner::postBlocking(const std::function<void()> &job)
{
    QSemaphore finished;
    enqueue(Job{[&] {
                    job();
                    finished.release();
                },
                {},
                {}});
    finished.acquire();
}

void StoreRunner::enqueue(Job job)
{
    {
        const QMutexLocker lock(&m_mutex);
        m_queue.enqueue(std::move(job));
    }
    m_queued.wakeOne();
}

void StoreRunner::serve()
{
    for (QList<Job> jobs = takeNext(); !jobs.isEmpty(); jobs = takeNext()) {
        if (jobs.size() == 1)
            runAlone(jobs.first());
        else
            runBatch(jobs);
    }
}

QList<StoreRunner::Job> StoreRunner::takeNext()
{
    const QMutexLocker lock(&m_mutex);
    while (m_queue.isEmpty() && !m_stopping)
        m_queued.wait(&m_mutex);
    QList<Job> jobs;
    if (m_queue.isEmpty())
        return jobs;
    jobs.append(m_queue.dequeue());
    // Only the batchable jobs right behind it: the next job of its own keeps its place.
    while (jobs.first().isBatchable() && jobs.size() < MaxBatch && !m_queue.isEmpty()
           && m_queue.head().isBatchable())
        jobs.append(m_queue.dequeue());
    return jobs;
}

void StoreRunner::runAlone(Job &job)
{
    if (!job.isBatchable()) {
        job.run();
        return;
    }
    QElapsedTimer onStoreThread;
    onStoreThread.start();
    m_store->takeFailure(); // not this job's
    job.work(*m_store);
    const bool failed = m_store->takeFailure();
    observe(onStoreThread.nsecsElapsed());
    job.answer(failed);
}

void StoreRunner::runBatch(QList<Job> &jobs)
{
    QElapsedTimer shared; // BEGIN and COMMIT, which the jobs share
    shared.start();
    if (!m_store->beginBatch()) {
        // A store that cannot batch, or a database that refuses to begin: one job at a time,
        // each in its own transaction, which answers each job as before.
        for (Job &job : jobs)
            runAlone(job);
        return;
    }
    qint64 sharedNs = shared.nsecsElapsed();

    QList<qint64> ownNs;
    QList<bool> kept;
    ownNs.reserve(jobs.size());
    kept.reserve(jobs.size());
    for (Job &job : jobs) {
        QElapsedTimer own;
        own.start();
        m_store->takeFailure();
        bool ok = m_store->beginBatchItem();
        if (ok) {
            job.work(*m_store);
            ok = !m_store->takeFailure();
        }
        // A failed job is rolled back to its savepoint: its neighbours keep their changes.
        kept.append(m_store->endBatchItem(ok));
        ownNs.append(own.nsecsElapsed());
    }

    shared.restart();
    const bool committed = m_store->commitBatch();
    m_store->takeFailure(); // a failed commit is every job's, answered below
    sharedNs += shared.nsecsElapsed();

    // The answers leave in queue order, which is the order of their seqs and revisions: fan-out
    // follows commit order.
    for (qsizetype i = 0; i < jobs.size(); ++i) {
        observe(ownNs.at(i) + sharedNs / jobs.size());
        jobs[i].answer(!committed || !kept.at(i));
    }
}

void StoreRunner::observe(qint64 nanoseconds) const
{
    if (m_observer.jobTimed)
        m_observer.jobTimed(nanoseconds);
}

} // namespace parley::server
