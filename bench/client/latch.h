// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace parley::bench {

// Counts finished jobs down to zero, waited for with a deadline.
class Latch
{
public:
    explicit Latch(int count)
        : m_count(count)
    { }
    void countDown()
    {
        {
            const std::lock_guard lock(m_mutex);
            --m_count;
        }
        m_done.notify_all();
    }
    bool wait(double seconds)
    {
        std::unique_lock lock(m_mutex);
        return m_done.wait_for(lock, std::chrono::duration<double>(seconds),
                               [this] { return m_count <= 0; });
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_done;
    int m_count;
};

} // namespace parley::bench
