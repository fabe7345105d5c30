#include "cli/interrupt_watcher.hpp"

#include <ctime>

namespace wsh::cli {
namespace {

sigset_t interrupt_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  return set;
}

}  // namespace

InterruptWatcher::InterruptWatcher(std::function<void(int)> on_signal) : on_signal_(std::move(on_signal)) {
  const auto set = interrupt_signals();
  ::pthread_sigmask(SIG_BLOCK, &set, &previous_mask_);
  thread_ = std::thread([this] { run(); });
}

InterruptWatcher::~InterruptWatcher() {
  quit_.store(true);
  thread_.join();
  ::pthread_sigmask(SIG_SETMASK, &previous_mask_, nullptr);
}

void InterruptWatcher::run() {
  const auto set = interrupt_signals();
  // Wakes every 100 ms to see whether the run is over: the destructor's
  // join is bounded by that.
  const timespec slice{0, 100'000'000};
  while (!quit_.load()) {
    const int signal_number = ::sigtimedwait(&set, nullptr, &slice);
    if (signal_number <= 0) continue;  // timeout or EINTR
    if (received_.exchange(signal_number) == 0) on_signal_(signal_number);
  }
}

}  // namespace wsh::cli
