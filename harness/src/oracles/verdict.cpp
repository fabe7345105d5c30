#include "oracles/verdict.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "base/name_table.hpp"

namespace wsh::oracles {
namespace {

constexpr NameTable<Verdict, 7> kNames = {{
    {Verdict::Pass, "PASS"},
    {Verdict::NonStrict, "NON-STRICT"},
    {Verdict::Informational, "INFORMATIONAL"},
    {Verdict::Fail, "FAIL"},
    {Verdict::Error, "ERROR"},
    {Verdict::Timeout, "TIMEOUT"},
    {Verdict::Skip, "SKIP"},
}};

}  // namespace

std::string_view verdict_name(Verdict verdict) { return name_in(kNames, verdict, "ERROR"); }

std::optional<Verdict> parse_verdict(std::string_view name) { return value_named(kNames, name); }

int severity(Verdict verdict) {
  switch (verdict) {
    case Verdict::Skip: return 0;
    case Verdict::Pass: return 1;
    case Verdict::Informational: return 2;
    case Verdict::NonStrict: return 3;
    case Verdict::Fail: return 4;
    case Verdict::Timeout: return 5;
    case Verdict::Error: return 6;
  }
  return 6;
}

Judgement judge(std::vector<Finding> findings, bool informational) {
  std::erase_if(findings, [](const Finding& finding) { return finding.verdict == Verdict::Pass; });
  std::stable_sort(findings.begin(), findings.end(),
                   [](const Finding& a, const Finding& b) { return severity(a.verdict) > severity(b.verdict); });
  Judgement judgement;
  if (!findings.empty()) {
    judgement.verdict = findings.front().verdict;
    judgement.reason = findings.front().reason;
  }
  if (informational && judgement.verdict != Verdict::Error && judgement.verdict != Verdict::Timeout &&
      judgement.verdict != Verdict::Skip) {
    if (judgement.verdict == Verdict::Pass) judgement.reason = "informational: the RFC leaves this outcome open";
    else judgement.reason = "informational: " + judgement.reason;
    judgement.verdict = Verdict::Informational;
  }
  judgement.findings = std::move(findings);
  return judgement;
}

}  // namespace wsh::oracles
