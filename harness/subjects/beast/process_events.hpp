#pragma once
// What wakes the main thread, which owns the process's lifetime: a shutdown
// request (/shutdown from any connection, or SIGTERM from the signal thread)
// and, in the client role, the fate of its one connection (it opened and
// finished, or it never opened). Everything else happens on the io threads.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

namespace wsh::subject::beast_subject {

struct ProcessState {
  bool shutdown_requested = false;
  bool connection_opened = false;              // client role
  bool connection_finished = false;            // client role: its cleanup ran
  std::optional<std::string> connect_failure;  // client role: why it never opened
};

class ProcessEvents {
 public:
  using Clock = std::chrono::steady_clock;
  using Predicate = std::function<bool(const ProcessState&)>;

  void request_shutdown();
  void connection_opened();
  void connection_finished();
  void connect_failed(std::string reason);

  // Blocks until `done` holds for the state, or until `deadline` when given;
  // returns the state at that moment.
  ProcessState wait_until(const Predicate& done, std::optional<Clock::time_point> deadline = {});

 private:
  template <typename Change>
  void update(Change change);

  std::mutex mutex_;
  std::condition_variable changed_;
  ProcessState state_;
};

}  // namespace wsh::subject::beast_subject
