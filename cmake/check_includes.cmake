# cmake -DSOURCE_DIR=<harness/src> -P cmake/check_includes.cmake
# Fails (with one line per offending include) when a module of harness/src
# includes a header of a module it does not link, or of a module in its own
# or a higher layer.

cmake_minimum_required(VERSION 3.25)

if(NOT SOURCE_DIR)
  message(FATAL_ERROR "usage: cmake -DSOURCE_DIR=<harness/src> -P check_includes.cmake")
endif()

# The layers of docs/ARCHITECTURE.md ("Layering"), lowest first. A module
# may include only modules of a lower layer. Keep the two in step.
set(layers
  "base"
  "wire"
  "cases;net"
  "oracles;faults;launch"
  "peer;proxy;results"
  "engine"
  "netfuzz;report;perf;repro"
  "serve"
  "cli")
set(rank 0)
set(modules)
foreach(layer IN LISTS layers)
  foreach(module ${layer})
    set(rank_${module} ${rank})
    list(APPEND modules ${module})
  endforeach()
  math(EXPR rank "${rank} + 1")
endforeach()

# Each module's library and the wsh_* libraries its CMakeLists.txt links.
file(GLOB entries LIST_DIRECTORIES true RELATIVE "${SOURCE_DIR}" "${SOURCE_DIR}/*")
set(problems)
foreach(module IN LISTS entries)
  if(NOT EXISTS "${SOURCE_DIR}/${module}/CMakeLists.txt")
    continue()
  endif()
  if(NOT DEFINED rank_${module})
    list(APPEND problems "${module}/: a module with no layer; add it to docs/ARCHITECTURE.md and to this script")
    continue()
  endif()
  file(READ "${SOURCE_DIR}/${module}/CMakeLists.txt" text)
  string(REGEX MATCHALL "target_link_libraries\\([^)]*\\)" calls "${text}")
  set(links_${module})
  foreach(call IN LISTS calls)
    string(REGEX MATCHALL "wsh_[a-z]+" names "${call}")
    foreach(name IN LISTS names)
      string(REGEX REPLACE "^wsh_" "" linked "${name}")
      if(NOT linked STREQUAL module)
        list(APPEND links_${module} ${linked})
      endif()
    endforeach()
  endforeach()
endforeach()

# What each module reaches through the libraries it links.
foreach(module IN LISTS modules)
  set(reach_${module} ${links_${module}})
endforeach()
set(changed TRUE)
while(changed)
  set(changed FALSE)
  foreach(module IN LISTS modules)
    foreach(linked IN LISTS reach_${module})
      foreach(further IN LISTS links_${linked})
        if(NOT further IN_LIST reach_${module})
          list(APPEND reach_${module} ${further})
          set(changed TRUE)
        endif()
      endforeach()
    endforeach()
  endforeach()
endwhile()

set(checked 0)
foreach(module IN LISTS modules)
  if(NOT EXISTS "${SOURCE_DIR}/${module}/CMakeLists.txt")
    continue()
  endif()
  file(GLOB_RECURSE sources RELATIVE "${SOURCE_DIR}" "${SOURCE_DIR}/${module}/*.hpp" "${SOURCE_DIR}/${module}/*.cpp")
  foreach(source IN LISTS sources)
    file(STRINGS "${SOURCE_DIR}/${source}" includes REGEX "^[ \t]*#[ \t]*include[ \t]+\"[a-z_]+/")
    foreach(line IN LISTS includes)
      string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]+\"([a-z_]+)/.*$" "\\1" target "${line}")
      math(EXPR checked "${checked} + 1")
      if(target STREQUAL module)
        continue()
      endif()
      if(NOT DEFINED rank_${target})
        list(APPEND problems "${source}: includes ${target}/, which is not a module")
      elseif(NOT rank_${target} LESS rank_${module})
        list(APPEND problems "${source}: includes ${target}/, which is not in a layer below ${module}/")
      elseif(NOT target IN_LIST reach_${module})
        list(APPEND problems "${source}: includes ${target}/, but ${module}/CMakeLists.txt does not link wsh_${target}")
      endif()
    endforeach()
  endforeach()
endforeach()

if(problems)
  list(LENGTH problems count)
  list(JOIN problems "\n  " text)
  message(FATAL_ERROR "${count} include(s) break the layering:\n  ${text}")
endif()
message(STATUS "${checked} module includes, all within the layering")
