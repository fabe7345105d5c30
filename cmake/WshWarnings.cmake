# Warning flags for every first-party target. Third-party headers are included
# as SYSTEM so their warnings never fail our build.
include(CheckCXXCompilerFlag)
# GCC's -Wshadow=local (shadowed locals only); clang-14 does not know it.
check_cxx_compiler_flag(-Wshadow=local WSH_HAS_WSHADOW_LOCAL)
# At -Og (the asan preset: a third of -O1's compile time under the
# sanitizers) GCC 12 reports -Wmaybe-uninitialized inside libstdc++'s
# <stop_token>, a false positive of its weaker flow analysis. The release
# build, at -O2, keeps the warning.
string(FIND " ${CMAKE_CXX_FLAGS} " " -Og " WSH_AT_OG)

function(wsh_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wnon-virtual-dtor -Wold-style-cast)
  if(WSH_HAS_WSHADOW_LOCAL)
    target_compile_options(${target} PRIVATE -Wshadow=local)
  endif()
  if(WSH_AT_OG GREATER -1 AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(${target} PRIVATE -Wno-maybe-uninitialized)
  endif()
  if(WSH_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
