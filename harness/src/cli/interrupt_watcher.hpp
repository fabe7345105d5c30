#pragma once
// SIGINT and SIGTERM during a run: whatever ends the harness from outside
// (Ctrl-C, `timeout`, a CI or ctest limit) must end the subjects it started.
//
// The constructor blocks both signals in the calling thread, so every thread
// started after it inherits the mask and none of them is interrupted at a
// random point; one thread of its own waits for them. On the first one it
// calls `on_signal` with the signal number (once). Construct it before
// anything starts a thread or a subject. The destructor stops the thread and
// restores the mask.
//
// Exit status of an interrupted run: 128 + the signal number (130 for SIGINT,
// 143 for SIGTERM), as a shell reports a process killed by that signal.

#include <atomic>
#include <functional>
#include <thread>

#include <signal.h>

namespace wsh::cli {

class InterruptWatcher {
 public:
  explicit InterruptWatcher(std::function<void(int)> on_signal);
  ~InterruptWatcher();
  InterruptWatcher(const InterruptWatcher&) = delete;
  InterruptWatcher& operator=(const InterruptWatcher&) = delete;

  // The signal that came, or 0.
  int signal_number() const { return received_.load(); }

 private:
  void run();

  std::function<void(int)> on_signal_;
  sigset_t previous_mask_{};
  std::atomic<bool> quit_{false};
  std::atomic<int> received_{0};
  std::thread thread_;
};

// 128 + signal number.
inline int exit_status_for_signal(int signal_number) { return 128 + signal_number; }

}  // namespace wsh::cli
