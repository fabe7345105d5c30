#pragma once
// Stopping a run before its plan is done. Two ways, with different fates for
// the results already running:
//  - interrupted (SIGINT, SIGTERM): their subjects are being killed, so what
//    they would report is the kill, not the subject: they count as not run;
//  - stopped (--max-failures): they finish normally and are kept.
// Either way no new result starts. Thread-safe.

#include <atomic>
#include <mutex>
#include <string>

namespace wsh::engine {

class RunStop {
 public:
  // The first reason given is kept.
  void stop(std::string reason) { set(std::move(reason), false); }
  void interrupt(std::string reason) { set(std::move(reason), true); }

  bool stopped() const { return stopped_.load(); }
  bool interrupted() const { return interrupted_.load(); }
  std::string reason() const {
    std::lock_guard lock(mutex_);
    return reason_;
  }

 private:
  void set(std::string reason, bool interrupt) {
    {
      std::lock_guard lock(mutex_);
      if (reason_.empty()) reason_ = std::move(reason);
    }
    if (interrupt) interrupted_.store(true);
    stopped_.store(true);
  }

  mutable std::mutex mutex_;
  std::string reason_;
  std::atomic<bool> stopped_{false};
  std::atomic<bool> interrupted_{false};
};

}  // namespace wsh::engine
