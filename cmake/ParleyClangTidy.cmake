# SPDX-License-Identifier: GPL-3.0-or-later
# clang-tidy on Parley's production code while it builds: every target defined under shared/,
# server/ and app/ (not tests/, bench/ or the QML cache code of qml/), with the checks of the
# top-level .clang-tidy and every finding an error. Off by default; the `ci` preset turns it on.
#
# It runs beside the compiler on each source (ninja's jobs), only on sources that changed, and
# ccache does not spare it: clang-tidy parses each one again with all of Qt's headers. What the
# check list costs is in .clang-tidy.
#
# Sources generated into the build tree (AUTOMOC's mocs_compilation.cpp, rcc and QML type
# registration code) are not linted: cmake/clang-tidy-own-sources skips them (CMake 3.25 has no
# SKIP_LINTING). The header filter, anchored at the source directory, keeps Qt's headers and the
# moc output out of the report.
option(PARLEY_CLANG_TIDY
    "Run clang-tidy (.clang-tidy) on the targets of shared/, server/ and app/; findings are errors"
    OFF)

# _parley_targets_in(DIR OUT): the build targets defined in DIR and its subdirectories.
function(_parley_targets_in dir out)
    get_property(targets DIRECTORY ${dir} PROPERTY BUILDSYSTEM_TARGETS)
    get_property(subdirs DIRECTORY ${dir} PROPERTY SUBDIRECTORIES)
    foreach(sub IN LISTS subdirs)
        _parley_targets_in(${sub} more)
        list(APPEND targets ${more})
    endforeach()
    set(${out} ${targets} PARENT_SCOPE)
endfunction()

# parley_clang_tidy(DIR...): with PARLEY_CLANG_TIDY, lint the targets of these source
# subdirectories (those that were added). Call it after their add_subdirectory().
function(parley_clang_tidy)
    if(NOT PARLEY_CLANG_TIDY)
        return()
    endif()
    find_program(PARLEY_CLANG_TIDY_PROGRAM NAMES clang-tidy clang-tidy-14 REQUIRED)
    string(REGEX REPLACE "([][+.*()^$?|\\\\])" "\\\\\\1" source_regex "${CMAKE_SOURCE_DIR}")
    # GCC's warning options (the compile commands are GCC's) are unknown to clang: not a finding.
    set(command ${CMAKE_SOURCE_DIR}/cmake/clang-tidy-own-sources ${CMAKE_BINARY_DIR}
        ${PARLEY_CLANG_TIDY_PROGRAM} --quiet --warnings-as-errors=*
        "--header-filter=^${source_regex}/(shared|server|app)/"
        --extra-arg=-Wno-unknown-warning-option)
    get_property(added DIRECTORY ${CMAKE_SOURCE_DIR} PROPERTY SUBDIRECTORIES)
    foreach(dir IN LISTS ARGN)
        if(NOT ${CMAKE_SOURCE_DIR}/${dir} IN_LIST added)
            continue()
        endif()
        _parley_targets_in(${CMAKE_SOURCE_DIR}/${dir} targets)
        foreach(target IN LISTS targets)
            get_target_property(type ${target} TYPE)
            if(type MATCHES "^(EXECUTABLE|STATIC_LIBRARY|SHARED_LIBRARY|MODULE_LIBRARY|OBJECT_LIBRARY)$")
                set_property(TARGET ${target} PROPERTY CXX_CLANG_TIDY "${command}")
            endif()
        endforeach()
    endforeach()
endfunction()
