#pragma once
// A result's expectation and outcome as the report JSON records them. The
// harness computes `outcome` once (oracles/outcome.hpp) and writes it beside
// `expected`; the HTML pages, the merge and the CLI read it from here and
// never compare verdicts themselves. Reports written before `outcome`
// existed (an `expected` string such as "FAIL|PASS") still render.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace wsh::report {

// The verdicts expected: ["FAIL"], ["TIMEOUT", "PASS"]; ["PASS"] when absent.
std::vector<std::string> expected_verdicts(const nlohmann::json& result);

// "FAIL", or "TIMEOUT or PASS" for a race.
std::string expected_label(const nlohmann::json& result);

// "as-expected", "unexpected", "xpass", "not-reproduced" or "skipped".
std::string result_outcome(const nlohmann::json& result);

// Whether the outcome fails the run that holds it: unexpected always, xpass
// when the run was --strict.
bool outcome_fails(const nlohmann::json& result, bool strict);

}  // namespace wsh::report
