#include "engine/result_scope.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "engine/subject_side.hpp"
#include "net/net_error.hpp"

namespace wsh::engine {

ResultScope::ResultScope(const PlannedResult& planned, const RunContext& context, const cases::CaseInstance& instance)
    : result_(blank_result(planned)),
      start_(Clock::now()),
      case_deadline_(start_ + context.options.case_timeout.value_or(instance.timeout)) {}

CaseResult ResultScope::finish(oracles::Judgement judgement) {
  result_.verdict = judgement.verdict;
  result_.reason = judgement.reason;
  result_.findings = std::move(judgement.findings);
  result_.duration = std::chrono::duration_cast<Millis>(Clock::now() - start_);
  return result_;
}

CaseResult ResultScope::harness_error(oracles::Verdict verdict, std::string reason) {
  result_.log.push_back(reason);
  return finish(oracles::judge({{verdict, "harness", std::move(reason)}}, false));
}

CaseResult ResultScope::not_ready(const launch::Subject& subject, const launch::WaitResult& ready,
                                  std::string_view who) {
  result_.stderr_tail = subject.stderr_tail();
  const bool timed_out = ready.failure().reason == launch::WaitFailureReason::DeadlinePassed;
  return harness_error(timed_out ? oracles::Verdict::Timeout : oracles::Verdict::Error,
                       fmt::format("{} did not become ready: {}", who, ready.message()));
}

std::optional<CaseResult> ResultScope::guard(std::string_view subject_noun,
                                             const std::function<std::optional<CaseResult>()>& body) {
  try {
    return body();
  } catch (const net::NetError& error) {
    return harness_error(oracles::Verdict::Error, std::string("network: ") + error.what());
  } catch (const launch::LaunchError& error) {
    return harness_error(oracles::Verdict::Error, fmt::format("could not start {}: {}", subject_noun, error.what()));
  } catch (const std::exception& error) {
    return harness_error(oracles::Verdict::Error, std::string("harness error: ") + error.what());
  }
}

std::unique_ptr<launch::Subject> start_subject(const PlannedResult& planned, const RunContext& context,
                                               cases::Role role, std::uint16_t port, ResultScope& scope,
                                               std::string_view label) {
  auto subject = launch::Subject::start(planned.subject->launch_spec(subject_arguments(planned, context, role, port)));
  scope.log().push_back(fmt::format("{}: {}", label, fmt::join(subject->command(), " ")));
  return subject;
}

}  // namespace wsh::engine
