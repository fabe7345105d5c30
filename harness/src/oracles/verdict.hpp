#pragma once
// Verdicts: Autobahn|Testsuite's vocabulary plus the harness's own outcomes
// (docs/ARCHITECTURE.md, "Verdicts and outcomes").

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wsh::oracles {

enum class Verdict {
  Pass,           // what the RFC demands, done the best way
  NonStrict,      // allowed by the RFC but not the best behaviour
  Informational,  // the RFC leaves it open: recorded, not judged
  Fail,           // a requirement was broken
  Error,          // the subject process broke (crash, sanitizer, bad output) or the harness did
  Timeout,        // a deadline passed
  Skip,           // not applicable: subject unavailable, role or feature unsupported
};

std::string_view verdict_name(Verdict verdict);  // "PASS", "NON-STRICT", ...

// The verdict named `name` (a baseline's "FAIL"), nullopt for any other text.
std::optional<Verdict> parse_verdict(std::string_view name);

// How bad a verdict is when several oracles speak about one result: the
// result takes the worst. ERROR > TIMEOUT > FAIL > NON-STRICT > INFORMATIONAL > PASS.
int severity(Verdict verdict);

// One oracle's judgement with the reason a reader needs: what was expected,
// what was observed ("expected close 1002 or a TCP drop; got close 1005").
struct Finding {
  Verdict verdict = Verdict::Pass;
  std::string oracle;  // "wire.close-code", "app.cleanup-once", ...
  std::string reason;
};

struct Judgement {
  Verdict verdict = Verdict::Pass;
  std::string reason;             // the worst finding's reason
  std::vector<Finding> findings;  // every non-PASS finding, worst first
};

// Combines findings into one verdict. `informational` turns a PASS, NON-STRICT
// or FAIL into INFORMATIONAL (the RFC leaves the outcome open), but never hides
// an ERROR or TIMEOUT: a crash is a crash whatever the case is about.
Judgement judge(std::vector<Finding> findings, bool informational);

}  // namespace wsh::oracles
