# cmake -P script, run by ctest as package.consumer (see CMakeLists.txt).
# Inputs: BUILD_DIR, CONSUMER_DIR, SCRATCH_DIR, GENERATOR, CXX_COMPILER,
# SOURCE_INCLUDE_DIR, SUBJECTS (the subjects built, comma-separated) and the
# install layout BINDIR, SUBJECTS_DIR, DATA_DIR, PACKAGE_DIR, INCLUDE_DIR
# (relative).
#
# 1. `cmake --install BUILD_DIR` into SCRATCH_DIR/staging, then the whole tree
#    moved to SCRATCH_DIR/prefix: whatever still works was found relative to
#    the installed wsharness, not where it was installed.
# 2. The moved wsharness lists a case that only its installed catalogue has,
#    and runs its built-in faulty subject from the moved prefix.
# 3. examples/cmake-consumer against the prefix, three ways:
#    - as it is: every test of its selection runs and passes;
#    - with the faulty subject's `--bug data-after-close` (data frames sent
#      after its close frame, RFC 6455 §5.5.1): exactly the server-role
#      tests fail, so ctest fails;
#    - with that bug and a BASELINE expecting it: ctest passes again, so
#      BASELINE reaches `wsharness run`.

cmake_minimum_required(VERSION 3.25)

# What examples/cmake-consumer selects: two cases (FILTER), ROLES server
# client, TRANSPORTS ws wss.
set(expected_tests "")
foreach(id IN ITEMS close.clean.peer-initiated close.clean.subject-initiated)
  foreach(role_transport IN ITEMS server/ws server/wss client/ws client/wss)
    list(APPEND expected_tests "echo/${role_transport}/${id}")
  endforeach()
endforeach()
set(bug data-after-close)
# The faulty server sends a text frame after every close frame of its own, so
# both cases fail in the server role; its client role sends none in these two
# cases, and passes.
set(expected_bug_failures
  "echo/server/ws/close.clean.peer-initiated"
  "echo/server/wss/close.clean.peer-initiated"
  "echo/server/ws/close.clean.subject-initiated"
  "echo/server/wss/close.clean.subject-initiated")

function(fail)
  string(JOIN "" text ${ARGN})
  message(FATAL_ERROR "package.consumer: ${text}")
endfunction()

# Runs a command with a deadline; fails the test unless it exits 0.
function(run_step what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 120)
  if(NOT status EQUAL 0)
    fail("${what} failed (${status}):\n${out}\n${err}")
  endif()
endfunction()

file(REMOVE_RECURSE "${SCRATCH_DIR}")
set(staging "${SCRATCH_DIR}/staging")
set(prefix "${SCRATCH_DIR}/prefix")

# 1. Install, then move.
string(TIMESTAMP started "%s")
run_step("cmake --install" "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${staging}")
file(RENAME "${staging}" "${prefix}")
string(REPLACE "," ";" subjects "${SUBJECTS}")
list(TRANSFORM subjects PREPEND "${SUBJECTS_DIR}/wsh-subject-")
foreach(file IN ITEMS
    "${BINDIR}/wsharness"
    ${subjects}
    "${DATA_DIR}/cases/close/clean_close.toml"
    "${DATA_DIR}/cases/expectations/beast.toml"
    "${PACKAGE_DIR}/wsharnessConfig.cmake"
    "${PACKAGE_DIR}/wsharnessConfigVersion.cmake"
    "${PACKAGE_DIR}/wsharnessAddTests.cmake"
    "${PACKAGE_DIR}/wsharnessTargets.cmake")
  if(NOT EXISTS "${prefix}/${file}")
    fail("the install tree has no ${file}")
  endif()
endforeach()
# The probe header, once the tree has it (the consumer then compiles against
# wsharness::probe).
if(EXISTS "${SOURCE_INCLUDE_DIR}/wsharness/probe.hpp" AND NOT EXISTS "${prefix}/${INCLUDE_DIR}/wsharness/probe.hpp")
  fail("the install tree has no ${INCLUDE_DIR}/wsharness/probe.hpp")
endif()
set(wsharness "${prefix}/${BINDIR}/wsharness")

# 2. A case added to the installed catalogue only is listed: the catalogue
# read is the installed one, not this source tree's. WSH_CASES_DIR would
# override the lookup under test.
unset(ENV{WSH_CASES_DIR})
set(installed_cases "${prefix}/${DATA_DIR}/cases")
file(WRITE "${installed_cases}/close/installed_only.toml" [=[
[[case]]
id = "close.installed-only"
title = "Only in the installed catalogue"
rfc = "5.5.1"
requirement = "If an endpoint receives a Close frame and did not previously send a Close frame, ..."
roles = ["server"]
steps = [{ send = "close", code = 1000 }, { wait_frame = "close", within_ms = 1000 }]
[case.expect]
close = "clean"
]=])
execute_process(COMMAND "${wsharness}" list --json --filter close.installed-only
  RESULT_VARIABLE status OUTPUT_VARIABLE listing ERROR_VARIABLE err TIMEOUT 60)
