// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <future>
#include <memory>
#include <thread>
#include <vector>

namespace parley::bench {

class Connection;
class Wire;

// One thread with its own io_context (epoll) and the connections it drives. The load is spread
// over one worker per core, and nothing is shared between workers while traffic runs.
class Worker
{
public:
    explicit Worker(const Wire &wire);
    ~Worker();
    Worker(const Worker &) = delete;
    Worker &operator=(const Worker &) = delete;

    boost::asio::io_context &context() { return m_context; }

    // Makes a connection owned by this worker; call on the worker's thread.
    Connection &addConnection(std::uint32_t index);
    std::size_t openConnections() const; // on the worker's thread

    template<typename F> void post(F &&f) { boost::asio::post(m_context, std::forward<F>(f)); }

    // Runs `f` on the worker's thread and returns its result.
    template<typename F> auto call(F f) -> decltype(f())
    {
        std::packaged_task<decltype(f())()> task(std::move(f));
        auto result = task.get_future();
        post([&task] { task(); });
        return result.get();
    }

    void stop();

private:
    const Wire &m_wire;
    boost::asio::io_context m_context{1};
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> m_guard;
    std::vector<std::unique_ptr<Connection>> m_connections;
    std::thread m_thread;
};

} // namespace parley::bench
