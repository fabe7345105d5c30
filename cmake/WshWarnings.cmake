# Warning flags for every first-party target. Third-party headers are included
# as SYSTEM so their warnings never fail our build.
function(wsh_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic
    -Wshadow=local -Wnon-virtual-dtor -Wold-style-cast)
  if(WSH_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
