// SPDX-License-Identifier: GPL-3.0-or-later
// parley-bench: a headless load client for Parley and the socket.io peer. See --help.
#include "bench.h"
#include "options.h"

#include <csignal>
#include <iostream>

int main(int argc, char **argv)
{
    // A server that goes away must end a write with an error, not the process.
    std::signal(SIGPIPE, SIG_IGN);
    std::string error;
    const auto options = parley::bench::Options::parse(argc, argv, &error);
    if (!options) {
        std::cerr << error << '\n';
        return 2;
    }
    parley::bench::Bench bench(*options);
    return options->child ? bench.runChild() : bench.run();
}
