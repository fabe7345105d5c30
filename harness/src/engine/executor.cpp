// Runs the plan with N workers; each result is independent (its own subject
// process, its own ports), so workers share nothing but the queue
// (engine/work_queue.hpp, which also keeps CPU-heavy results to one per core).

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fmt/format.h>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "engine/case_runner.hpp"
#include "engine/engine.hpp"
#include "engine/hang_lanes.hpp"
#include "engine/url_runner.hpp"
#include "engine/work_queue.hpp"
#include "net/net_error.hpp"
#include "net/tls_material.hpp"

namespace wsh::engine {
namespace {

// The baseline entry that decides a result, or nullptr (expected PASS).
const cases::BaselineEntry* baseline_entry(const PlannedResult& planned, const cases::Baseline* baseline) {
  if (!baseline) return nullptr;
  return baseline->find(planned.instance->result_id, cases::role_name(planned.role), transport_name(planned.transport),
                        cases::subject_version(planned.subject->name));
}

oracles::Expectation expectation_of(const cases::BaselineEntry& entry) {
  oracles::Expectation expected;
  expected.verdicts.clear();
  for (const auto& name : entry.verdicts) expected.verdicts.push_back(*oracles::parse_verdict(name));
  expected.intermittent = entry.intermittent;
  expected.rate = entry.rate;
  return expected;
}

// Where the outcome is decided, once for every report: the result against
// its baseline entry (or PASS), and a SKIP against what the subject promises.
void judge_against_baseline(CaseResult& result, const cases::BaselineEntry* entry, const cases::Baseline* baseline) {
  if (entry) {
    result.expected = expectation_of(*entry);
    result.expected_reason = entry->reason;
    result.expected_link = entry->link;
    result.expected_where = entry->where.to_string();
  }
  bool skip_holds = true;
  if (const auto& needs = result.skip_needs; needs && baseline) {
    const bool promised = needs->kind == CaseResult::SubjectNeed::Kind::Role ? baseline->promises_role(needs->what)
                                                                             : baseline->promises_feature(needs->what);
    if (promised) {
      skip_holds = false;
      result.reason += fmt::format("; yet the subject's baseline promises {} (its [subject] table)", needs->text());
    }
  }
  result.outcome = oracles::judge_outcome(result.verdict, result.expected, skip_holds);
}

// How long a result is likely to take, to start the longest first: what it
// took in the previous run when known (the report directory's index.json),
// else what the case declares: every run of a repeated case, each at least
// its drain; a fleet's connections. Only the order depends on it.
double expected_cost(const PlannedResult& planned, const RunOptions& options) {
  const auto& instance = *planned.instance;
  if (!options.previous_duration_ms.empty()) {
    const auto it = options.previous_duration_ms.find(
        duration_key(planned.subject->name, planned.role, planned.transport, instance.result_id));
    if (it != options.previous_duration_ms.end()) return static_cast<double>(it->second);
  }
  const double per_run = 1000.0 + static_cast<double>(instance.drain.count());
  const double connections = instance.fleet ? std::max(1, instance.fleet->connections) : 1;
  return per_run * std::max(1, instance.repeat) * (1.0 + connections / 100.0) *
         (planned.role == cases::Role::Pair ? 2.0 : 1.0);
}

// A result that moves a megabyte or more through the harness and the subject
// (masking, UTF-8 validation, the echo) is bound by CPU, not by waits.
constexpr std::uint64_t kHeavyBytes = 1024 * 1024;

bool cpu_heavy(const cases::CaseInstance& instance) {
  std::uint64_t bytes = 0;
  for (const auto& located : instance.steps) {
    const auto* send = std::get_if<cases::SendStep>(&located.step);
    if (!send) continue;
    // max_message is bound per subject later; every subject's is megabytes.
    if (send->size_from_max_message) return true;
    bytes += static_cast<std::uint64_t>(send->payload.size()) * static_cast<std::uint64_t>(std::max(1, send->repeat));
  }
  return bytes >= kHeavyBytes;
}

// The result's handler never returned (app.handler-returned failed).
bool handler_never_returned(const CaseResult& result) {
  return std::any_of(result.findings.begin(), result.findings.end(), [](const oracles::Finding& finding) {
    return finding.oracle == "app.handler-returned" && finding.verdict != oracles::Verdict::Pass;
  });
}

// Returns a result's index to the queue when its worker is done with it.
struct HandBack {
  WorkQueue& queue;
  std::size_t index;
  HandBack(WorkQueue& queue_, std::size_t index_) : queue(queue_), index(index_) {}
  HandBack(const HandBack&) = delete;
  HandBack& operator=(const HandBack&) = delete;
  ~HandBack() { queue.done(index); }
};

// Plan indices, longest expected first; ties keep plan order. A run whose
// last minutes are one long result on one worker while the others idle is
// as slow as that result allows.
std::vector<std::size_t> start_order(const std::vector<PlannedResult>& plan, const RunOptions& options) {
  std::vector<double> costs;
  costs.reserve(plan.size());
  for (const auto& planned : plan) costs.push_back(expected_cost(planned, options));
  std::vector<std::size_t> order(plan.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return costs[a] > costs[b]; });
  return order;
}

}  // namespace

