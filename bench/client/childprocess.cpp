// SPDX-License-Identifier: GPL-3.0-or-later
#include "childprocess.h"

#include "clock.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace parley::bench {

ChildProcess::~ChildProcess()
{
    finish();
}

bool ChildProcess::start(const std::vector<std::string> &arguments, std::string *error)
{
    int toChild[2];
    int fromChild[2];
    if (pipe2(toChild, O_CLOEXEC) != 0 || pipe2(fromChild, O_CLOEXEC) != 0) {
        *error = std::string("pipe: ") + std::strerror(errno);
        return false;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, toChild[0], STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&actions, fromChild[1], STDOUT_FILENO);
    std::vector<char *> argv;
    for (const auto &argument : arguments)
        argv.push_back(const_cast<char *>(argument.c_str()));
    argv.push_back(nullptr);
    const int result =
        posix_spawn(&m_pid, "/proc/self/exe", &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(toChild[0]);
    close(fromChild[1]);
    m_in = toChild[1];
    m_out = fromChild[0];
    if (result != 0) {
        *error = std::string("cannot start a child process: ") + std::strerror(result);
        m_pid = -1;
        return false;
    }
    return true;
}

std::optional<std::string> ChildProcess::readLine(int timeoutMs)
{
    const std::int64_t deadline = monotonicNs() + std::int64_t(timeoutMs) * 1'000'000;
    while (true) {
        if (const auto newline = m_buffer.find('\n'); newline != std::string::npos) {
            std::string line = m_buffer.substr(0, newline);
            m_buffer.erase(0, newline + 1);
            return line;
        }
        const auto left = (deadline - monotonicNs()) / 1'000'000;
        if (left <= 0 || m_out < 0)
            return std::nullopt;
        pollfd fd{m_out, POLLIN, 0};
        if (poll(&fd, 1, int(left)) <= 0)
            continue;
        char chunk[512];
        const ssize_t n = read(m_out, chunk, sizeof chunk);
        if (n <= 0)
            return std::nullopt; // it ended
        m_buffer.append(chunk, std::size_t(n));
    }
}

bool ChildProcess::writeLine(const std::string &line)
{
    const std::string text = line + '\n';
    return m_in >= 0 && write(m_in, text.data(), text.size()) == ssize_t(text.size());
}

void ChildProcess::finish()
{
    if (m_in >= 0)
        close(m_in);
    m_in = -1;
    if (m_pid > 0) {
        // It exits when its stdin closes; one that does not within 10 s is killed.
        for (int i = 0; i < 100; ++i) {
            if (waitpid(m_pid, nullptr, WNOHANG) == m_pid) {
                m_pid = -1;
                break;
            }
            usleep(100'000);
        }
        if (m_pid > 0) {
            kill(m_pid, SIGKILL);
            waitpid(m_pid, nullptr, 0);
            m_pid = -1;
        }
    }
    if (m_out >= 0)
        close(m_out);
    m_out = -1;
}

} // namespace parley::bench
