#pragma once
// The driver's front door: probe subjects, plan results, run them in
// parallel, compare with baselines.

#include <functional>
#include <stdexcept>

#include "cases/baseline.hpp"
#include "cases/case_loader.hpp"
#include "engine/result.hpp"
#include "engine/run_options.hpp"
#include "engine/run_stop.hpp"

namespace wsh::engine {

// A problem that stops the run before any result (exit code 2): a subject
// that will not start, a baseline that does not parse.
class SetupError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Starts each available subject once to read its hello (implementation,
// version, roles, features). Throws SetupError naming the subject, what it
// did, and its stderr tail.
void probe_subjects(std::vector<SubjectSpec>& subjects);

// The fault registry as the case loader needs it.
cases::FaultValidator fault_validator();

// One planned result: which case, subject, role and transport, with its seed.
struct PlannedResult {
  const cases::CaseInstance* instance = nullptr;
  const SubjectSpec* subject = nullptr;
  cases::Role role = cases::Role::Server;
  Transport transport = Transport::Ws;
  std::uint64_t seed = 0;
};

// The seed of one result: a function of the run seed and the result's
// identity only, so any result replays alone.
std::uint64_t result_seed(std::uint64_t run_seed, std::string_view result_id, std::string_view subject,
                          cases::Role role, Transport transport);

// The seed of run `run` (1-based) of a repeated case: run 1 keeps the
// result's own seed, so `repeat = 1` changes nothing; later runs get seeds
// derived from it alone, so every run is reproducible.
std::uint64_t run_seed(std::uint64_t result_seed, int run);

std::vector<PlannedResult> plan_results(const RunOptions& options, const cases::Catalogue& catalogue);

// Called from worker threads, one call at a time (the engine serialises).
using ProgressCallback = std::function<void(const CaseResult& result, std::size_t done, std::size_t total)>;

// Runs every planned result with `options.jobs` workers and fills
// `expected` from the baselines. Results come back in plan order. With
// `stop`: no result starts once it is stopped (it stops itself after
// `options.max_failures` unexpected results), and a result still running
// when it is interrupted is left out; the results not returned were not run.
std::vector<CaseResult> execute(const RunOptions& options, const std::vector<PlannedResult>& plan,
                                const std::map<std::string, cases::Baseline>& baselines,
                                const ProgressCallback& progress, RunStop* stop = nullptr);

// The key of RunOptions::previous_duration_ms.
std::string duration_key(std::string_view subject, cases::Role role, Transport transport, std::string_view id);

// The subject's baseline file: cases/expectations/<name before '@'>.toml.
std::filesystem::path baseline_path(const RunOptions& options, const SubjectSpec& subject);

}  // namespace wsh::engine
