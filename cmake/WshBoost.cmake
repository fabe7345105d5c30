# Finds the Boost (Beast and Asio, header-only) the Beast subject and the Beast
# reproducers compile against.
#
#   (default)                                       the system's Boost >= 1.81 (Debian: libboost1.81-dev)
#   -DWSH_BOOST_INCLUDE_DIR=<dir holding boost/>    another release's headers, e.g. one assembled from
#                                                   the boostorg/* repositories at one release tag
#
# Defines Boost::headers and sets WSH_BOOST_VERSION ("1.89.0"), from which the
# subject's name is made (beast@1.89.0) so that baseline entries can name the
# releases they hold for (`versions = ...`), as for httplib@VERSION.
# Every Boost header must come from the one directory: a header missing there
# would silently be taken from the system's Boost, a mix of two releases.
# scripts/beast_subjects.sh checks the build's dependencies for that.

set(WSH_BOOST_MIN_VERSION 1.81)
set(WSH_BOOST_INCLUDE_DIR "" CACHE PATH "Directory holding boost/ (Beast, Asio and their dependencies of one Boost release); empty: the system's Boost")

if(WSH_BOOST_INCLUDE_DIR)
  set(_wsh_boost_version_hpp "${WSH_BOOST_INCLUDE_DIR}/boost/version.hpp")
  if(NOT EXISTS "${_wsh_boost_version_hpp}" OR NOT EXISTS "${WSH_BOOST_INCLUDE_DIR}/boost/beast/version.hpp")
    message(FATAL_ERROR "WSH_BOOST_INCLUDE_DIR=${WSH_BOOST_INCLUDE_DIR} holds no boost/version.hpp and boost/beast/version.hpp. "
      "Point it at the directory that contains boost/, or leave it unset for the system's Boost.")
  endif()
  # BOOST_VERSION is XYYYZZ: 108900 is 1.89.0.
  file(STRINGS "${_wsh_boost_version_hpp}" _wsh_line REGEX "^#define[ \t]+BOOST_VERSION[ \t]+[0-9]+" LIMIT_COUNT 1)
  string(REGEX REPLACE ".*BOOST_VERSION[ \t]+([0-9]+).*" "\\1" _wsh_number "${_wsh_line}")
  math(EXPR Boost_VERSION_MAJOR "${_wsh_number} / 100000")
  math(EXPR Boost_VERSION_MINOR "${_wsh_number} / 100 % 1000")
  math(EXPR Boost_VERSION_PATCH "${_wsh_number} % 100")
  set(Boost_VERSION "${Boost_VERSION_MAJOR}.${Boost_VERSION_MINOR}.${Boost_VERSION_PATCH}")
  if(Boost_VERSION VERSION_LESS WSH_BOOST_MIN_VERSION)
    message(FATAL_ERROR "wsharness: Boost ${Boost_VERSION} at ${WSH_BOOST_INCLUDE_DIR} is older than ${WSH_BOOST_MIN_VERSION}")
  endif()
  add_library(Boost::headers INTERFACE IMPORTED)
  # SYSTEM (-isystem) as for the installed Boost, and ahead of /usr/include.
  set_target_properties(Boost::headers PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${WSH_BOOST_INCLUDE_DIR}"
                                                  INTERFACE_SYSTEM_INCLUDE_DIRECTORIES "${WSH_BOOST_INCLUDE_DIR}")
  message(STATUS "wsharness: Boost ${Boost_VERSION} (Beast) from ${WSH_BOOST_INCLUDE_DIR}")
else()
  find_package(Boost ${WSH_BOOST_MIN_VERSION} REQUIRED)
endif()
set(WSH_BOOST_VERSION "${Boost_VERSION_MAJOR}.${Boost_VERSION_MINOR}.${Boost_VERSION_PATCH}")
