// SPDX-License-Identifier: GPL-3.0-or-later
// The setup stage: users registered (or logged in from a saved setup), their chats, the extra
// connections of each user, and the setup file.
#include "bench.h"
#include "clock.h"
#include "json.h"
#include "latch.h"
#include "worker.h"

#include <algorithm>
#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>

namespace parley::bench {

namespace {

std::string errorCode(const Incoming &in)
{
    const std::string code = json::text(json::member(in.error, "code"));
    return code.empty() ? "unknown" : code;
}

} // namespace

void Bench::signIn(Connection &connection, User &user, const std::shared_ptr<SetupErrors> &errors,
                   const std::function<void()> &finished)
{
    auto done = [&user, finished](Connection &c) {
        user.primary = &c;
        user.connections.push_back(&c);
        finished();
    };
    if (m_wire->signInAuthenticates())
        return done(connection);
    connection.request(
        [this, token = user.token](std::uint64_t id) { return m_wire->authenticate(id, token); },
        [errors, finished, done](Connection &c, const Incoming &in) {
            if (in.ok)
                return done(c);
            const std::lock_guard lock(errors->mutex);
            if (errors->first.empty())
                errors->first = "authentication failed: " + errorCode(in);
            finished();
        });
}

bool Bench::registerUsers(std::vector<User> &users, int count, const std::string &prefix,
                          double *seconds)
{
    users.assign(std::size_t(count), User{});
    // Shared with the callbacks, which may outlive this call when it times out.
    auto errors = std::make_shared<SetupErrors>();
    const bool watch = prefix == "a";
    const std::int64_t start = monotonicNs();
    const bool finished = runJobs(
        count, 64, 600, [&users, errors, watch, prefix, this](int i, std::size_t w, auto finished) {
            User &user = users[std::size_t(i)];
            user.email = userName(prefix, i) + "@bench.test";
            user.worker = w;
            const std::string name = "Bench " + prefix + std::to_string(i);
            openThen(
                w,
                [this, &user, name](std::uint64_t id) {
                    return m_wire->registerUser(id, name, user.email, m_options.password);
                },
                [this, &user, errors, watch, w, finished](Connection &c, const Incoming &in) {
                    if (!in.ok) {
                        const std::lock_guard lock(errors->mutex);
                        if (errors->first.empty())
                            errors->first = "registration failed: " + errorCode(in);
                        return finished();
                    }
                    user.id =
                        json::text(json::member(json::member(in.data, "user"), m_wire->idKey()));
                    user.token = json::text(json::member(in.data, m_wire->tokenKey()));
                    if (watch)
                        m_traffic[w]->watch(c);
                    signIn(c, user, errors, finished);
                });
        });
    *seconds = secondsBetween(start, monotonicNs());
    const std::lock_guard lock(errors->mutex);
    std::string error = errors->first;
    if (!finished)
        error = "registration did not finish within 600 s";
    for (const User &user : users) {
        if (finished && user.primary == nullptr && error.empty())
            error = "registration failed";
    }
    m_lastError = error;
    return error.empty();
}

bool Bench::loginUsers(std::vector<User> &users, double *seconds)
{
    auto errors = std::make_shared<SetupErrors>();
    const std::int64_t start = monotonicNs();
    const bool finished = runJobs(
        int(users.size()), 64, 600, [&users, errors, this](int i, std::size_t w, auto finished) {
            User &user = users[std::size_t(i)];
            user.worker = w;
            openThen(
                w,
                [this, &user](std::uint64_t id) {
                    return m_wire->login(id, user.email, m_options.password);
                },
                [this, &user, errors, w, finished](Connection &c, const Incoming &in) {
                    if (!in.ok) {
                        const std::lock_guard lock(errors->mutex);
                        if (errors->first.empty())
                            errors->first = "login failed: " + errorCode(in);
                        return finished();
                    }
                    user.token = json::text(json::member(in.data, m_wire->tokenKey()));
                    m_traffic[w]->watch(c);
                    signIn(c, user, errors, finished);
                });
        });
    *seconds = secondsBetween(start, monotonicNs());
    const std::lock_guard lock(errors->mutex);
    m_lastError = finished ? errors->first : "logins did not finish within 600 s";
    return m_lastError.empty();
}

bool Bench::createChats()
{
    m_chats.clear();
    const int users = int(m_users.size());
    if (m_options.chatKind == "direct") {
        for (int i = 0; i + 1 < users; i += 2)
            m_chats.push_back(Chat{{}, {i, i + 1}});
    } else if (m_options.chatKind == "star") {
        for (int i = 1; i < users; ++i)
            m_chats.push_back(Chat{{}, {0, i}});
    } else {
        for (int first = 0; first + 3 <= users; first += m_options.groupSize) {
            Chat chat;
            for (int i = first; i < std::min(users, first + m_options.groupSize); ++i)
                chat.members.push_back(i);
            m_chats.push_back(std::move(chat));
        }
    }
    auto latch = std::make_shared<Latch>(int(m_chats.size()));
    auto errors = std::make_shared<SetupErrors>();
    const bool direct = m_options.chatKind != "group";
    for (std::size_t c = 0; c < m_chats.size(); ++c) {
        Chat *chat = &m_chats[c];
        const User *creator = &m_users[std::size_t(chat->members.front())];
        std::vector<std::string> others;
        for (std::size_t m = 1; m < chat->members.size(); ++m)
            others.push_back(m_users[std::size_t(chat->members[m])].id);
        const std::string name = "Bench group " + std::to_string(c);
        m_workers[creator->worker]->post(
            [this, chat, creator, others, direct, name, latch, errors] {
                creator->primary->request(
                    [this, others, direct, name](std::uint64_t id) {
                        return direct ? m_wire->directChat(id, others.front())
                                      : m_wire->createGroup(id, name, others);
                    },
                    [this, chat, latch, errors](Connection &, const Incoming &in) {
                        if (in.ok) {
                            chat->id = json::text(
                                json::member(json::member(in.data, "chat"), m_wire->idKey()));
                        } else {
                            const std::lock_guard lock(errors->mutex);
                            if (errors->first.empty())
                                errors->first = "could not create a chat: " + errorCode(in);
                        }
                        latch->countDown();
                    });
            });
    }
    const bool finished = latch->wait(120);
    const std::lock_guard lock(errors->mutex);
    m_lastError = finished ? errors->first : "chats were not created within 120 s";
    return m_lastError.empty();
}

bool Bench::openMoreConnections(JsonObject &report)
{
    const int extra = m_options.connectionsPerUser - 1;
    if (extra <= 0 || m_users.empty())
        return true;
    const int total = extra * int(m_users.size());
    struct Opened
    {
        std::mutex mutex;
        std::vector<std::pair<Connection *, int>> connections; // with their user's index
        int failed = 0;
    };
    auto opened = std::make_shared<Opened>();
    const std::int64_t start = monotonicNs();
    const bool finished = runJobs(
        total, m_options.connectWindow, 600, [this, opened](int k, std::size_t w, auto finished) {
            const int userIndex = k % int(m_users.size());
            const std::string token = m_users[std::size_t(userIndex)].token;
            openThen(
                w, [this, token](std::uint64_t id) { return m_wire->authenticate(id, token); },
                [this, opened, w, userIndex, finished](Connection &c, const Incoming &in) {
                    if (in.ok)
                        m_traffic[w]->watch(c);
                    {
                        const std::lock_guard lock(opened->mutex);
                        if (in.ok)
                            opened->connections.emplace_back(&c, userIndex);
                        else
                            ++opened->failed;
                    }
                    finished();
                });
        });
    const double seconds = secondsBetween(start, monotonicNs());
    const std::lock_guard lock(opened->mutex);
    const int ok = int(opened->connections.size());
    for (const auto &[connection, userIndex] : opened->connections)
        m_users[std::size_t(userIndex)].connections.push_back(connection);
    report.integer("extraConnections", ok)
        .integer("extraConnectionsFailed", opened->failed)
        .number("extraConnectSeconds", seconds)
        .number("connectionsPerSecond", seconds > 0 ? ok / seconds : 0);
    if (!finished)
        m_lastError = "connections did not open within 600 s";
    return finished;
}

bool Bench::saveSetup(const std::string &path) const
{
    std::ofstream out(path);
    out << "{\"users\":[";
    for (std::size_t i = 0; i < m_users.size(); ++i)
        out << (i ? "," : "") << "{\"id\":" << json::quote(m_users[i].id)
            << ",\"email\":" << json::quote(m_users[i].email) << '}';
    out << "],\"chats\":[";
    for (std::size_t c = 0; c < m_chats.size(); ++c) {
        out << (c ? "," : "") << "{\"id\":" << json::quote(m_chats[c].id) << ",\"members\":[";
        for (std::size_t m = 0; m < m_chats[c].members.size(); ++m)
            out << (m ? "," : "") << m_chats[c].members[m];
        out << "]}";
    }
    out << "]}\n";
    return bool(out);
}

bool Bench::loadSetup(const std::string &path)
{
    std::ifstream in(path);
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();
    const auto users = json::member(text, "users");
    const auto chats = json::member(text, "chats");
    if (users.empty() || chats.empty()) {
        m_lastError = "cannot read the setup file " + path;
        return false;
    }
    m_users.clear();
    for (int i = 0;; ++i) {
        const auto user = json::element(users, i);
        if (user.empty())
            break;
        User loaded;
        loaded.id = json::text(json::member(user, "id"));
        loaded.email = json::text(json::member(user, "email"));
        m_users.push_back(std::move(loaded));
    }
    m_chats.clear();
    for (int c = 0;; ++c) {
        const auto chat = json::element(chats, c);
        if (chat.empty())
            break;
        Chat loaded;
        loaded.id = json::text(json::member(chat, "id"));
        const auto members = json::member(chat, "members");
        for (int m = 0;; ++m) {
            const auto member = json::integer(json::element(members, m));
            if (!member)
                break;
            loaded.members.push_back(int(*member));
        }
        m_chats.push_back(std::move(loaded));
    }
    return !m_users.empty();
}

} // namespace parley::bench
