# SPDX-License-Identifier: GPL-3.0-or-later
# Links with LLVM's lld where the toolchain takes it (GCC and Clang on Linux): the suites are about
# a hundred executables, each linked against the server's static layers and Qt, and GNU ld spends
# about 3 s on each where lld needs under half a second. Without lld the default linker is used.
option(PARLEY_USE_LLD "Link with lld when the compiler accepts -fuse-ld=lld" ON)

if(PARLEY_USE_LLD AND NOT MSVC AND NOT APPLE AND CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    include(CheckLinkerFlag)
    check_linker_flag(CXX -fuse-ld=lld PARLEY_HAVE_LLD)
    if(PARLEY_HAVE_LLD)
        add_link_options(-fuse-ld=lld)
    endif()
endif()
