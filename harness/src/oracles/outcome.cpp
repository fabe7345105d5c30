#include "oracles/outcome.hpp"

#include <algorithm>
#include <array>
#include <fmt/format.h>
#include <utility>

#include "base/name_table.hpp"

namespace wsh::oracles {
namespace {

constexpr NameTable<Outcome, 5> kOutcomeNames = {{
    {Outcome::AsExpected, "as-expected"},
    {Outcome::Unexpected, "unexpected"},
    {Outcome::XPass, "xpass"},
    {Outcome::NotReproduced, "not-reproduced"},
    {Outcome::Skipped, "skipped"},
}};

bool contains(const std::vector<Verdict>& verdicts, Verdict verdict) {
  return std::find(verdicts.begin(), verdicts.end(), verdict) != verdicts.end();
}

}  // namespace

std::string_view outcome_name(Outcome outcome) { return name_in(kOutcomeNames, outcome, "unexpected"); }

std::optional<Outcome> parse_outcome(std::string_view name) { return value_named(kOutcomeNames, name); }

std::string expected_text(const Expectation& expected) {
  std::string out;
  for (const auto verdict : expected.verdicts) {
    if (!out.empty()) out += " or ";
    out += verdict_name(verdict);
  }
  if (expected.intermittent && expected.rate)
    out += fmt::format(" (a race seen in {:.2g} % of runs)", *expected.rate * 100);
  else if (expected.intermittent) out += " (a race)";
  return out;
}

bool verdict_passes(Verdict verdict) { return verdict == Verdict::Pass || verdict == Verdict::Informational; }

Outcome judge_outcome(Verdict verdict, const Expectation& expected, bool skip_holds) {
  // A race that passed every run: its repeats ran out before it showed.
  if (expected.intermittent && verdict_passes(verdict)) return Outcome::NotReproduced;
  if (contains(expected.verdicts, verdict)) return Outcome::AsExpected;
  if (verdict == Verdict::Skip) return skip_holds ? Outcome::Skipped : Outcome::Unexpected;
  // One expected departure from PASS that did not happen: the entry is stale
  // (fixed upstream?) and would hide the same departure coming back.
  const bool expected_departure =
      !expected.intermittent && expected.verdicts.size() == 1 && !verdict_passes(expected.verdicts.front());
  if (expected_departure && verdict_passes(verdict)) return Outcome::XPass;
  return Outcome::Unexpected;
}

bool outcome_fails_run(Outcome outcome, bool strict) {
  switch (outcome) {
    case Outcome::Unexpected: return true;
    case Outcome::XPass: return strict;
    case Outcome::AsExpected:
    case Outcome::NotReproduced:
    case Outcome::Skipped: return false;
  }
  return true;
}

}  // namespace wsh::oracles
