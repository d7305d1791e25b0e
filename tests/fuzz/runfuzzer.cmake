# SPDX-License-Identifier: GPL-3.0-or-later
# Runs one libFuzzer target for ctest (cmake -P). MODE=fuzz: fuzz a fresh copy of the seed corpus
# in WORK for SECONDS, artifacts (crash-*, leak-*, timeout-*) into WORK/artifacts. MODE=replay: run
# every seed and regression input once, writing nothing. Fails when the fuzzer reports anything.
cmake_minimum_required(VERSION 3.25)

foreach(variable FUZZER SEEDS REGRESSIONS WORK MODE)
    if(NOT DEFINED ${variable})
        message(FATAL_ERROR "runfuzzer.cmake: ${variable} is not set")
    endif()
endforeach()

if(MODE STREQUAL "fuzz")
    file(REMOVE_RECURSE ${WORK})
    file(MAKE_DIRECTORY ${WORK}/corpus ${WORK}/artifacts)
    file(GLOB seeds ${SEEDS}/*)
    file(COPY ${seeds} DESTINATION ${WORK}/corpus)
    execute_process(
        COMMAND ${FUZZER} -max_total_time=${SECONDS} -timeout=20 -rss_limit_mb=2560
                -print_final_stats=1 -artifact_prefix=${WORK}/artifacts/ ${ARGS} ${FUZZ_ARGS}
                ${WORK}/corpus
        RESULT_VARIABLE result)
    file(GLOB findings ${WORK}/artifacts/*)
    if(NOT result EQUAL 0 OR findings)
        message(FATAL_ERROR "${FUZZER} found a problem (exit ${result}): ${findings}\n"
                            "Keep each input in ${REGRESSIONS}/ once it is understood.")
    endif()
elseif(MODE STREQUAL "replay")
    file(GLOB inputs ${SEEDS}/* ${REGRESSIONS}/*)
    list(LENGTH inputs count)
    message(STATUS "replaying ${count} inputs")
    # Given files rather than directories, libFuzzer runs each once and writes nothing.
    execute_process(COMMAND ${FUZZER} ${ARGS} ${inputs} RESULT_VARIABLE result)
    if(NOT result EQUAL 0)
        message(FATAL_ERROR "${FUZZER} failed on a seed or regression input (exit ${result})")
    endif()
else()
    message(FATAL_ERROR "runfuzzer.cmake: MODE must be fuzz or replay, not ${MODE}")
endif()
