// SPDX-License-Identifier: GPL-3.0-or-later
#include "worker.h"

#include "connection.h"

namespace parley::bench {

Worker::Worker(const Wire &wire)
    : m_wire(wire)
    , m_guard(boost::asio::make_work_guard(m_context))
    , m_thread([this] { m_context.run(); })
{ }

Worker::~Worker()
{
    stop();
    // Sockets go first; the handlers they leave queued are dropped with the io_context.
    m_connections.clear();
}

Connection &Worker::addConnection(std::uint32_t index)
{
    m_connections.push_back(std::make_unique<Connection>(m_context, m_wire, index));
    return *m_connections.back();
}

std::size_t Worker::openConnections() const
{
    std::size_t open = 0;
    for (const auto &connection : m_connections)
        open += connection->isOpen() ? 1 : 0;
    return open;
}

void Worker::stop()
{
    if (!m_thread.joinable())
        return;
    m_guard.reset();
    m_context.stop();
    m_thread.join();
}

} // namespace parley::bench
