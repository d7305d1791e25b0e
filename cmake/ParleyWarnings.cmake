# SPDX-License-Identifier: GPL-3.0-or-later
# One place for the compiler flags every Parley target gets. The warning flags are spelt per
# compiler, for the documented MSVC build (packaging/README.md, "Windows") too: cl reads -Wall as
# /Wall (every off-by-default warning, thousands from Qt's and the standard library's headers)
# and ignores -Wextra, -Wpedantic and -Werror with warning D9002. /W4 and /WX are its -Wall
# -Wextra and -Werror; clang-cl takes them as well (MSVC is set for it too).
function(parley_set_warnings target)
    if(MSVC)
        target_compile_options(${target} PRIVATE /W4)
        if(PARLEY_WARNINGS_AS_ERRORS)
            target_compile_options(${target} PRIVATE /WX)
        endif()
    elseif(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
        target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
        if(PARLEY_WARNINGS_AS_ERRORS)
            target_compile_options(${target} PRIVATE -Werror)
        endif()
    endif()
    target_compile_definitions(${target} PRIVATE
        QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII QT_NO_URL_CAST_FROM_STRING
        QT_NO_NARROWING_CONVERSIONS_IN_CONNECT QT_USE_QSTRINGBUILDER)
endfunction()
