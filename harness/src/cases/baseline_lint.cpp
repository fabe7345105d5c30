#include "cases/baseline_lint.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <optional>
#include <set>

namespace wsh::cases {
namespace {

// One result a baseline can speak of: a case instance in one role over one
// transport, for one release of the subject (nullopt: a subject without a
// version, such as "beast").
struct ResultKey {
  const CaseInstance* instance;
  std::string role;
  std::string transport;
  std::optional<Version> version;
};

std::vector<ResultKey> every_result(const Catalogue& catalogue, const std::vector<std::optional<Version>>& versions) {
  std::vector<ResultKey> keys;
  for (const auto& instance : catalogue.cases)
    for (const auto role : instance.roles)
      for (const auto& transport : instance.transports)
        for (const auto& version : versions)
          keys.push_back({&instance, std::string(role_name(role)), transport, version});
  return keys;
}

bool matches(const BaselineEntry& entry, const ResultKey& key) {
  if (entry.role && *entry.role != key.role) return false;
  if (entry.transport && *entry.transport != key.transport) return false;
  if (entry.versions && !(key.version && entry.versions->contains(*key.version))) return false;
  return glob_match(entry.id_glob, key.instance->result_id);
}

}  // namespace

std::vector<BaselineProblem> lint_baseline(const Baseline& baseline, const Catalogue& catalogue) {
  std::vector<BaselineProblem> problems;
  // The releases the entries are judged on: each tested one, and "no version".
  std::vector<std::optional<Version>> versions{std::nullopt};
  for (const auto& text : baseline.promise.tested_versions) versions.push_back(Version::parse(text));
  const auto keys = every_result(catalogue, versions);

  for (std::size_t i = 0; i < baseline.entries.size(); ++i) {
    const auto& entry = baseline.entries[i];
    const auto report = [&](std::string message) { problems.push_back({entry.where, std::move(message)}); };

    std::size_t matched = 0, decided = 0;
    std::set<std::string> families;
    for (const auto& key : keys) {
      if (!matches(entry, key)) continue;
      ++matched;
      families.insert(key.instance->case_id);
      const bool hidden =
          std::any_of(baseline.entries.begin() + static_cast<std::ptrdiff_t>(i) + 1, baseline.entries.end(),
                      [&](const BaselineEntry& later) { return matches(later, key); });
      if (!hidden) ++decided;
    }
    if (entry.versions && versions.size() == 1)
      report(fmt::format("'versions = \"{}\"' cannot be checked: the file's [subject] names no tested_versions",
                         entry.versions_text.value_or("")));
    else if (entry.versions && matched == 0 && std::none_of(versions.begin() + 1, versions.end(), [&](const auto& v) {
               return v && entry.versions->contains(*v);
             }))
      report(fmt::format("'versions = \"{}\"' holds none of the tested versions ({})", entry.versions_text.value_or(""),
                         fmt::join(baseline.promise.tested_versions, ", ")));
    else if (matched == 0)
      report(fmt::format("stale: '{}'{}{} matches no result of the catalogue", entry.id_glob,
                         entry.role ? " in the " + *entry.role + " role" : "",
                         entry.transport ? " over " + *entry.transport : ""));
    else if (decided == 0) report("shadowed: a later entry decides every result this one matches");
    if (families.size() > 1 && entry.spans.empty()) {
      std::vector<std::string> named(families.begin(), families.end());
      if (named.size() > 3) named.resize(3), named.emplace_back("...");
      report(fmt::format("'{}' covers {} cases ({}); name one case, or say why in 'spans'", entry.id_glob,
                         families.size(), fmt::join(named, ", ")));
    }
  }
  return problems;
}

}  // namespace wsh::cases
