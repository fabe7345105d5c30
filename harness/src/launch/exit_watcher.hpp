#pragma once
// The thread that notices when a subject process ends, at once, so a wait
// fails with "subject exited with code 3" instead of running into its
// deadline.
//
// It observes the exit with waitid(WNOWAIT) and does not reap: the process
// stays a zombie until the Subject reaps it after killing its group. While
// the zombie exists its pid, which is also the group id, cannot be reused,
// so a group kill can never hit an unrelated process.

#include <sys/types.h>

#include <memory>
#include <thread>

#include "launch/subject_log.hpp"

namespace wsh::launch {

class ExitWatcher {
 public:
  // The thread shares `log`, so it may outlive the watcher (see detach()).
  ExitWatcher(pid_t pid, std::shared_ptr<SubjectLog> log);
  // Joins the thread: the process must be dead or about to die (Subject
  // sends SIGKILL first), or this waits for it.
  ~ExitWatcher();

  // For a process that SIGKILL did not end in time (stuck in the kernel):
  // let the thread wait on alone rather than block the harness.
  void detach();

  ExitWatcher(const ExitWatcher&) = delete;
  ExitWatcher& operator=(const ExitWatcher&) = delete;

 private:
  std::thread thread_;
};

}  // namespace wsh::launch
