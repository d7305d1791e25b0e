// SPDX-License-Identifier: GPL-3.0-or-later
// The table printed at the end of a run: the report's main figures, for a person to read.
#include "bench.h"
#include "json.h"

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>

namespace parley::bench {

namespace {

std::string fixed(double value, int decimals)
{
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

} // namespace

void Bench::printTable(const JsonObject &setup, const std::vector<JsonObject> &steps,
                       const JsonObject *idle, const JsonObject *history) const
{
    const std::string setupText = setup.str();
    auto num = [](std::string_view object, std::string_view key) {
        return std::strtod(std::string(json::member(object, key)).c_str(), nullptr);
    };
    std::cout << "parley-bench " << (m_options.label.empty() ? "" : m_options.label + " ") << "→ "
              << (m_options.server == ServerKind::Parley ? "parley" : "socketio") << " at "
              << m_endpoint.host << ", " << m_workers.size() << " threads\n";
    std::cout << "setup: " << m_users.size() << " users, " << m_chats.size() << " chats";
    if (const double rate = num(setupText, "connectionsPerSecond"); rate > 0)
        std::cout << ", extra connections " << fixed(rate, 0) << "/s";
    std::cout << '\n';
    if (idle) {
        const std::string text = idle->str();
        std::cout << "idle: " << fixed(num(text, "authenticated"), 0) << " of "
                  << fixed(num(text, "requested"), 0) << " authenticated ("
                  << fixed(num(text, "failed"), 0) << " failed), "
                  << fixed(num(text, "connectionsPerSecond"), 0) << " connections/s, server RSS "
                  << fixed(num(text, "serverRssBeforeKiB") / 1024, 1) << " → "
                  << fixed(num(text, "serverRssAfterKiB") / 1024, 1)
                  << " MiB = " << fixed(num(text, "serverRssPerConnectionBytes") / 1024, 2)
                  << " KiB per connection\n";
    }
    if (!steps.empty()) {
        std::printf("%5s %9s %9s %10s %8s %8s %8s %8s %8s %8s %8s\n", "step", "target/s", "acked/s",
                    "deliv/s", "p50 ms", "p99 ms", "p99.9 ms", "lost", "srv CPU%", "srv MiB",
                    "cli CPU%");
        for (const JsonObject &step : steps) {
            const std::string text = step.str();
            const auto delivery = json::member(text, "deliveryMs");
            const auto server = json::member(text, "server");
            const auto client = json::member(text, "client");
            std::printf("%5.0f %9.0f %9.0f %10.0f %8.2f %8.2f %8.2f %8.0f %8.0f %8.1f %8.0f\n",
                        num(text, "step"), num(text, "targetRate"), num(text, "ackedPerSecond"),
                        num(text, "deliveriesPerSecond"), num(delivery, "p50"),
                        num(delivery, "p99"), num(delivery, "p999"), num(text, "lostDeliveries"),
                        num(server, "cpuPercent"), num(server, "rssKiB") / 1024,
                        num(client, "cpuPercent"));
            if (const auto burst = json::member(text, "loginBurst"); !burst.empty()) {
                std::printf("      login burst: %.0f of %.0f logins in %.2f s; delivery p99 "
                            "%.2f ms before, %.2f ms during (x%.2f)\n",
                            num(burst, "ok"), num(burst, "logins"), num(burst, "seconds"),
                            num(json::member(burst, "deliveryMsBefore"), "p99"),
                            num(json::member(burst, "deliveryMsDuring"), "p99"),
                            num(burst, "p99Degradation"));
            }
        }
    }
    if (history) {
        const std::string text = history->str();
        const auto page = json::member(text, "pageMs");
        std::printf("history: %.0f pages of %.0f in a chat of %.0f: p50 %.2f ms, p99 %.2f ms, "
                    "p99.9 %.2f ms, %.0f pages/s\n",
                    num(text, "ok"), num(text, "limit"), num(text, "chatMessages"),
                    num(page, "p50"), num(page, "p99"), num(page, "p999"),
                    num(text, "pagesPerSecond"));
    }
    std::cout.flush();
}

} // namespace parley::bench
