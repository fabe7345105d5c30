#include "launch/exit_watcher.hpp"

#include <sys/wait.h>

#include <cerrno>

namespace wsh::launch {
namespace {

ExitStatus status_from(const siginfo_t& info) {
  switch (info.si_code) {
    case CLD_EXITED: return ExitStatus::exited(info.si_status);
    case CLD_KILLED: return ExitStatus::signaled(info.si_status, false);
    case CLD_DUMPED: return ExitStatus::signaled(info.si_status, true);
    default: return ExitStatus::lost();
  }
}

}  // namespace

ExitWatcher::ExitWatcher(pid_t pid, std::shared_ptr<SubjectLog> log)
    : thread_([pid, log = std::move(log)] {
        siginfo_t info{};
        int result = 0;
        do {
          result = ::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOWAIT);
        } while (result != 0 && errno == EINTR);
        // ECHILD: someone else in the harness reaped it (a waitpid(-1)); it
        // ended all the same, only how is unknown.
        log->mark_ended(result == 0 ? status_from(info) : ExitStatus::lost(), Clock::now());
      }) {}

ExitWatcher::~ExitWatcher() {
  if (thread_.joinable()) thread_.join();
}

void ExitWatcher::detach() {
  if (thread_.joinable()) thread_.detach();
}

}  // namespace wsh::launch
