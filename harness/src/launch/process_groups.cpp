#include "launch/process_groups.hpp"

#include <signal.h>
#include <sys/wait.h>

#include <mutex>
#include <set>
#include <thread>
#include <vector>

namespace wsh::launch::process_groups {
namespace {

struct Registry {
  std::mutex mutex;
  std::set<pid_t> groups;
  bool closed = false;
};

Registry& registry() {
  // Never destroyed: a worker thread may still remove a group while the
  // process exits.
  static auto* instance = new Registry;
  return *instance;
}

// The leader has ended (it may be a zombie not yet reaped by its Subject).
// WNOWAIT leaves the reaping, and so the group id, to the Subject.
bool leader_ended(pid_t pid) {
  siginfo_t info{};
  info.si_pid = 0;
  if (::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) != 0) return true;
  return info.si_pid == pid;
}

}  // namespace

bool add(pid_t pgid) {
  auto& r = registry();
  std::lock_guard lock(r.mutex);
  if (r.closed) return false;
  r.groups.insert(pgid);
  return true;
}

void remove(pid_t pgid) {
  auto& r = registry();
  std::lock_guard lock(r.mutex);
  r.groups.erase(pgid);
}

std::size_t count() {
  auto& r = registry();
  std::lock_guard lock(r.mutex);
  return r.groups.size();
}

bool closed() {
  auto& r = registry();
  std::lock_guard lock(r.mutex);
  return r.closed;
}

std::size_t close_and_terminate(Millis grace) {
  auto& r = registry();
  std::size_t signalled = 0;
  {
    // Under the lock: a group listed here is not yet reaped, so its id is
    // still ours (remove() waits for this lock before the Subject reaps).
    std::lock_guard lock(r.mutex);
    r.closed = true;
    for (const pid_t group : r.groups) ::kill(-group, SIGTERM);
    signalled = r.groups.size();
  }
  const auto deadline = Clock::now() + grace;
  while (Clock::now() < deadline) {
    bool all_ended = true;
    {
      std::lock_guard lock(r.mutex);
      for (const pid_t group : r.groups)
        if (!leader_ended(group)) all_ended = false;
    }
    if (all_ended) break;
    std::this_thread::sleep_for(Millis(10));
  }
  std::lock_guard lock(r.mutex);
  for (const pid_t group : r.groups) ::kill(-group, SIGKILL);
  return signalled;
}

void reopen_for_tests() {
  auto& r = registry();
  std::lock_guard lock(r.mutex);
  r.closed = false;
}

}  // namespace wsh::launch::process_groups
