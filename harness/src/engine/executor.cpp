// Runs the plan with N workers; each result is independent (its own subject
// process, its own ports), so workers share nothing but the queue.

#include <atomic>
#include <fmt/format.h>
#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>

#include "engine/case_runner.hpp"
#include "engine/engine.hpp"
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
  if (!result.skip_needs.empty() && baseline) {
    const auto space = result.skip_needs.find(' ');
    const auto kind = std::string_view(result.skip_needs).substr(0, space);
    const auto what = std::string_view(result.skip_needs).substr(space + 1);
    const bool promised = kind == "role" ? baseline->promises_role(what) : baseline->promises_feature(what);
    if (promised) {
      skip_holds = false;
      result.reason += fmt::format("; yet the subject's baseline promises {} (its [subject] table)", result.skip_needs);
    }
  }
  result.outcome = oracles::judge_outcome(result.verdict, result.expected, skip_holds);
}

}  // namespace

std::vector<CaseResult> execute(const RunOptions& options, const std::vector<PlannedResult>& plan,
                                const std::map<std::string, cases::Baseline>& baselines,
                                const ProgressCallback& progress) {
  const bool needs_tls = std::any_of(plan.begin(), plan.end(),
                                     [](const PlannedResult& p) { return p.transport == Transport::Wss; });
  // A throwaway CA and server certificate for this run, removed afterwards.
  std::optional<net::ScopedPki> pki;
  if (needs_tls) {
    try {
      pki.emplace();
    } catch (const net::NetError& error) {
      throw SetupError(std::string("cannot make the run's TLS certificates: ") + error.what());
    }
  }
  const RunContext context{options, pki ? &pki->material() : nullptr};

  std::vector<CaseResult> results(plan.size());
  std::atomic<std::size_t> next{0};
  std::mutex progress_mutex;
  std::size_t done = 0;

  const auto worker = [&] {
    while (true) {
      const std::size_t index = next.fetch_add(1);
      if (index >= plan.size()) return;
      const auto& planned = plan[index];
      const auto found = baselines.find(cases::subject_base_name(planned.subject->name));
      const cases::Baseline* baseline = found == baselines.end() ? nullptr : &found->second;
      const auto* entry = baseline_entry(planned, baseline);
      // A known race repeats until it shows (or its repeats run out).
      const int limit = std::max(planned.instance->repeat, entry && entry->intermittent ? entry->repeats() : 1);
      auto skipped = skip_reason(planned);
      CaseResult result = skipped ? std::move(*skipped) : run_repeated(planned, context, limit);
      judge_against_baseline(result, entry, baseline);
      std::lock_guard lock(progress_mutex);
      results[index] = std::move(result);
      ++done;
      if (progress) progress(results[index], done, plan.size());
    }
  };
  const int jobs = std::max(1, std::min<int>(options.jobs, static_cast<int>(std::max<std::size_t>(plan.size(), 1))));
  std::vector<std::thread> workers;
  for (int i = 1; i < jobs; ++i) workers.emplace_back(worker);
  worker();
  for (auto& thread : workers) thread.join();
  return results;
}

}  // namespace wsh::engine
