# wsharness_add_tests(): the wsharness catalogue as ctest tests for a subject
# of your own (installed with the wsharness package; see wsharnessConfig.cmake).
#
#   wsharness_add_tests(NAME <name>
#                       SUBJECT_CMD <command> [<arg>...]
#                       [ROLES server client pair]     default: every role a case has
#                       [TRANSPORTS ws wss]            default: both
#                       [BASELINE <file>]              expected departures from PASS
#                       [FILTER <glob>...])            result ids, as `wsharness list --filter`
#
# One test per result id (a case, or one instance of a parameterised case),
# role and transport, named <name>/<role>/<transport>/<id> and labelled
# wsharness, <name>, the role, the transport and the case's area. Each runs
#   wsharness run --subject-cmd <command> --subject-name <name> --role R --transport T
#                 --filter <id> --jobs 1 --strict [--baseline <file>]
#                 --report-dir <build dir>/wsharness-reports/<name>/<role>-<transport>-<id>
# and passes when every result is as the baseline expects (an XPASS fails, as
# --strict says). The SUBJECT_CMD words may hold generator expressions
# ($<TARGET_FILE:my-subject>); the subject must speak the subject protocol
# (PROTOCOL.md in the wsharness sources). Without BASELINE, every result is
# expected to PASS. The case list comes from the installed `wsharness list
# --json` at configure time; reinstalling wsharness reconfigures the project.
# A selection with no test is an error: a gate that selects nothing checks
# nothing. Call it after enable_testing() (or include(CTest)).

include_guard(GLOBAL)

# One word of a --subject-cmd line, single-quoted so wsharness's POSIX-style
# splitter takes it literally (a ' inside becomes '\'').
function(_wsharness_quote_word word out)
  string(REPLACE "'" "'\\''" word "${word}")
  set(${out} "'${word}'" PARENT_SCOPE)
endfunction()

function(wsharness_add_tests)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "NAME;BASELINE" "SUBJECT_CMD;ROLES;TRANSPORTS;FILTER")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "wsharness_add_tests: unexpected arguments: ${arg_UNPARSED_ARGUMENTS}")
  endif()
  # The name is the subject's name in reports (name@version lets baseline
  # entries with `versions` apply) and a directory name.
  if(NOT arg_NAME MATCHES "^[A-Za-z0-9][A-Za-z0-9._+@-]*$")
    message(FATAL_ERROR "wsharness_add_tests: NAME must be letters, digits, '.', '_', '+', '@' or '-' "
                        "(got '${arg_NAME}')")
  endif()
  if(NOT arg_SUBJECT_CMD)
    message(FATAL_ERROR "wsharness_add_tests(${arg_NAME}): SUBJECT_CMD is required")
  endif()
  if(NOT arg_ROLES)
    set(arg_ROLES server client pair)
  endif()
  foreach(role IN LISTS arg_ROLES)
    if(NOT role MATCHES "^(server|client|pair)$")
      message(FATAL_ERROR "wsharness_add_tests(${arg_NAME}): ROLES: '${role}' is not server, client or pair")
    endif()
  endforeach()
  if(NOT arg_TRANSPORTS)
    set(arg_TRANSPORTS ws wss)
  endif()
  foreach(transport IN LISTS arg_TRANSPORTS)
    if(NOT transport MATCHES "^(ws|wss)$")
      message(FATAL_ERROR "wsharness_add_tests(${arg_NAME}): TRANSPORTS: '${transport}' is not ws or wss")
    endif()
  endforeach()
  set(baseline_args "")
  if(DEFINED arg_BASELINE)
    cmake_path(ABSOLUTE_PATH arg_BASELINE BASE_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}" NORMALIZE)
    if(NOT EXISTS "${arg_BASELINE}")
      message(FATAL_ERROR "wsharness_add_tests(${arg_NAME}): BASELINE ${arg_BASELINE} does not exist")
    endif()
    set(baseline_args --baseline "${arg_BASELINE}")
  endif()

  get_target_property(wsharness_exe wsharness::wsharness LOCATION)
  set(list_command "${wsharness_exe}" list --json)
  foreach(glob IN LISTS arg_FILTER)
    list(APPEND list_command --filter "${glob}")
  endforeach()
  execute_process(COMMAND ${list_command} OUTPUT_VARIABLE listing ERROR_VARIABLE errors RESULT_VARIABLE status
                  TIMEOUT 60)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "wsharness_add_tests(${arg_NAME}): `wsharness list --json` failed (${status}):\n${errors}")
  endif()
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${wsharness_exe}")

  set(subject_cmd "")
  set(subject_cmd_separator "")
  foreach(word IN LISTS arg_SUBJECT_CMD)
    _wsharness_quote_word("${word}" quoted)
    string(APPEND subject_cmd "${subject_cmd_separator}${quoted}")
    set(subject_cmd_separator " ")
  endforeach()

  set(added 0)
  string(JSON count LENGTH "${listing}" cases)
  if(count GREATER 0)
    math(EXPR last "${count} - 1")
    foreach(index RANGE ${last})
      string(JSON id GET "${listing}" cases ${index} id)
      string(JSON area GET "${listing}" cases ${index} area)
      # A case with `repeat = N` may run N times: room for each run beyond
      # the 180 s that fits any case run once (as the wsharness sources' own
      # catalogue tests).
      string(JSON repeat ERROR_VARIABLE no_repeat GET "${listing}" cases ${index} repeat)
      if(no_repeat OR repeat LESS 1)
        set(repeat 1)
      endif()
      math(EXPR timeout "180 + (${repeat} - 1) * 20")
      string(JSON case_roles GET "${listing}" cases ${index} roles)
      string(JSON case_transports GET "${listing}" cases ${index} transports)
      foreach(role IN LISTS arg_ROLES)
        if(NOT case_roles MATCHES "\"${role}\"")
          continue()
        endif()
        foreach(transport IN LISTS arg_TRANSPORTS)
          if(NOT case_transports MATCHES "\"${transport}\"")
            continue()
          endif()
          set(test_name "${arg_NAME}/${role}/${transport}/${id}")
          add_test(NAME "${test_name}"
            COMMAND wsharness::wsharness run
              --subject-cmd "${subject_cmd}" --subject-name "${arg_NAME}"
              --role ${role} --transport ${transport} --filter "${id}" --jobs 1 --strict
              --report-dir "${CMAKE_CURRENT_BINARY_DIR}/wsharness-reports/${arg_NAME}/${role}-${transport}-${id}"
              ${baseline_args})
          set_tests_properties("${test_name}" PROPERTIES
            LABELS "wsharness;${arg_NAME};${role};${transport};${area}" TIMEOUT ${timeout})
          math(EXPR added "${added} + 1")
        endforeach()
      endforeach()
    endforeach()
  endif()
  if(added EQUAL 0)
    message(FATAL_ERROR "wsharness_add_tests(${arg_NAME}): no test: no case matches FILTER '${arg_FILTER}' "
                        "in the roles (${arg_ROLES}) and transports (${arg_TRANSPORTS}) asked")
  endif()
  message(STATUS "wsharness_add_tests(${arg_NAME}): ${added} test(s)")
endfunction()
