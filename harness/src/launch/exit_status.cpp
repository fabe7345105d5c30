#include "launch/exit_status.hpp"

#include <fmt/format.h>
#include <sys/wait.h>

#include <csignal>
#include <cstring>

namespace wsh::launch {

ExitStatus ExitStatus::from_wait_status(int status) {
  if (WIFEXITED(status)) return exited(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return signaled(WTERMSIG(status), WCOREDUMP(status));
  return running();  // stopped or continued: still alive
}

std::string ExitStatus::describe() const {
  switch (state_) {
    case State::Running: return "still running";
    case State::Exited: return fmt::format("exited with code {}", value_);
    case State::Signaled:
      return fmt::format("killed by {}{}", signal_name(value_), core_dumped_ ? " (core dumped)" : "");
    case State::Lost: return "ended (its exit status was collected elsewhere)";
  }
  return "in an unknown state";
}

std::string signal_name(int signal) {
  // sigabbrev_np (glibc 2.32) is thread-safe and never allocates; strsignal
  // gives prose ("Segmentation fault") and is not thread-safe.
  if (const char* abbreviation = sigabbrev_np(signal)) return fmt::format("SIG{}", abbreviation);
  return fmt::format("signal {}", signal);
}

}  // namespace wsh::launch
