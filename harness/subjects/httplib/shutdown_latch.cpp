#include "shutdown_latch.hpp"

namespace wsh::subject::httplib_subject {

void ShutdownLatch::request() {
  {
    std::lock_guard lock(mutex_);
    requested_ = true;
  }
  changed_.notify_all();
}

void ShutdownLatch::abandon() {
  {
    std::lock_guard lock(mutex_);
    abandoned_ = true;
  }
  changed_.notify_all();
}

bool ShutdownLatch::wait() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return requested_ || abandoned_; });
  return requested_;
}

}  // namespace wsh::subject::httplib_subject
