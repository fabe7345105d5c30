// A case with `repeat = N` (cases/README.md), or a known race in a subject's
// baseline (`intermittent`): a race shows itself only in some runs, so the
// result runs the case up to N times, each against a fresh
// subject process with its own derived seed, and stops at the first run
// worse than PASS. The result reported is that run (or the last one), with
// how many runs it took: "failed on run 37 of 50" is the race's rate.

#include <algorithm>
#include <fmt/format.h>

#include "engine/case_runner.hpp"

namespace wsh::engine {
namespace {

// PASS, or INFORMATIONAL where the case is informational (the RFC leaves
// the outcome open): anything else is the failure a repeat hunts for.
bool run_failed(const CaseResult& result) { return !oracles::verdict_passes(result.verdict); }

}  // namespace

CaseResult run_repeated(const PlannedResult& planned, const RunContext& context, int limit) {
  limit = std::max(1, limit);
  if (limit == 1) return run_case(planned, context);

  std::chrono::milliseconds duration{0}, waited{0};
  CaseResult result;
  int run = 0;
  while (run < limit) {
    ++run;
    PlannedResult attempt = planned;
    attempt.seed = run_seed(planned.seed, run);
    result = run_case(attempt, context);
    duration += result.duration;
    waited += result.waited;
    if (run_failed(result)) break;
  }
  const bool failed = run_failed(result);
  result.runs = CaseResult::Runs{run, failed ? 1 : 0, limit};
  // The time the whole result took, every run included; the transcript's
  // timestamps stay those of the run reported.
  result.duration = duration;
  result.waited = waited;
  result.log.insert(result.log.begin(),
                    failed ? fmt::format("failed on run {} of {} (seed {})", run, limit, result.seed)
                           : fmt::format("passed all {} runs; this is the last (seed {})", limit, result.seed));
  return result;
}

}  // namespace wsh::engine
