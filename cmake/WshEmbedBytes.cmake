# Helpers for the cmake -P scripts that compile a file into a C++ source as a
# byte array (no raw-string delimiter can clash with what the file holds):
# harness/src/report/embed_assets.cmake and harness/src/repro/embed_runtime.cmake.

# Sets `out_bytes` to the bytes of `path` as "0x..,", 32 to a line (so
# compilers and diffs stay happy), and `out_size` to their number.
function(wsh_file_as_bytes path out_bytes out_size)
  file(READ "${path}" hex HEX)
  string(LENGTH "${hex}" hex_length)
  math(EXPR size "${hex_length} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  string(REGEX REPLACE "((0x[0-9a-f][0-9a-f],){32})" "\\1\n" bytes "${bytes}")
  set(${out_bytes} "${bytes}" PARENT_SCOPE)
  set(${out_size} "${size}" PARENT_SCOPE)
endfunction()

# Writes `content` to `path` only when it differs, so an unchanged input
# does not rebuild the library that compiles the generated source.
function(wsh_write_if_changed path content)
  set(previous "")
  if(EXISTS "${path}")
    file(READ "${path}" previous)
  endif()
  if(NOT previous STREQUAL content)
    file(WRITE "${path}" "${content}")
  endif()
endfunction()
