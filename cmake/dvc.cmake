# Project-wide helpers: warnings, sanitizers, test registration.

# Flags for the project's own code only (third-party sources get none of them).
set(DVC_WARNING_FLAGS -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
    -Wcast-align -Woverloaded-virtual -Wimplicit-fallthrough)
# g++ 12 reports false -Warray-bounds, -Wstringop-overflow and -Wrestrict in libstdc++'s std::string concatenation
# at -O2 (GCC bugs 105329, 105651), more often with precompiled headers. clang
# keeps its own -Warray-bounds, and ASan checks bounds at run time.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  list(APPEND DVC_WARNING_FLAGS -Wno-array-bounds -Wno-stringop-overflow -Wno-restrict)
endif()
if(DVC_WERROR)
  list(APPEND DVC_WARNING_FLAGS -Werror)
endif()

if(DVC_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
if(DVC_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "DVC_FUZZ needs clang (libFuzzer); configure with CXX=clang++")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()

# dvc_project_target(<target>): apply the project's warnings to <target>.
function(dvc_project_target target)
  target_compile_options(${target} PRIVATE ${DVC_WARNING_FLAGS})
endfunction()

# dvc_unity(<target>): with DVC_UNITY, <target> compiles its sources in batches
# of 8 (one translation unit each). The headers a file pulls in beyond the
# precompiled ones (cpp-httplib, toml++, SQLite wrappers, the catalog) are then
# parsed once per batch: the libraries build in a fifth of the CPU time. The
# price is a rule: names private to a .cc (anonymous namespace) must not repeat
# within a target, which a unity build reports as a redefinition.
function(dvc_unity target)
  if(DVC_UNITY)
    set_target_properties(${target} PROPERTIES UNITY_BUILD ON UNITY_BUILD_BATCH_SIZE 8)
  endif()
endfunction()

# Precompiled headers: nlohmann/json and <regex> dominate compile time (tens
# of seconds per file on the 2-core CI), so every project target precompiles
# them once. Tests add GoogleTest.
set(DVC_PCH_HEADERS <nlohmann/json.hpp> <regex> <string> <vector> <map> <optional>
    <functional> <memory> <algorithm>)

# dvc_precompile(<target> [TEST]): precompiled headers for <target>. The test
# binaries of one folder (shared/, sms-gateway/, kiosk/, tests/...) link the
# same library with the same flags, so the first one compiles the header and
# the others reuse it (one compilation per folder instead of one per binary:
# about 8 s each on the 2-core CI).
function(dvc_precompile target)
  if(ARGN STREQUAL "TEST")
    get_property(first DIRECTORY PROPERTY DVC_TEST_PCH_OWNER)
    if(first)
      target_precompile_headers(${target} REUSE_FROM ${first})
    else()
      set_property(DIRECTORY PROPERTY DVC_TEST_PCH_OWNER ${target})
      target_precompile_headers(${target} PRIVATE ${DVC_PCH_HEADERS} <gtest/gtest.h>
                                <gmock/gmock.h>)
    endif()
  else()
    target_precompile_headers(${target} PRIVATE ${DVC_PCH_HEADERS})
  endif()
endfunction()

# dvc_add_gtest(<name> SOURCES ... [LIBS ...]): a GoogleTest executable whose
# tests CTest discovers. Tests find the repo's assets through DVC_SOURCE_DIR.
function(dvc_add_gtest name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  dvc_project_target(${name})
  target_link_libraries(${name} PRIVATE ${ARG_LIBS} GTest::gmock GTest::gtest_main)
  dvc_precompile(${name} TEST)
  dvc_unity(${name})
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60
                       PROPERTIES ENVIRONMENT "DVC_SOURCE_DIR=${PROJECT_SOURCE_DIR}")
endfunction()

# dvc_add_component(<library> TEST_PREFIX <prefix> CONCERNS <folder>...
#                   [LINK <libs>...]): the one layout rule of the project.
# Every `<folder>/*.cc` beside the calling CMakeLists is part of the static
# <library>; every `<folder>/*_test.cc` goes into the GoogleTest binary
# <prefix>_<folder>_test. Include paths are relative to that directory.
function(dvc_add_component library)
  cmake_parse_arguments(ARG "" "TEST_PREFIX" "CONCERNS;LINK" ${ARGN})
  set(lib_sources "")
  foreach(concern IN LISTS ARG_CONCERNS)
    file(GLOB all_sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/${concern}/*.cc)
    set(tests_${concern} "")
    foreach(src IN LISTS all_sources)
      if(src MATCHES "_test\\.cc$")
        list(APPEND tests_${concern} ${src})
      else()
        list(APPEND lib_sources ${src})
      endif()
    endforeach()
  endforeach()
  add_library(${library} STATIC ${lib_sources})
  target_include_directories(${library} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
  target_link_libraries(${library} PUBLIC ${ARG_LINK})
  dvc_project_target(${library})
  dvc_precompile(${library})
  dvc_unity(${library})
  foreach(concern IN LISTS ARG_CONCERNS)
    if(tests_${concern})
      dvc_add_gtest(${ARG_TEST_PREFIX}_${concern}_test SOURCES ${tests_${concern}}
                    LIBS ${library})
    endif()
  endforeach()
endfunction()

# dvc_library_for(<out-var> <stem>): the project library a fuzz target or
# benchmark named <stem> links: kiosk_core for kiosk_* ones (empty when the
# kiosk is not built), gateway_core for gateway_* ones, dvc_shared otherwise.
function(dvc_library_for out stem)
  if(stem MATCHES "^(fuzz_)?gateway_")
    set(${out} gateway_core PARENT_SCOPE)
  elseif(stem MATCHES "^(fuzz_)?kiosk_")
    if(TARGET kiosk_core)
      set(${out} kiosk_core PARENT_SCOPE)
    else()
      set(${out} "" PARENT_SCOPE)
    endif()
  else()
    set(${out} dvc_shared PARENT_SCOPE)
  endif()
endfunction()
