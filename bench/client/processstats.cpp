// SPDX-License-Identifier: GPL-3.0-or-later
#include "processstats.h"

#include "clock.h"

#include <fstream>
#include <sstream>
#include <string>
#include <sys/resource.h>
#include <unistd.h>

namespace parley::bench {

ProcessSample sampleProcess(pid_t pid)
{
    ProcessSample sample;
    sample.atNs = monotonicNs();
    const std::string base = "/proc/" + std::to_string(pid);
    std::ifstream stat(base + "/stat");
    std::string line;
    if (!std::getline(stat, line))
        return sample;
    // The command name (field 2) may hold spaces; the fields after its ')' are fixed.
    const auto close = line.rfind(')');
    if (close == std::string::npos)
        return sample;
    std::istringstream fields(line.substr(close + 2));
    std::string field;
    unsigned long long utime = 0;
    unsigned long long stime = 0;
    for (int n = 3; n <= 15 && fields >> field; ++n) {
        if (n == 14)
            utime = std::stoull(field);
        else if (n == 15)
            stime = std::stoull(field);
    }
    const double ticks = double(sysconf(_SC_CLK_TCK));
    sample.cpuSeconds = double(utime + stime) / ticks;

    std::ifstream status(base + "/status");
    while (std::getline(status, line)) {
        if (line.rfind("VmRSS:", 0) == 0) {
            sample.rssKiB = std::stoll(line.substr(6));
            break;
        }
    }
    sample.valid = true;
    return sample;
}

ProcessSample sampleSelf()
{
    ProcessSample sample;
    sample.atNs = monotonicNs();
    auto seconds = [](const timeval &t) { return double(t.tv_sec) + double(t.tv_usec) / 1e6; };
    rusage self{};
    rusage children{};
    getrusage(RUSAGE_SELF, &self);
    getrusage(RUSAGE_CHILDREN, &children);
    sample.cpuSeconds = seconds(self.ru_utime) + seconds(self.ru_stime) + seconds(children.ru_utime)
        + seconds(children.ru_stime);
    sample.rssKiB = self.ru_maxrss;
    sample.valid = true;
    return sample;
}

double cpuPercent(const ProcessSample &from, const ProcessSample &to)
{
    const double wall = secondsBetween(from.atNs, to.atNs);
    if (!from.valid || !to.valid || wall <= 0)
        return 0;
    return (to.cpuSeconds - from.cpuSeconds) / wall * 100.0;
}

} // namespace parley::bench
