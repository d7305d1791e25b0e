#include "storerunner.h"

#include "metrics/metrics.h"

#include <QElapsedTimer>

namespace parley::server {

StoreRunner::StoreRunner(Factory factory, QObject *parent)
    : QObject(parent)
    , m_factory(std::move(factory))
{
    m_thread.setObjectName(QStringLiteral("parley-store"));
    m_worker = new QObject;
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
}

StoreRunner::~StoreRunner()
{
    // The store's database connection belongs to the store thread: close it there.
    postBlocking([this] { m_store.reset(); });
    m_thread.quit();
    m_thread.wait();
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
    QMetaObject::invokeMethod(
        m_worker,
        [job = std::move(job)] {
            QElapsedTimer onStoreThread;
            onStoreThread.start();
            job();
            Metrics::instance().observeStoreJob(double(onStoreThread.nsecsElapsed()) / 1e9);
        },
        Qt::QueuedConnection);
}

void StoreRunner::postBlocking(const std::function<void()> &job)
{
    QMetaObject::invokeMethod(m_worker, job, Qt::BlockingQueuedConnection);
}

} // namespace parley::server
