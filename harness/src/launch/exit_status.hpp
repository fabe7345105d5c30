#pragma once
// How a subject process ended, or that it has not.

#include <string>

namespace wsh::launch {

class ExitStatus {
 public:
  enum class State {
    Running,   // not ended yet (or not known to have)
    Exited,    // exit(code)
    Signaled,  // killed by a signal
    Lost,      // ended, but its status was collected by someone else (ECHILD)
  };

  static ExitStatus running() { return ExitStatus(State::Running, 0, false); }
  static ExitStatus exited(int code) { return ExitStatus(State::Exited, code, false); }
  static ExitStatus signaled(int signal, bool core_dumped = false) {
    return ExitStatus(State::Signaled, signal, core_dumped);
  }
  static ExitStatus lost() { return ExitStatus(State::Lost, 0, false); }
  // From a waitpid() status word.
  static ExitStatus from_wait_status(int status);

  State state() const { return state_; }
  bool is_running() const { return state_ == State::Running; }
  bool has_ended() const { return state_ != State::Running; }
  bool is_exited() const { return state_ == State::Exited; }
  bool is_signaled() const { return state_ == State::Signaled; }
  // Meaningful only when is_exited() / is_signaled().
  int exit_code() const { return state_ == State::Exited ? value_ : -1; }
  int signal() const { return state_ == State::Signaled ? value_ : 0; }
  bool core_dumped() const { return core_dumped_; }

  // "still running", "exited with code 3", "killed by SIGSEGV (core dumped)".
  std::string describe() const;

  bool operator==(const ExitStatus&) const = default;

 private:
  ExitStatus(State state, int value, bool core_dumped) : state_(state), value_(value), core_dumped_(core_dumped) {}

  State state_;
  int value_;
  bool core_dumped_;
};

// "SIGSEGV" for 11; "signal 64" when the number has no name.
std::string signal_name(int signal);

}  // namespace wsh::launch