file(REMOVE "${installed_cases}/close/installed_only.toml")
if(NOT status EQUAL 0)
  fail("installed `wsharness list --json` failed (${status}): ${err}")
endif()
string(JSON listed LENGTH "${listing}" cases)
if(listed EQUAL 0)
  fail("the installed wsharness does not list a case added to ${installed_cases}: it reads another catalogue")
endif()
set(reports "${SCRATCH_DIR}/builtin-report")
run_step("installed `wsharness run --subject faulty`" "${wsharness}" run --subject faulty
  --filter close.clean.peer-initiated --role server --transport ws --jobs 1 --strict --quiet --report-dir "${reports}")
file(READ "${reports}/index.json" index)
string(JSON command GET "${index}" subjects 0 command)
if(NOT command STREQUAL "${prefix}/${SUBJECTS_DIR}/wsh-subject-faulty")
  fail("the installed wsharness ran its faulty subject as '${command}', not from ${prefix}/${SUBJECTS_DIR}")
endif()

# 3. The consumer project. Returns in `out_var` the names of the tests that
# ctest ran and in `failed_var` those that failed; ctest's exit status must
# say the same.
function(consumer name out_var failed_var)
  set(binary "${SCRATCH_DIR}/consumer-${name}")
  run_step("configuring the consumer (${name})" "${CMAKE_COMMAND}" -S "${CONSUMER_DIR}" -B "${binary}"
    -G "${GENERATOR}" "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}" "-DCMAKE_PREFIX_PATH=${prefix}" ${ARGN})
  run_step("building the consumer (${name})" "${CMAKE_COMMAND}" --build "${binary}")
  execute_process(COMMAND "${CMAKE_CTEST_COMMAND}" --test-dir "${binary}" -j 4 --output-junit junit.xml
    RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 120)
  file(READ "${binary}/junit.xml" junit)
  string(REGEX MATCHALL "<testcase name=\"[^\"]*\"[^>]* status=\"[a-z]*\"" testcases "${junit}")
  set(ran "")
  set(failed "")
  foreach(testcase IN LISTS testcases)
    string(REGEX REPLACE "^<testcase name=\"([^\"]*)\".*" "\\1" test_name "${testcase}")
    list(APPEND ran "${test_name}")
    if(NOT testcase MATCHES "status=\"run\"$")
      list(APPEND failed "${test_name}")
    endif()
  endforeach()
  list(SORT ran)
  list(SORT failed)
  if(failed AND status EQUAL 0)
    fail("consumer (${name}): ctest exited 0 though ${failed} failed")
  endif()
  if(NOT failed AND NOT status EQUAL 0)
    fail("consumer (${name}): ctest exited ${status} with no failed test:\n${out}\n${err}")
  endif()
  list(LENGTH ran ran_count)
  list(LENGTH failed failed_count)
  message(STATUS "consumer (${name}): ${ran_count} test(s) ran, ${failed_count} failed")
  set(${out_var} "${ran}" PARENT_SCOPE)
  set(${failed_var} "${failed}" PARENT_SCOPE)
endfunction()

function(expect_equal what actual expected)
  list(SORT actual)
  list(SORT expected)
  if(NOT actual STREQUAL expected)
    string(REPLACE ";" "\n  " actual_text "${actual}")
    string(REPLACE ";" "\n  " expected_text "${expected}")
    fail("${what}:\n  ${actual_text}\nexpected:\n  ${expected_text}")
  endif()
endfunction()

consumer(conformant ran failed)
expect_equal("the conformant subject's tests" "${ran}" "${expected_tests}")
expect_equal("the conformant subject's failed tests" "${failed}" "")

consumer(bug ran failed "-DSUBJECT_ARGS=--bug ${bug}")
expect_equal("the tests with --bug ${bug}" "${ran}" "${expected_tests}")
expect_equal("the failed tests with --bug ${bug}" "${failed}" "${expected_bug_failures}")

consumer(bug-in-baseline ran failed "-DSUBJECT_ARGS=--bug ${bug}"
  "-DSUBJECT_BASELINE=${CONSUMER_DIR}/data-after-close.toml")
expect_equal("the tests with --bug ${bug} in the baseline" "${ran}" "${expected_tests}")
expect_equal("the failed tests with --bug ${bug} in the baseline" "${failed}" "")

string(TIMESTAMP finished "%s")
math(EXPR seconds "${finished} - ${started}")
list(LENGTH expected_tests count)
message(STATUS "package.consumer: installed, moved, 3 x ${count} consumer tests as expected in ${seconds} s")
