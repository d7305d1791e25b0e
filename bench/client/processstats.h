// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <sys/types.h>

namespace parley::bench {

// CPU time and resident memory of a process, from /proc/PID (the server under test), or of this
// process and its children, from getrusage.
struct ProcessSample
{
    bool valid = false;
    double cpuSeconds = 0; // user + system since the process started
    std::int64_t rssKiB = 0;
    std::int64_t atNs = 0;
};

ProcessSample sampleProcess(pid_t pid);
ProcessSample sampleSelf(); // this process, plus children that were waited for

// CPU use between two samples, in percent of one core.
double cpuPercent(const ProcessSample &from, const ProcessSample &to);

} // namespace parley::bench
