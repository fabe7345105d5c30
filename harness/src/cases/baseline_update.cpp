#include "cases/baseline_update.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <map>
#include <set>

namespace wsh::cases {
namespace {

std::optional<std::size_t> deciding_entry(const Baseline& baseline, const ObservedResult& result) {
  const auto* entry = baseline.find(result.id, result.role, result.transport, result.version);
  if (!entry) return std::nullopt;
  return static_cast<std::size_t>(entry - baseline.entries.data());
}

std::string describe(const BaselineEntry& entry) {
  return fmt::format("'{}' ({})", entry.id_glob, entry.where.to_string());
}

// The single value of `field` over `results`, when they agree.
template <typename Field>
std::optional<std::string> common(const std::vector<const ObservedResult*>& results, Field field) {
  std::set<std::string> values;
  for (const auto* result : results) values.insert(field(*result));
  if (values.size() != 1) return std::nullopt;
  return *values.begin();
}

// A strict entry some of whose results passed: narrowed to the transport or
// role where the departure still shows, when one of them tells the two apart.
bool narrow_partly_passing(BaselineEntry& entry, const std::vector<const ObservedResult*>& shown,
                           const std::vector<const ObservedResult*>& passed, std::vector<std::string>& changes) {
  const auto transport_of = [](const ObservedResult& r) { return r.transport; };
  const auto role_of = [](const ObservedResult& r) { return r.role; };
  const auto try_field = [&](std::optional<std::string>& slot, auto field, const char* what) {
    if (slot) return false;
    const auto keep = common(shown, field);
    if (!keep) return false;
    if (std::any_of(passed.begin(), passed.end(), [&](const ObservedResult* r) { return field(*r) == *keep; }))
      return false;
    slot = *keep;
    changes.push_back(fmt::format("narrowed {} to {} {}: it passed elsewhere", describe(entry), what, *keep));
    return true;
  };
  return try_field(entry.transport, transport_of, "transport") || try_field(entry.role, role_of, "role");
}

}  // namespace

BaselineUpdate update_baseline(const Baseline& baseline, const std::vector<ObservedResult>& results, bool allow_widen,
                               const std::string& seen_in) {
  BaselineUpdate update;
  update.updated = baseline;
  auto& entries = update.updated.entries;

  std::map<std::size_t, std::vector<const ObservedResult*>> decided;
  std::vector<const ObservedResult*> unmatched_surprises;
  for (const auto& result : results) {
    if (const auto index = deciding_entry(baseline, result)) decided[*index].push_back(&result);
    else if (result.outcome == "unexpected") unmatched_surprises.push_back(&result);
  }

  std::vector<bool> remove(entries.size(), false);
  std::vector<const ObservedResult*> surprises = unmatched_surprises;
  for (auto& [index, covered] : decided) {
    auto& entry = entries[index];
    std::vector<const ObservedResult*> shown, passed;
    int runs = 0, showed = 0;
    for (const auto* result : covered) {
      if (result->outcome == "xpass" || result->outcome == "not-reproduced") passed.push_back(result);
      else if (result->outcome == "as-expected") shown.push_back(result);
      else if (result->outcome == "unexpected") surprises.push_back(result);
      runs += std::max(1, result->runs);
      if (result->outcome == "as-expected") ++showed;
    }
    if (!entry.intermittent) {
      if (!passed.empty() && shown.empty() &&
          std::none_of(covered.begin(), covered.end(), [](const auto* r) { return r->outcome == "unexpected"; })) {
        remove[index] = true;
        update.changes.push_back(
            fmt::format("removed {}: all {} result(s) it decides passed", describe(entry), passed.size()));
      } else if (!passed.empty() && !narrow_partly_passing(entry, shown, passed, update.changes)) {
        update.notes.push_back(fmt::format("{}: {} result(s) passed and {} did not; narrow it by hand", describe(entry),
                                           passed.size(), shown.size()));
      }
      continue;
    }
    if (showed == 0) {
      update.notes.push_back(
          fmt::format("{}: the race did not show in {} run(s); fixed? remove it by hand", describe(entry), runs));
    } else {
      // Repeats stop at the first run the race shows in: showings over runs
      // is the rate's maximum-likelihood estimate.
      const double rate = static_cast<double>(showed) / runs;
      if (!entry.rate || std::abs(*entry.rate - rate) > 1e-9) {
        update.changes.push_back(fmt::format("{}: rate {} -> {:.2g} ({} showing(s) in {} run(s))", describe(entry),
                                             entry.rate ? fmt::format("{:.2g}", *entry.rate) : "unset", rate, showed,
                                             runs));
        entry.rate = rate;
      }
    }
  }

  for (const auto* result : surprises) {
    const auto where = fmt::format("{} {} {}{}", result->id, result->role, result->transport,
                                   result->version_text.empty() ? "" : " @" + result->version_text);
    update.widenings.push_back(fmt::format("{}: {} ({})", where, result->verdict, seen_in));
    if (!allow_widen) continue;
    BaselineEntry added;
    added.id_glob = result->id;
    added.role = result->role;
    added.transport = result->transport;
    if (!result->version_text.empty()) added.versions_text = "=" + result->version_text;
    added.verdicts = {result->verdict};
    added.reason = fmt::format("seen in {}; explain why, or fix the subject", seen_in);
    entries.push_back(std::move(added));
  }

  std::vector<BaselineEntry> kept;
  for (std::size_t i = 0; i < entries.size(); ++i)
    if (i >= remove.size() || !remove[i]) kept.push_back(std::move(entries[i]));
  entries = std::move(kept);
  return update;
}

}  // namespace wsh::cases
