// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace parley::bench {

// A child parley-bench that holds idle connections, talked to by lines over its stdin/stdout.
class ChildProcess
{
public:
    ChildProcess() = default;
    ~ChildProcess();
    ChildProcess(const ChildProcess &) = delete;
    ChildProcess &operator=(const ChildProcess &) = delete;

    bool start(const std::vector<std::string> &arguments, std::string *error);
    std::optional<std::string> readLine(int timeoutMs);
    bool writeLine(const std::string &line);
    void finish(); // closes its stdin and waits for it
    pid_t pid() const { return m_pid; }

private:
    pid_t m_pid = -1;
    int m_in = -1; // its stdin
    int m_out = -1; // its stdout
    std::string m_buffer;
};

} // namespace parley::bench
