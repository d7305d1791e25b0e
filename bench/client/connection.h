// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "wire.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <unordered_map>

namespace parley::bench {

struct Endpoint
{
    boost::asio::ip::tcp::endpoint address;
    std::string host; // the Host header: "127.0.0.1:port"
};

// One WebSocket client connection, driven by the io_context of the thread that made it: it
// queues writes, reads frames, answers pings and matches responses to requests.
class Connection
{
public:
    using OpenHandler = std::function<void(Connection &, bool ok)>;
    using ResponseHandler = std::function<void(Connection &, const Incoming &)>;
    using MessageHandler = std::function<void(Connection &, std::string_view message)>;

    Connection(boost::asio::io_context &context, const Wire &wire, std::uint32_t index);
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;

    // Connects, shakes hands and (socket.io) joins the namespace; then calls `done`.
    void open(const Endpoint &endpoint, OpenHandler done);
    // Sends a request made by `frame(id)` and calls `done` with its response, or with a failed
    // response when the connection closes first.
    void request(const std::function<std::string(std::uint64_t id)> &frame, ResponseHandler done);
    void setMessageHandler(MessageHandler handler) { m_onMessage = std::move(handler); }
    void close();

    std::uint32_t index() const { return m_index; }
    bool isOpen() const { return m_open; }
    std::size_t pendingRequests() const { return m_pending.size(); }

private:
    void fail();
    void readNext();
    void onFrame(std::string_view frame);
    void write(std::string frame);
    void writeNext();

    boost::beast::websocket::stream<boost::asio::ip::tcp::socket> m_ws;
    boost::beast::flat_buffer m_buffer;
    const Wire &m_wire;
    std::uint32_t m_index;
    bool m_open = false;
    bool m_failed = false;
    bool m_writing = false;
    std::uint64_t m_lastRequestId = 0;
    std::deque<std::string> m_queue;
    std::unordered_map<std::uint64_t, ResponseHandler> m_pending;
    OpenHandler m_onOpen;
    MessageHandler m_onMessage;
};

} // namespace parley::bench
