#include "process_events.hpp"

#include <utility>

namespace wsh::subject::beast_subject {

template <typename Change>
void ProcessEvents::update(Change change) {
  {
    std::lock_guard lock(mutex_);
    change(state_);
  }
  changed_.notify_all();
}

void ProcessEvents::request_shutdown() {
  update([](ProcessState& state) { state.shutdown_requested = true; });
}

void ProcessEvents::connection_opened() {
  update([](ProcessState& state) { state.connection_opened = true; });
}

void ProcessEvents::connection_finished() {
  update([](ProcessState& state) { state.connection_finished = true; });
}

void ProcessEvents::connect_failed(std::string reason) {
  update([&reason](ProcessState& state) {
    if (!state.connect_failure) state.connect_failure = std::move(reason);
  });
}

ProcessState ProcessEvents::wait_until(const Predicate& done, std::optional<Clock::time_point> deadline) {
  std::unique_lock lock(mutex_);
  const auto holds = [&] { return done(state_); };
  if (deadline) {
    changed_.wait_until(lock, *deadline, holds);
  } else {
    changed_.wait(lock, holds);
  }
  return state_;
}

}  // namespace wsh::subject::beast_subject
