#include "shutdown_signal.hpp"

#include <csignal>
#include <thread>

namespace wsh::subject {

void on_termination_signal(std::function<void()> on_signal) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  // A closed peer must never kill a subject with SIGPIPE: writes report EPIPE.
  std::signal(SIGPIPE, SIG_IGN);

  std::thread([set, on_signal = std::move(on_signal)] {
    int signal_number = 0;
    if (sigwait(&set, &signal_number) == 0) on_signal();
  }).detach();
}

}  // namespace wsh::subject
