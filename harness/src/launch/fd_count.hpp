#pragma once
// How many file descriptors a process holds, for leak checks: a subject that
// leaks a socket per connection shows it here after its cleanup ran.

#include <sys/types.h>

#include <cstddef>
#include <optional>

namespace wsh::launch {

// Counts the entries of /proc/PID/fd (Linux). nullopt when they cannot be
// read: the process is gone or /proc is not mounted. (A zombie has none.)
std::optional<std::size_t> count_open_fds(pid_t pid);

}  // namespace wsh::launch
