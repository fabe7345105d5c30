#pragma once
// Waiting on one file descriptor with poll(2) until a Deadline. Sockets are
// non-blocking; every blocking step of the harness is a wait_for_fd call.

#include "net/deadline.hpp"

namespace wsh::net {

enum class FdWait {
  Ready,    // poll reported `events` (or an error/hang-up, which the next call will surface)
  Timeout,  // the deadline passed first
  Error,    // poll itself failed; errno is set
};

FdWait wait_for_fd(int fd, short events, Deadline deadline);

}  // namespace wsh::net
