#pragma once
// What the three runners (case_runner, fleet_runner, pair_runner) share
// around one result: its identity and clock, the subject started for a
// role, and the rule that nothing escapes a runner. Every failure of the
// harness or of a subject start becomes a verdict with its reason
// (docs/ARCHITECTURE.md, "The life of one result", step 8).

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "engine/case_runner.hpp"
#include "launch/subject.hpp"
#include "oracles/verdict.hpp"

namespace wsh::engine {

class ResultScope {
 public:
  ResultScope(const PlannedResult& planned, const RunContext& context, const cases::CaseInstance& instance);

  CaseResult& result() { return result_; }
  std::vector<std::string>& log() { return result_.log; }
  Clock::time_point start() const { return start_; }
  Clock::time_point case_deadline() const { return case_deadline_; }

  // The result judged: verdict, reason, findings and its duration so far.
  CaseResult finish(oracles::Judgement judgement);
  // The harness could not run the result: `verdict` (ERROR or TIMEOUT) from
  // the oracle "harness", the reason logged too.
  CaseResult harness_error(oracles::Verdict verdict, std::string reason);
  // A subject that did not say ready: TIMEOUT when the deadline passed,
  // ERROR when it failed otherwise (it exited, it wrote garbage).
  CaseResult not_ready(const launch::Subject& subject, const launch::WaitResult& ready, std::string_view who);

  // Runs `body`, which returns a result to end early or nullopt to go on;
  // what it throws ends the result as a harness error that says what broke.
  // `subject_noun` names what a LaunchError could not start ("the subject").
  std::optional<CaseResult> guard(std::string_view subject_noun,
                                  const std::function<std::optional<CaseResult>()>& body);

 private:
  CaseResult result_;
  Clock::time_point start_;
  Clock::time_point case_deadline_;
};

// Starts the planned subject in `role` (`port`: a client's target) and logs
// its command line as `label: ...`. Throws launch::LaunchError.
std::unique_ptr<launch::Subject> start_subject(const PlannedResult& planned, const RunContext& context,
                                               cases::Role role, std::uint16_t port, ResultScope& scope,
                                               std::string_view label = "subject");

}  // namespace wsh::engine
