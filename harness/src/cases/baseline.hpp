#pragma once
// Per-subject baselines (cases/expectations/<subject>.toml): the results
// expected to differ from PASS, each with the reason and the RFC text or
// upstream issue. A run is green when every result matches its expectation.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "cases/load_error.hpp"
#include "cases/version_range.hpp"

namespace wsh::cases {

struct BaselineEntry {
  std::string id_glob;                   // result id; * and ? match
  std::optional<std::string> role;       // server | client | pair
  std::optional<std::string> transport;  // ws | wss
  std::optional<VersionRange> versions;  // only these releases ("<0.47.0"); needs a subject@version name
  std::string verdict;                   // PASS, NON-STRICT, FAIL, ...; "FAIL|PASS" for a race
  std::string reason;
  std::string link;
  SourceLocation where;
};

struct Baseline {
  std::vector<BaselineEntry> entries;
  LoadErrors errors;

  // The expected verdict for a result, "PASS" when no entry matches; the last
  // matching entry wins, so a file can say "all of X" and then refine.
  // `version`: the subject's release (from "httplib@0.33.0"); an entry with
  // `versions` never matches a subject without one.
  const BaselineEntry* find(std::string_view result_id, std::string_view role, std::string_view transport,
                            const std::optional<Version>& version = std::nullopt) const;
};

// A missing file is an empty baseline (every result expected to PASS).
Baseline load_baseline(const std::filesystem::path& file, const std::filesystem::path& display_root);
Baseline load_baseline_text(std::string_view text, const std::string& name);

// fnmatch-style matching of * and ?, on the whole string.
bool glob_match(std::string_view pattern, std::string_view text);

}  // namespace wsh::cases
