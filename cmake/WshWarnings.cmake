# Warning flags for every first-party target. Third-party headers are included
# as SYSTEM so their warnings never fail our build.
include(CheckCXXCompilerFlag)
# GCC's -Wshadow=local (shadowed locals only); clang-14 does not know it.
check_cxx_compiler_flag(-Wshadow=local WSH_HAS_WSHADOW_LOCAL)

function(wsh_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wnon-virtual-dtor -Wold-style-cast)
  if(WSH_HAS_WSHADOW_LOCAL)
    target_compile_options(${target} PRIVATE -Wshadow=local)
  endif()
  if(WSH_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
