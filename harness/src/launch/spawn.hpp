#pragma once
// Starts a subject process the way the launcher needs it:
//  - in its own process group, so one signal reaches it and every child it
//    starts (and a Ctrl-C at the harness's terminal does not);
//  - stdin from /dev/null, stdout and stderr on pipes to the harness;
//  - no other descriptor inherited: every fd >= 3 is closed in the child, so
//    a subject never holds one of the harness's sockets (which would keep a
//    peer's connection open after the harness closed it) or another
//    subject's pipe (which would hide that subject's end of file);
//  - default signal dispositions and an empty signal mask, whatever the
//    spawning thread had blocked or ignored (the harness ignores SIGPIPE, and
//    a thread that blocked SIGTERM would otherwise make stop() unable to ask
//    the subject to shut down);
//  - argv exactly as given, searched in PATH, never through a shell;
//  - killed by the kernel (SIGKILL) if the harness dies, whatever kills it
//    (PR_SET_PDEATHSIG; forked from one long-lived thread, see spawn.cpp);
//  - listed in process_groups.hpp until reaped, so SIGINT or SIGTERM to the
//    harness can end it.

#include <sys/types.h>

#include <stdexcept>

#include "launch/launch_spec.hpp"
#include "launch/unique_fd.hpp"

namespace wsh::launch {

// The subject could not be started; what() names the command and the reason.
class LaunchError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct SpawnedProcess {
  pid_t pid = -1;      // also its process group id
  UniqueFd stdout_fd;  // read ends, close-on-exec
  UniqueFd stderr_fd;
};

// Throws LaunchError (empty command, exec failure such as ENOENT or EACCES,
// or no resources for pipes).
SpawnedProcess spawn_process(const LaunchSpec& spec);

}  // namespace wsh::launch
