#include "graceful_shutdown.hpp"

#include <string>

#include "chat_command.hpp"
#include "stderr_log.hpp"

namespace wsh::subject::beast_subject {
namespace {

// After an abort the read fails at once; this only covers scheduling.
constexpr std::chrono::milliseconds kAfterAbortBound{1000};

}  // namespace

bool close_all_gracefully(ConnectionRegistry& registry, std::chrono::milliseconds grace) {
  const auto start = ConnectionRegistry::Clock::now();
  registry.close_all(kGoingAway, std::string(kShutdownReason));
  if (registry.wait_until_empty(start + grace)) return true;

  log_line("shutdown: " + std::to_string(registry.size()) +
           " connection(s) still open after the grace period; dropping them");
  registry.abort_all();
  if (!registry.wait_until_empty(ConnectionRegistry::Clock::now() + kAfterAbortBound)) {
    log_line("shutdown: " + std::to_string(registry.size()) +
             " connection(s) did not finish after abort; exiting anyway");
  }
  return false;
}

}  // namespace wsh::subject::beast_subject
