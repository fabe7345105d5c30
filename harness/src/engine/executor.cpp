// Runs the plan with N workers; each result is independent (its own subject
// process, its own ports), so workers share nothing but the queue.

#include <atomic>
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

void apply_baseline(CaseResult& result, const std::map<std::string, cases::Baseline>& baselines) {
  const auto base = result.subject.substr(0, result.subject.find('@'));
  const auto it = baselines.find(base);
  if (it == baselines.end()) return;
  const auto* entry = it->second.find(result.id, cases::role_name(result.role), transport_name(result.transport),
                                      cases::subject_version(result.subject));
  if (!entry) return;
  result.expected = entry->verdict;
  result.expected_reason = entry->reason;
  result.expected_link = entry->link;
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
      auto skipped = skip_reason(plan[index]);
      CaseResult result = skipped ? std::move(*skipped) : run_repeated(plan[index], context);
      apply_baseline(result, baselines);
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
