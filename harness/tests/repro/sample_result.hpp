#pragma once
// Per-result JSON in the shape report/json_report.cpp writes, for the
// generator's tests: a server-role result in which the subject echoed the
// peer's close code 1005 (the faulty subject's `echo-invalid-code`).

#include <nlohmann/json.hpp>
#include <string>

namespace wsh::repro::testing {

// `close_reason` is the reason of the subject's close frame, as the report
// holds it (the tests pass hostile ones).
nlohmann::json echoed_1005_result(const std::string& close_reason = "bye");

// The same, but what the harness recorded as the verdict's reason, the
// case's title and requirement are `hostile`.
nlohmann::json hostile_result(const std::string& hostile);

}  // namespace wsh::repro::testing
