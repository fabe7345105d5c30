#pragma once
// `wsharness baseline update REPORT_DIR`: a baseline narrowed to what a run
// saw, keeping every reason. It removes a strict entry whose every result
// passed (XPASS), narrows one to the role or transport where its departure
// still shows, and refreshes a race's rate from its repeats. It never
// widens silently: an unexpected result becomes a new entry only when
// widening is allowed, and is otherwise listed as what would be added.

#include <optional>
#include <string>
#include <vector>

#include "cases/baseline.hpp"

namespace wsh::cases {

// One result of the run, as index.json records it.
struct ObservedResult {
  std::string id;
  std::string role;
  std::string transport;
  std::optional<Version> version;  // from the subject's name, "httplib@0.53.1"
  std::string version_text;
  std::string verdict;
  std::string outcome;  // as-expected, unexpected, xpass, not-reproduced, skipped
  int runs = 1;         // runs made (a repeated case's attempts)
};

struct BaselineUpdate {
  Baseline updated;
  std::vector<std::string> changes;    // what was narrowed, in words
  std::vector<std::string> widenings;  // unexpected results: added with allow_widen, else only listed
  std::vector<std::string> notes;      // what a person should look at (races not reproduced, partial XPASS)
};

BaselineUpdate update_baseline(const Baseline& baseline, const std::vector<ObservedResult>& results, bool allow_widen,
                               const std::string& seen_in);

}  // namespace wsh::cases
