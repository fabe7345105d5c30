#include "net/deadline.hpp"

#include <climits>
#include <thread>

namespace wsh::net {

int poll_timeout_ms(Deadline deadline) {
  const auto left = deadline - Clock::now();
  if (left <= Clock::duration::zero()) return 0;
  const auto millis = std::chrono::ceil<std::chrono::milliseconds>(left).count();
  return millis > INT_MAX ? INT_MAX : static_cast<int>(millis);
}

bool sleep_within(std::chrono::milliseconds duration, Deadline deadline) {
  const Deadline wake = Clock::now() + duration;
  if (wake <= deadline) {
    std::this_thread::sleep_until(wake);
    return true;
  }
  std::this_thread::sleep_until(deadline);
  return false;
}

}  // namespace wsh::net
