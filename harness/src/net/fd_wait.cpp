#include "net/fd_wait.hpp"

#include <poll.h>

#include <cerrno>

namespace wsh::net {

FdWait wait_for_fd(int fd, short events, Deadline deadline) {
  for (;;) {
    pollfd entry{fd, events, 0};
    const int ready = ::poll(&entry, 1, poll_timeout_ms(deadline));
    if (ready > 0) return FdWait::Ready;
    if (ready == 0) {
      // poll may wake a little early on coarse clocks; only a passed deadline is a timeout.
      if (Clock::now() >= deadline) return FdWait::Timeout;
      continue;
    }
    if (errno != EINTR) return FdWait::Error;
  }
}

}  // namespace wsh::net
