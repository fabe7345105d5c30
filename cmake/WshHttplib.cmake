# Finds the user's cpp-httplib (>= 0.33.0, the first release with httplib::ws).
#
#   -DHTTPLIB_INCLUDE_DIR=<dir holding httplib.h>   one version
#   find_package(httplib)                           an installed package
#
# Sets WSH_HTTPLIB_FOUND, WSH_HTTPLIB_VERSION and WSH_HTTPLIB_INCLUDE_DIR.
# When none is found, or the version is too old, the httplib subject is skipped
# loudly and everything else still builds.

set(WSH_HTTPLIB_MIN_VERSION 0.33.0)
set(WSH_HTTPLIB_FOUND OFF)
set(WSH_HTTPLIB_VERSION "")
set(WSH_HTTPLIB_INCLUDE_DIR "")
set(WSH_HTTPLIB_SKIP_REASON "")

set(HTTPLIB_INCLUDE_DIR "" CACHE PATH "Directory holding cpp-httplib's httplib.h (>= ${WSH_HTTPLIB_MIN_VERSION})")

# Reads CPPHTTPLIB_VERSION out of a header without compiling it.
function(wsh_read_httplib_version header out_var)
  file(STRINGS "${header}" line REGEX "^#define[ \t]+CPPHTTPLIB_VERSION[ \t]+\"[0-9.]+\"" LIMIT_COUNT 1)
  string(REGEX REPLACE ".*\"([0-9.]+)\".*" "\\1" version "${line}")
  set(${out_var} "${version}" PARENT_SCOPE)
endfunction()

set(_wsh_httplib_header "")
if(HTTPLIB_INCLUDE_DIR)
  if(EXISTS "${HTTPLIB_INCLUDE_DIR}/httplib.h")
    set(_wsh_httplib_header "${HTTPLIB_INCLUDE_DIR}/httplib.h")
  else()
    message(FATAL_ERROR "HTTPLIB_INCLUDE_DIR=${HTTPLIB_INCLUDE_DIR} holds no httplib.h. "
      "Point it at the directory that contains cpp-httplib's httplib.h, or leave it unset to skip the httplib subject.")
  endif()
else()
  find_package(httplib QUIET CONFIG)
  if(httplib_FOUND AND TARGET httplib::httplib)
    get_target_property(_wsh_dirs httplib::httplib INTERFACE_INCLUDE_DIRECTORIES)
    foreach(_dir IN LISTS _wsh_dirs)
      if(EXISTS "${_dir}/httplib.h")
        set(_wsh_httplib_header "${_dir}/httplib.h")
        break()
      endif()
    endforeach()
  endif()
endif()

if(_wsh_httplib_header)
  wsh_read_httplib_version("${_wsh_httplib_header}" _wsh_version)
  get_filename_component(_wsh_dir "${_wsh_httplib_header}" DIRECTORY)
  if(NOT _wsh_version)
    set(WSH_HTTPLIB_SKIP_REASON "${_wsh_httplib_header} defines no CPPHTTPLIB_VERSION")
  elseif(_wsh_version VERSION_LESS WSH_HTTPLIB_MIN_VERSION)
    set(WSH_HTTPLIB_SKIP_REASON "cpp-httplib ${_wsh_version} at ${_wsh_dir} has no httplib::ws (WebSocket support arrived in ${WSH_HTTPLIB_MIN_VERSION})")
  else()
    set(WSH_HTTPLIB_FOUND ON)
    set(WSH_HTTPLIB_VERSION "${_wsh_version}")
    set(WSH_HTTPLIB_INCLUDE_DIR "${_wsh_dir}")
  endif()
else()
  set(WSH_HTTPLIB_SKIP_REASON "no cpp-httplib found (pass -DHTTPLIB_INCLUDE_DIR=<dir holding httplib.h>, or HTTPLIB_INCLUDE_DIR=... to make)")
endif()

if(WSH_HTTPLIB_FOUND)
  message(STATUS "wsharness: cpp-httplib ${WSH_HTTPLIB_VERSION} found at ${WSH_HTTPLIB_INCLUDE_DIR}; building wsh-subject-httplib")
elseif(HTTPLIB_INCLUDE_DIR)
  # The user asked for this header explicitly: refusing it is an error, not a skip.
  message(FATAL_ERROR "wsharness: ${WSH_HTTPLIB_SKIP_REASON}. Use cpp-httplib >= ${WSH_HTTPLIB_MIN_VERSION}.")
else()
  message(WARNING "\n*** wsharness: SKIPPING the cpp-httplib subject: ${WSH_HTTPLIB_SKIP_REASON}.\n"
                  "*** Everything else builds and runs; 'wsharness list' and the report say it was skipped.\n")
endif()
