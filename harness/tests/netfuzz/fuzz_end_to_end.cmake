# wsharness fuzz against the faulty subject, end to end (see CMakeLists.txt).
#   VARIANT=crash-on-close: exit 1, >= 1 found file, the file replays to ERROR health.crash.
#   VARIANT=clean:          exit 0, no file.
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
set(out "${WORK_DIR}/found")
if(VARIANT STREQUAL "clean")
  set(subject "${FAULTY}")
  set(max_found 10)
else()
  set(subject "${FAULTY} --bug ${VARIANT}")
  set(max_found 2)
endif()

execute_process(
  COMMAND "${WSHARNESS}" fuzz --subject-cmd "${subject}" --seconds 10 --seed 1 --max-found ${max_found} --out "${out}"
  RESULT_VARIABLE fuzz_exit OUTPUT_VARIABLE fuzz_out ERROR_VARIABLE fuzz_err TIMEOUT 40)
message(STATUS "fuzz exit ${fuzz_exit}\n${fuzz_out}\n${fuzz_err}")
file(GLOB found_files "${out}/*.toml")
list(LENGTH found_files found_count)

if(VARIANT STREQUAL "clean")
  if(NOT fuzz_exit EQUAL 0 OR NOT found_count EQUAL 0)
    message(FATAL_ERROR "the clean subject must give no finding: exit ${fuzz_exit}, ${found_count} file(s)")
  endif()
  if(NOT fuzz_out MATCHES "exec/s")
    message(FATAL_ERROR "no summary with exec/s on stdout")
  endif()
  return()
endif()

if(NOT fuzz_exit EQUAL 1)
  message(FATAL_ERROR "fuzz must exit 1 when it finds something; got ${fuzz_exit}")
endif()
if(found_count LESS 1)
  message(FATAL_ERROR "no found case written under ${out}")
endif()
list(GET found_files 0 first)
file(READ "${first}" text)
foreach(needle "id = \"found.1." "health.crash" "robust = true" "# subject: ${FAULTY} --bug ${VARIANT}" "seed")
  string(FIND "${text}" "${needle}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "${first} lacks '${needle}':\n${text}")
  endif()
endforeach()

# The found directory loads with the normal loader and replays the failure.
execute_process(
  COMMAND "${WSHARNESS}" list --cases "${out}"
  RESULT_VARIABLE list_exit OUTPUT_VARIABLE list_out ERROR_VARIABLE list_err TIMEOUT 20)
if(NOT list_exit EQUAL 0)
  message(FATAL_ERROR "the found cases do not load: ${list_out}${list_err}")
endif()
execute_process(
  COMMAND "${WSHARNESS}" run --cases "${out}" --subject-cmd "${subject}" --subject-name faulty-crash --role server
          --transport ws --seed 7 --quiet --report-dir "${WORK_DIR}/report"
  RESULT_VARIABLE run_exit OUTPUT_VARIABLE run_out ERROR_VARIABLE run_err TIMEOUT 40)
message(STATUS "run exit ${run_exit}\n${run_out}\n${run_err}")
if(NOT run_exit EQUAL 1)
  message(FATAL_ERROR "wsharness run on the found cases must exit 1 (unexpected ERROR); got ${run_exit}")
endif()
file(READ "${WORK_DIR}/report/index.json" index)
string(FIND "${index}" "\"verdict\": \"PASS\"" passed)
string(FIND "${index}" "\"verdict\": \"ERROR\"" errored)
if(errored EQUAL -1 OR NOT passed EQUAL -1)
  message(FATAL_ERROR "the found cases must replay to ERROR, none to PASS:\n${index}")
endif()
file(GLOB details "${WORK_DIR}/report/results/*.json")
list(GET details 0 detail_file)
file(READ "${detail_file}" detail)
string(FIND "${detail}" "health.crash" crash_at)
if(crash_at EQUAL -1)
  message(FATAL_ERROR "the replayed result does not name health.crash:\n${detail}")
endif()
