// Application oracle: what the subject's handler saw. The mission in one
// sentence: read() returns Fail exactly once, and the cleanup after the read
// loop runs exactly once.

#include <fmt/format.h>

#include "oracles/oracles.hpp"

namespace wsh::oracles {
namespace {

// How long the cleanup may trail the read() that ended the loop. The
// cleanup runs right after the loop in the handler's own thread, so anything
// near a second means the handler lingers past its connection
// (docs/ARCHITECTURE.md, "What is checked": the handler does not outlive the
// connection by more than a bound).
constexpr Micros kCleanupBound{Millis(1000)};

}  // namespace

std::vector<Finding> check_application(const cases::Expectation& expect, const Observation& observation) {
  std::vector<Finding> findings;
  if (expect.app == cases::AppExpectation::None || !observation.handshake_ok) return findings;

  int fails = 0, cleanups = 0;
  bool read_after_fail = false, cleanup_before_fail = false;
  std::optional<Micros> fail_at, cleanup_at;
  // A read that timed out (result "timeout", PROTOCOL.md) is a read like
  // text or binary: the connection is still open, so it is never the Fail.
  for (const auto& event : observation.events) {
    if (event.kind == "read") {
      if (fails > 0) read_after_fail = true;
      if (event.result == "fail" && ++fails == 1) fail_at = event.at;
    } else if (event.kind == "cleanup") {
      if (fails == 0) cleanup_before_fail = true;
      if (++cleanups == 1) cleanup_at = event.at;
    }
  }

  // Robust (arbitrary input): the handler may have left its loop on a chat
  // command (/leave) rather than on a Fail, so a Fail is not required; what is
  // required is that the handler returned, once, cleanly.
  const bool robust = expect.robust;
  const bool leave = expect.app == cases::AppExpectation::Leave || robust;
  if (robust && fails == 0 && cleanups == 0) {
    findings.push_back({Verdict::Timeout, "app.handler-returned",
                        "the handler did not return: no read() Fail and no cleanup before the deadline"});
    return findings;
  }
  if (!leave && fails == 0 && cleanups == 0) {
    findings.push_back({Verdict::Timeout, "app.handler-returned",
                        "the handler did not return: no read() Fail and no cleanup before the deadline"});
    return findings;
  }
  if (!leave && fails == 0) {
    findings.push_back({Verdict::Fail, "app.read-fail-once", "read() never returned Fail, yet cleanup ran"});
  } else if (fails > 1) {
    findings.push_back(
        {Verdict::Fail, "app.read-fail-once", fmt::format("read() returned Fail {} times; expected once", fails)});
  }
  if (read_after_fail) {
    findings.push_back({Verdict::Fail, "app.fail-is-last", "read() returned again after it had returned Fail"});
  }
  if (cleanups == 0) {
    findings.push_back({Verdict::Fail, "app.cleanup-once",
                        leave ? "cleanup did not run after the handler left"
                              : "cleanup did not run after read() returned Fail (or ran too late to be seen)"});
  } else if (cleanups > 1) {
    findings.push_back(
        {Verdict::Fail, "app.cleanup-once", fmt::format("cleanup ran {} times; expected once", cleanups)});
  }
  if ((!leave || robust) && cleanup_before_fail && fails > 0) {
    findings.push_back({Verdict::Fail, "app.cleanup-after-fail", "cleanup ran before read() returned Fail"});
  }
  if (fail_at && cleanup_at && *cleanup_at - *fail_at > kCleanupBound) {
    findings.push_back(
        {Verdict::Fail, "app.cleanup-prompt",
         fmt::format("cleanup ran {} ms after read() returned Fail; the handler may linger at most {} ms",
                     std::chrono::duration_cast<Millis>(*cleanup_at - *fail_at).count(),
                     std::chrono::duration_cast<Millis>(kCleanupBound).count())});
  }
  const auto& health = observation.health;
  if (health.fds_before && health.fds_after && *health.fds_after > *health.fds_before) {
    findings.push_back(
        {Verdict::Fail, "app.fd-leak",
         fmt::format("the subject holds {} open file descriptors after cleanup; {} before the connection",
                     *health.fds_after, *health.fds_before)});
  }
  return findings;
}

std::vector<Finding> check_health(const Observation& observation) {
  std::vector<Finding> findings;
  const auto& health = observation.health;
  if (health.sanitizer_report)
    findings.push_back({Verdict::Error, "health.sanitizer", "sanitizer report: " + *health.sanitizer_report});
  if (health.crash) findings.push_back({Verdict::Error, "health.crash", "the subject " + *health.crash});
  for (const auto& violation : health.protocol_violations)
    findings.push_back({Verdict::Error, "health.protocol", "subject protocol violation: " + violation});
  return findings;
}

std::vector<Finding> check_exit(const cases::Expectation& expect, const Observation& observation) {
  std::vector<Finding> findings;
  const auto& health = observation.health;
  if (!expect.exit_code || !health.waited_for_exit) return findings;
  if (!health.exited_by_itself) {
    findings.push_back({Verdict::Fail, "health.exit",
                        fmt::format("the subject was still running after its connections ended; expected it to exit "
                                    "by itself with code {}",
                                    *expect.exit_code)});
  } else if (*health.exited_by_itself != *expect.exit_code) {
    findings.push_back(
        {Verdict::Fail, "health.exit",
         fmt::format("the subject exited with code {}; expected {}", *health.exited_by_itself, *expect.exit_code)});
  }
  return findings;
}

std::vector<Finding> check_connection(const cases::Expectation& expect, const Observation& observation) {
  std::vector<Finding> findings;
  // Under arbitrary input a send may find the connection already failed by
  // the subject, which is a legitimate outcome; fuzz cases wait for nothing.
  // Likewise where the case expects the subject to fail the connection: it
  // may do so before the peer has finished writing, and the close oracle
  // judges how it did.
  const bool expected_end = expect.close == cases::CloseExpectation::Fail && observation.step_send_outran;
  if (observation.step_failure && !expect.robust && !expected_end) {
    findings.push_back(
        {observation.step_timed_out ? Verdict::Timeout : Verdict::Fail, "step", *observation.step_failure});
  }
  if (!observation.handshake_ok) {
    findings.push_back({Verdict::Fail, "handshake", "opening handshake failed: " + observation.handshake_error});
  }
  if (!expect.robust) {
    for (auto& finding : check_wire(observation)) findings.push_back(std::move(finding));
    for (auto& finding : check_outcome(expect, observation)) findings.push_back(std::move(finding));
  }
  for (auto& finding : check_application(expect, observation)) findings.push_back(std::move(finding));
  return findings;
}

Judgement evaluate(const cases::Expectation& expect, const Observation& observation) {
  std::vector<Finding> findings = check_health(observation);
  for (auto& finding : check_exit(expect, observation)) findings.push_back(std::move(finding));
  for (auto& finding : check_connection(expect, observation)) findings.push_back(std::move(finding));
  return judge(std::move(findings), expect.informational);
}

}  // namespace wsh::oracles
