#include "perf/subject_perf.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace wsh::perf {
namespace {

using Clock = launch::Clock;

constexpr Millis kStartupDeadline{5000};
constexpr Millis kStopGrace{2000};
// Thousands of connections, four events each: far above the launcher's
// per-case default, still bounded.
constexpr std::size_t kMaxEvents = 4u << 20;

bool phase_clean(const PhaseCounts& counts) {
  return counts.failures.empty() && counts.stopped_early.empty() && counts.cleanups.exact();
}

}  // namespace

bool SubjectPerf::clean() const {
  if (!error.empty() || !exit.empty() || sanitizer_report || protocol_violations > 0) return false;
  if (latency && (!phase_clean(latency->counts) || latency->counts.completed != latency->planned)) return false;
  if (churn && !phase_clean(churn->counts)) return false;
  return true;
}

SubjectPerf measure_subject(const PerfSubject& subject, const net::TlsMaterial* tls, const PerfSettings& settings) {
  SubjectPerf result;
  result.subject = subject.name;
  result.transport = tls ? "wss" : "ws";

  launch::LaunchSpec spec;
  spec.argv = subject.argv;
  spec.argv.insert(spec.argv.end(), {"server", "--port", "0"});
  if (tls)
    spec.argv.insert(spec.argv.end(), {"--tls-cert", tls->server_cert.string(), "--tls-key", tls->server_key.string()});
  spec.wrapper = subject.wrapper;
  spec.limits.max_events = kMaxEvents;
  result.command = fmt::format("{}", fmt::join(spec.command(), " "));

  std::unique_ptr<launch::Subject> process;
  try {
    process = launch::Subject::start(spec);
  } catch (const launch::LaunchError& error) {
    result.error = fmt::format("could not be started: {}", error.what());
    return result;
  }
  const auto hello = process->await_hello(Clock::now() + kStartupDeadline);
  if (hello) {
    result.impl = hello.event().hello->impl;
    result.version = hello.event().hello->version;
    if (tls && !hello.event().hello->has_feature("tls")) {
      result.error = "does not support wss:// (no \"tls\" feature in its hello)";
      process->stop(kStopGrace);
      return result;
    }
  }
  const auto ready = process->await_ready(Clock::now() + kStartupDeadline);
  if (!ready) {
    result.error = "did not become ready: " + ready.message();
    process->stop(kStopGrace);
    return result;
  }

  CycleTarget target;
  target.port = ready.event().port;
  target.tls = tls;
  target.stage_timeout = settings.stage_timeout;
  if (settings.connections > 0)
    result.latency = measure_close_latency(*process, target, settings.connections, settings.limits, settings.seed);
  if (settings.churn.count() > 0 && !process->exit_status().has_ended())
    result.churn =
        measure_churn(*process, target, settings.churn, settings.limits, settings.seed + settings.connections);

  const auto stopped = process->stop(kStopGrace);
  if (stopped.needed_kill) {
    result.exit = fmt::format("did not exit within {} ms of SIGTERM and was killed", kStopGrace.count());
  } else if (!(stopped.status.is_exited() && stopped.status.exit_code() == 0)) {
    result.exit = stopped.status.describe();
  }
  if (auto report = process->sanitizer_report()) result.sanitizer_report = report->first_lines;
  result.protocol_violations = process->protocol_violation_count();
  return result;
}

}  // namespace wsh::perf
