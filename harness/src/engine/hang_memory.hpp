#pragma once
// What one result learnt about a subject's hang, so the next results of the
// same subject and role need not wait it out again.
//
// A hang, here: the handler did not return (no cleanup event on the
// connection even after the full kCleanupDeadline *and* after the subject was
// stopped), and the subject then also ignored what came after: a client did
// not exit by itself within kClientExitDeadline, a subject did not exit
// within kStopGrace of SIGTERM.
//
// When a later result of the same subject and role hangs the same way (its
// cleanup wait, never shortened, ran out too), only the waits *after* that
// verdict are cut: the client's wait to exit by itself is skipped, and
// SIGTERM's grace is kRepeatedHangGrace where the remembered hang needed the
// SIGKILL. The findings stay those of the remembered hang (a kill is still an
// ERROR), so the verdict is the one the full waits would give for the same
// hang.
//
// Why it cannot mask a merely slow subject: the cleanup wait and the case's
// own bounds are never shortened, and a subject whose cleanup comes late but
// comes (slow-cleanup: 3 s) is not a hang: it is never remembered, so every
// one of its results gets every wait in full.
//
// Thread-safe: the run's workers share one.

#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace wsh::engine {

struct RememberedHang {
  std::string result;         // the result that showed it first: "id (role/transport)"
  bool ignored_exit = false;  // a client that did not exit by itself after the hang
  bool needed_kill = false;   // did not exit within kStopGrace of SIGTERM
};

class HangMemory {
 public:
  // `scope`: subject name and role, e.g. "faulty/server".
  std::optional<RememberedHang> find(const std::string& scope) const {
    std::lock_guard lock(mutex_);
    const auto it = hangs_.find(scope);
    if (it == hangs_.end()) return std::nullopt;
    return it->second;
  }
  // Keeps the first hang of a scope.
  void remember(const std::string& scope, RememberedHang hang) {
    std::lock_guard lock(mutex_);
    hangs_.emplace(scope, std::move(hang));
  }

 private:
  mutable std::mutex mutex_;
  std::map<std::string, RememberedHang> hangs_;
};

// Where a subject's side of a result stands in the memory.
struct HangScope {
  HangMemory* memory = nullptr;  // null: no memory (replay, tests)
  std::string scope;             // "faulty/server"
  std::string result;            // this result, as it would be remembered
};

}  // namespace wsh::engine
