#pragma once
// What a result's verdict means against what its subject's baseline expected
// of it: the one place the harness decides whether a result is a surprise.
// The CLI summary, the exit code, index.json, JUnit and the HTML report all
// read the outcome computed here; none of them recompute it.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "oracles/verdict.hpp"

namespace wsh::oracles {

enum class Outcome {
  AsExpected,     // the verdict is the one expected
  Unexpected,     // the verdict is not among those expected: a regression or a new finding
  XPass,          // a single expected non-PASS verdict came out PASS: fixed? narrow the entry
  NotReproduced,  // a known race did not show in any of its repeats
  Skipped,        // SKIP for a reason that still holds (a role or feature the subject does not promise)
};

std::string_view outcome_name(Outcome outcome);  // "as-expected", "unexpected", "xpass", ...
std::optional<Outcome> parse_outcome(std::string_view name);

// What a result is expected to be. One verdict is strict: anything else is
// unexpected, and PASS in its place is XPASS. A race (`intermittent`) names
// the failing verdicts it shows as: the case repeats until one shows, and a
// race that never shows (every run passed) is NOT-REPRODUCED.
struct Expectation {
  std::vector<Verdict> verdicts = {Verdict::Pass};
  bool intermittent = false;
  std::optional<double> rate;  // intermittent: share of runs the race showed in when measured
};

// For people: "FAIL", or "TIMEOUT or PASS (a race seen in 30 % of runs)".
std::string expected_text(const Expectation& expected);

// `skip_holds`: for a SKIP, whether its reason still holds (the subject's
// baseline does not promise the role or feature that was missing).
Outcome judge_outcome(Verdict verdict, const Expectation& expected, bool skip_holds);

// Whether the run passes with this outcome: an unexpected result always
// fails it; XPASS fails it under --strict (a baseline entry that no longer
// matches must be narrowed before it hides a regression).
bool outcome_fails_run(Outcome outcome, bool strict);

// A verdict no better than INFORMATIONAL: what a passing run of a case gives.
bool verdict_passes(Verdict verdict);

}  // namespace wsh::oracles