std::string duration_key(std::string_view subject, cases::Role role, Transport transport, std::string_view id) {
  return fmt::format("{}|{}|{}|{}", subject, cases::role_name(role), transport_name(transport), id);
}

std::vector<CaseResult> execute(const RunOptions& options, const std::vector<PlannedResult>& plan,
                                const std::map<std::string, cases::Baseline>& baselines,
                                const ProgressCallback& progress, RunStop* stop) {
  const bool needs_tls =
      std::any_of(plan.begin(), plan.end(), [](const PlannedResult& p) { return p.transport == Transport::Wss; });
  // A throwaway CA and server certificate for this run, removed afterwards.
  std::optional<net::ScopedPki> pki;
  if (needs_tls) {
    try {
      pki.emplace();
    } catch (const net::NetError& error) {
      throw SetupError(std::string("cannot make the run's TLS certificates: ") + error.what());
    }
  }
  HangMemory hangs;
  const RunContext context{options, pki ? &pki->material() : nullptr, &hangs};

  std::vector<std::optional<CaseResult>> results(plan.size());
  std::vector<bool> heavy;
  heavy.reserve(plan.size());
  for (const auto& planned : plan) heavy.push_back(cpu_heavy(*planned.instance));
  WorkQueue queue(start_order(plan, options), std::move(heavy),
                  static_cast<int>(std::max(1U, std::thread::hardware_concurrency())));
  std::mutex progress_mutex;
  std::size_t done = 0;
  int failures = 0;

  // Extra workers for a subject whose handler mostly does not return
  // (engine/hang_lanes.hpp): they take only that subject's light results, and
  // only when the run may use more than one worker. No wait is shortened, so
  // a subject that is merely slow is judged as before.
  std::mutex lanes_mutex;
  std::vector<std::thread> hang_lanes;
  std::map<std::string, HangTally> tallies;

  // Runs results from `next` until it has none or the run stops.
  std::function<void(const std::function<std::optional<std::size_t>()>&)> work;
  const auto count_for_lanes = [&](const std::string& subject, const CaseResult& result) {
    if (options.jobs <= 1) return;
    std::lock_guard lock(lanes_mutex);
    if (!tallies[subject].count(handler_never_returned(result))) return;
    const auto next = [&queue, &plan, subject] {
      return queue.take_light_if([&](std::size_t index) { return plan[index].subject->name == subject; });
    };
    for (int i = 0; i < kHangLanes; ++i) hang_lanes.emplace_back([&work, next] { work(next); });
  };

  work = [&](const std::function<std::optional<std::size_t>()>& next) {
    while (!(stop && stop->stopped())) {
      const auto taken = next();
      if (!taken) return;
      const std::size_t index = *taken;
      // However this iteration ends, or a worker waiting for a heavy slot
      // would wait for ever.
      const HandBack hand_back{queue, index};
      if (stop && stop->stopped()) return;
      const auto& planned = plan[index];
      const auto found = baselines.find(cases::subject_base_name(planned.subject->name));
      const cases::Baseline* baseline = found == baselines.end() ? nullptr : &found->second;
      const auto* entry = baseline_entry(planned, baseline);
      // A known race repeats until it shows (or its repeats run out).
      const int limit = std::max(planned.instance->repeat, entry && entry->intermittent ? entry->repeats() : 1);
      auto skipped = planned.subject->url ? url_skip_reason(planned) : skip_reason(planned);
      CaseResult result = skipped ? std::move(*skipped) : run_repeated(planned, context, limit);
      judge_against_baseline(result, entry, baseline);
      count_for_lanes(planned.subject->name, result);
      std::lock_guard lock(progress_mutex);
      // An interrupted run kills the subjects under the running results:
      // what they report is that kill, so they count as not run.
      if (stop && stop->interrupted()) return;
      results[index] = std::move(result);
      ++done;
      if (progress) progress(*results[index], done, plan.size());
      if (stop && options.max_failures > 0 && results[index]->outcome == oracles::Outcome::Unexpected &&
          ++failures >= options.max_failures)
        stop->stop(
            fmt::format("stopped after {} unexpected result(s) (--max-failures {})", failures, options.max_failures));
    }
  };
  const auto worker = [&] { work([&queue] { return queue.take(); }); };
  const int jobs = std::max(1, std::min<int>(options.jobs, static_cast<int>(std::max<std::size_t>(plan.size(), 1))));
  std::vector<std::thread> workers;
  for (int i = 1; i < jobs; ++i) workers.emplace_back(worker);
  worker();
  for (auto& thread : workers) thread.join();
  // Every lane was opened by a worker joined above, or by a lane (which
  // opens none: its subject is laned already).
  std::vector<std::thread> lanes;
  {
    std::lock_guard lock(lanes_mutex);
    lanes.swap(hang_lanes);
  }
  for (auto& thread : lanes) thread.join();
  std::vector<CaseResult> finished;
  finished.reserve(plan.size());
  for (auto& result : results)
    if (result) finished.push_back(std::move(*result));
  return finished;
}

}  // namespace wsh::engine
