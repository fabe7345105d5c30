#include "open_connections.hpp"

#include <cstdio>
#include <cstdlib>

namespace wsh::subject::faulty {

OpenConnections::Handle OpenConnections::add(Closer closer) {
  std::lock_guard lock(mutex_);
  const Handle handle = next_handle_++;
  // Closed under the lock, like close_all, so remove() waits for it.
  if (closing_all_) closer(close_code_, close_reason_);
  closers_.emplace(handle, std::move(closer));
  return handle;
}

void OpenConnections::remove(Handle handle) {
  std::lock_guard lock(mutex_);
  closers_.erase(handle);
}

void OpenConnections::close_all(std::uint16_t code, const std::string& reason, bool forget_newest) {
  std::lock_guard lock(mutex_);
  if (closing_all_) return;
  closing_all_ = true;
  close_code_ = code;
  close_reason_ = reason;
  const Handle newest = closers_.empty() ? 0 : closers_.rbegin()->first;
  for (auto& [handle, closer] : closers_) {
    if (forget_newest && closers_.size() > 1 && handle == newest) {
      std::fprintf(stderr, "faulty: shutdown-misses-one: connection handle %llu is left open\n",
                   static_cast<unsigned long long>(handle));
      continue;
    }
    closer(code, reason);
  }
}

void OpenConnections::handler_started() {
  std::lock_guard lock(mutex_);
  ++running_handlers_;
}

void OpenConnections::handler_finished() {
  std::lock_guard lock(mutex_);
  if (--running_handlers_ == 0) handlers_done_.notify_all();
}

bool OpenConnections::wait_for_handlers(net::Deadline deadline) {
  std::unique_lock lock(mutex_);
  return handlers_done_.wait_until(lock, deadline, [this] { return running_handlers_ == 0; });
}

void wait_for_handlers_then_exit(OpenConnections& open_connections, std::chrono::milliseconds close_timeout) {
  constexpr std::chrono::milliseconds kMargin{500};
  const bool done = open_connections.wait_for_handlers(net::Clock::now() + close_timeout + kMargin);
  if (!done) {
    std::fprintf(stderr, "faulty: shutdown: a handler is still running after %lld ms; exiting without it\n",
                 static_cast<long long>((close_timeout + kMargin).count()));
  }
  std::fflush(stdout);
  std::fflush(stderr);
  // _Exit: handler threads are detached and may still run; nothing of
  // theirs may be destroyed under them.
  std::_Exit(0);
}

void ShutdownLatch::request(bool by_signal) {
  std::lock_guard lock(mutex_);
  requested_ = true;
  by_signal_ = by_signal_ || by_signal;
  requested_cv_.notify_all();
}

bool ShutdownLatch::wait_for_signal(net::Deadline deadline) {
  std::unique_lock lock(mutex_);
  return requested_cv_.wait_until(lock, deadline, [this] { return by_signal_; });
}

void ShutdownLatch::wait() {
  std::unique_lock lock(mutex_);
  requested_cv_.wait(lock, [this] { return requested_; });
}

}  // namespace wsh::subject::faulty
