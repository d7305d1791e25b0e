// SPDX-License-Identifier: GPL-3.0-or-later
#include "connection.h"

#include <boost/asio/buffer.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/websocket.hpp>

namespace parley::bench {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using boost::system::error_code;

Connection::Connection(asio::io_context &context, const Wire &wire, std::uint32_t index)
    : m_ws(context)
    , m_wire(wire)
    , m_index(index)
{ }

void Connection::open(const Endpoint &endpoint, OpenHandler done)
{
    m_onOpen = std::move(done);
    m_ws.next_layer().async_connect(endpoint.address, [this, host = endpoint.host](error_code ec) {
        if (ec)
            return fail();
        m_ws.next_layer().set_option(asio::ip::tcp::no_delay(true), ec);
        m_ws.set_option(websocket::stream_base::timeout::suggested(beast::role_type::client));
        m_ws.async_handshake(host, m_wire.target(), [this](error_code ec) {
            if (ec)
                return fail();
            m_ws.text(true);
            m_open = true;
            readNext();
            const std::string greeting = m_wire.greeting();
            if (greeting.empty()) {
                if (auto done = std::exchange(m_onOpen, nullptr))
                    done(*this, true);
            } else {
                write(greeting); // opened once the server answers it
            }
        });
    });
}

void Connection::request(const std::function<std::string(std::uint64_t)> &frame,
                         ResponseHandler done)
{
    if (!m_open) {
        done(*this, Incoming{Incoming::Kind::Response, 0, false, {}, R"({"code":"closed"})"});
        return;
    }
    const std::uint64_t id = ++m_lastRequestId;
    m_pending.emplace(id, std::move(done));
    write(frame(id));
}

void Connection::close()
{
    if (!m_open)
        return;
    m_open = false;
    m_ws.async_close(websocket::close_code::normal, [](error_code) {});
}

void Connection::fail()
{
    if (m_failed)
        return;
    m_failed = true;
    m_open = false;
    if (auto done = std::exchange(m_onOpen, nullptr))
        done(*this, false);
    // Whoever waits for an answer learns that none will come.
    auto pending = std::move(m_pending);
    m_pending.clear();
    for (auto &[id, handler] : pending)
        handler(*this, Incoming{Incoming::Kind::Response, id, false, {}, R"({"code":"closed"})"});
}

void Connection::readNext()
{
    m_ws.async_read(m_buffer, [this](error_code ec, std::size_t) {
        if (ec)
            return fail();
        const auto data = m_buffer.cdata();
        onFrame(std::string_view(static_cast<const char *>(data.data()), data.size()));
        m_buffer.consume(m_buffer.size());
        readNext();
    });
}

void Connection::onFrame(std::string_view frame)
{
    const Incoming in = m_wire.decode(frame);
    switch (in.kind) {
    case Incoming::Kind::Response: {
        const auto it = m_pending.find(in.requestId);
        if (it == m_pending.end())
            return;
        ResponseHandler handler = std::move(it->second);
        m_pending.erase(it);
        handler(*this, in);
        return;
    }
    case Incoming::Kind::MessageNew:
        if (m_onMessage)
            m_onMessage(*this, in.data);
        return;
    case Incoming::Kind::Ping:
        if (m_open)
            write(m_wire.pong());
        return;
    case Incoming::Kind::Ready:
        if (auto done = std::exchange(m_onOpen, nullptr))
            done(*this, true);
        return;
    case Incoming::Kind::Other:
        return;
    }
}

void Connection::write(std::string frame)
{
    m_queue.push_back(std::move(frame));
    if (!m_writing)
        writeNext();
}

void Connection::writeNext()
{
    m_writing = true;
    m_ws.async_write(asio::buffer(m_queue.front()), [this](error_code ec, std::size_t) {
        m_queue.pop_front();
        if (ec) {
            m_writing = false;
            m_queue.clear();
            return fail();
        }
        if (m_queue.empty())
            m_writing = false;
        else
            writeNext();
    });
}

} // namespace parley::bench
