# SPDX-License-Identifier: GPL-3.0-or-later
# Links with LLVM's lld where the toolchain takes it (GCC and Clang on Linux): the suites are about
# a hundred executables, each linked against the server's static layers and Qt, and GNU ld spends
# about 3 s on each where lld needs under half a second. Without lld the default linker is used.
# Not under the sanitizers: a GCC AddressSanitizer binary linked by lld crashes LeakSanitizer's
# tracer at exit ("Tracer caught signal 11"; tst_server_auth in the asan preset, every run),
# where the same objects linked by GNU ld pass.
option(PARLEY_USE_LLD "Link with lld when the compiler accepts -fuse-ld=lld" ON)

if(PARLEY_USE_LLD AND NOT MSVC AND NOT APPLE AND CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang"
   AND NOT CMAKE_CXX_FLAGS MATCHES "-fsanitize")
    include(CheckLinkerFlag)
    check_linker_flag(CXX -fuse-ld=lld PARLEY_HAVE_LLD)
    if(PARLEY_HAVE_LLD)
        add_link_options(-fuse-ld=lld)
    endif()
endif()
