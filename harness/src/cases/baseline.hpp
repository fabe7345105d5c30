#pragma once
// Per-subject baselines (cases/expectations/<subject>.toml): the results
// expected to differ from PASS, each with the reason and the RFC text or
// upstream issue (cases/README.md, "Baselines").
//
// An entry names one verdict, and is then strict: a result that comes out
// PASS instead is XPASS. A race names the failing verdicts it shows as with
// `intermittent = [...]` and the `rate` it was measured at; the case then
// repeats until the race shows, and a race that does not show in its
// repeats is NOT-REPRODUCED. No entry accepts PASS among other verdicts.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "cases/load_error.hpp"
#include "cases/version_range.hpp"

namespace wsh::cases {

struct BaselineEntry {
  std::string id_glob;                       // result id; *, ? and {a,b} match
  std::optional<std::string> role;           // server | client | pair
  std::optional<std::string> transport;      // ws | wss
  std::optional<VersionRange> versions;      // only these releases ("<0.47.0"); needs a subject@version name
  std::optional<std::string> versions_text;  // as written, for messages and rewriting
  std::vector<std::string> verdicts;         // one (strict) or, with `intermittent`, the race's failing verdicts
  bool intermittent = false;
  std::optional<double> rate;  // intermittent: share of runs the race showed in
  std::optional<int> repeat;   // intermittent: runs before NOT-REPRODUCED (default: from the rate)
  std::string spans;           // why an id glob may cover several cases (empty: it may not)
  std::string reason;
  std::string link;
  std::string comment;  // the comment lines just above the entry, kept by `baseline update`
  SourceLocation where;

  // The runs a race is given: `repeat` when set, else enough that a race
  // seen at `rate` is missed in fewer than one run of the suite in a
  // thousand, capped at kMaxRepeat.
  int repeats() const;
  static constexpr int kMaxRepeat = 200;
};

// What the subject promises to support (`[subject]`): a SKIP for lack of a
// promised role or feature is unexpected, so a subject that silently lost
// its "tls" feature cannot turn every wss result into a quiet SKIP.
struct SubjectPromise {
  std::vector<std::string> roles;
  std::vector<std::string> features;
  std::vector<std::string> tested_versions;  // releases the entries were measured on (baseline check)
};

struct Baseline {
  std::vector<BaselineEntry> entries;
  SubjectPromise promise;
  std::string header_comment;   // the comment lines that open the file, kept by `baseline update`
  std::string promise_comment;  // the comment lines just above [subject], likewise
  LoadErrors errors;

  // The entry that decides a result, nullptr when none matches (expected
  // PASS); the last matching entry wins, so a file can say "all of X" and
  // then refine. `version`: the subject's release (from "httplib@0.33.0");
  // an entry with `versions` never matches a subject without one.
  const BaselineEntry* find(std::string_view result_id, std::string_view role, std::string_view transport,
                            const std::optional<Version>& version = std::nullopt) const;
  bool promises_role(std::string_view role) const;
  bool promises_feature(std::string_view feature) const;
};

// A missing file is an empty baseline (every result expected to PASS).
Baseline load_baseline(const std::filesystem::path& file, const std::filesystem::path& display_root);
Baseline load_baseline_text(std::string_view text, const std::string& name);

// Matching on the whole string: * and ? as in fnmatch, and {a,b} for one of
// several alternatives; '[' is an ordinary character (result ids hold it).
bool glob_match(std::string_view pattern, std::string_view text);

// The verdict names a baseline may use.
bool is_verdict_name(std::string_view name);

}  // namespace wsh::cases
