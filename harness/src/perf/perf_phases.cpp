#include "perf/perf_phases.hpp"

#include <fmt/format.h>
#include <functional>
#include <thread>
#include <vector>

namespace wsh::perf {
namespace {

using Clock = launch::Clock;

// Runs cycles while `more()` says so, counting them into `counts`, and
// hands each outcome to `sample`. Stops early on too many failures or a
// subject that exited; then waits for late cleanups and tallies them.
void run_phase(const launch::Subject& subject, const CycleTarget& target, const PhaseLimits& limits, std::uint64_t seed,
               PhaseCounts& counts, const std::function<bool()>& more,
               const std::function<void(const CycleOutcome&)>& sample) {
  const std::size_t first_event = subject.event_count();
  const auto started = Clock::now();
  std::vector<launch::ConnId> opened;
  std::size_t failed = 0;
  while (more()) {
    if (subject.exit_status().has_ended()) {
      counts.stopped_early = "the subject exited: " + subject.exit_status().describe();
      break;
    }
    const auto outcome = run_close_cycle(target, subject, seed + counts.attempted);
    ++counts.attempted;
    if (outcome.opened) opened.push_back(outcome.conn);
    sample(outcome);
    if (outcome.failure == CycleFailure::None) {
      ++counts.completed;
      continue;
    }
    ++counts.failures[std::string(failure_name(outcome.failure))];
    if (counts.first_failure.empty())
      counts.first_failure =
          fmt::format("connection {}: {}: {}", counts.attempted, failure_name(outcome.failure), outcome.detail);
    if (++failed >= limits.max_failures) {
      counts.stopped_early = fmt::format("stopped after {} failed connections", failed);
      break;
    }
  }
  counts.elapsed = std::chrono::duration_cast<Millis>(Clock::now() - started);

  // Late cleanups (a failed cycle stopped waiting for its own) get a bounded
  // chance to arrive; then a short settle lets a duplicate show itself.
  const auto late_deadline = Clock::now() + target.stage_timeout;
  while (Clock::now() < late_deadline && !subject.exit_status().has_ended()) {
    const auto tally = tally_cleanups(opened, subject.events_since(first_event));
    if (tally.missing == 0) break;
    std::this_thread::sleep_for(Millis(10));
  }
  std::this_thread::sleep_for(limits.settle);
  counts.cleanups = tally_cleanups(opened, subject.events_since(first_event));
}

}  // namespace

LatencyResult measure_close_latency(const launch::Subject& subject, const CycleTarget& target, std::size_t connections,
                                    const PhaseLimits& limits, std::uint64_t seed) {
  LatencyResult result;
  result.planned = connections;
  std::vector<Micros> close_reply, tcp_close, cleanup;
  close_reply.reserve(connections);
  tcp_close.reserve(connections);
  cleanup.reserve(connections);
  run_phase(
      subject, target, limits, seed, result.counts, [&] { return result.counts.attempted < connections; },
      [&](const CycleOutcome& outcome) {
        // Only cycles that ended cleanly give latencies: a timed-out stage
        // is a failure, not a very long sample.
        if (outcome.failure != CycleFailure::None) return;
        close_reply.push_back(*outcome.close_reply);
        tcp_close.push_back(*outcome.tcp_close);
        cleanup.push_back(*outcome.cleanup);
      });
  result.close_reply = spread_of(std::move(close_reply));
  result.tcp_close = spread_of(std::move(tcp_close));
  result.cleanup = spread_of(std::move(cleanup));
  return result;
}

ChurnResult measure_churn(const launch::Subject& subject, const CycleTarget& target, Millis duration,
                          const PhaseLimits& limits, std::uint64_t seed) {
  ChurnResult result;
  result.planned = duration;
  const auto end = Clock::now() + duration;
  run_phase(
      subject, target, limits, seed, result.counts, [&] { return Clock::now() < end; }, [](const CycleOutcome&) {});
  // Cycles per second of the cycles' own time, not of the settle after them.
  const double seconds = std::chrono::duration<double>(result.counts.elapsed).count();
  result.per_second = seconds > 0 ? static_cast<double>(result.counts.completed) / seconds : 0;
  return result;
}

}  // namespace wsh::perf
