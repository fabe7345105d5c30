#pragma once
// What every topology does with a subject process: its command line for a
// role, and after the connection, its cleanup, fds, exit and events. Shared
// by the server/client runner (case_runner.cpp) and the pair runner.

#include <chrono>
#include <string>
#include <vector>

#include "base/clock.hpp"
#include "engine/case_runner.hpp"
#include "launch/subject.hpp"
#include "oracles/observation.hpp"

namespace wsh::engine {

// Bounds the harness sets itself (the case's own waits are in the case).
constexpr Millis kStartupDeadline{5000};  // hello + ready, or the client's connect
// Cleanup after the connection ended: decides a hang. 2000 ms, not 1500: a
// late cleanup (faulty --bug slow-cleanup, 2.5 s after Fail) must still be
// seen within the SIGTERM grace that follows, or a slow subject reads as one
// that never cleaned up; at 1500 ms the ASan build lost that race now and
// then, and at a 3 s cleanup so did a loaded release build
// (HangMemory.ASlowSubjectIsNeverCutShort, 2026-12-03).
constexpr Millis kCleanupDeadline{2000};
constexpr Millis kFdSettleDeadline{500};     // the subject closing its socket after cleanup
constexpr Millis kStopGrace{2000};           // SIGTERM to exit, then SIGKILL
constexpr Millis kClientExitDeadline{2000};  // a client subject exits after its cleanup
constexpr Millis kRepeatedHangGrace{250};    // SIGTERM to SIGKILL for a hang already seen (hang_memory.hpp)

// The subject's argv after its command: `role` (server or client; the pair
// topology starts one of each), the transport, the case's tuning. `port`: a
// client's target.
std::vector<std::string> subject_arguments(const PlannedResult& planned, const RunContext& context, cases::Role role,
                                           std::uint16_t port);

// fds back to where they were before the connection(s): polls the
// subject's count until it is no higher than health.fds_before, for at most
// kFdSettleDeadline, into health.fds_after. Nothing when fds_before is unknown.
void settle_fds(const launch::Subject& subject, oracles::SubjectHealth& health);

// After the connection: waits for the subject's cleanup on `conn`, measures
// its fds, stops it (a client should exit by itself), and fills the
// observation's events and health. Notes what went wrong in `log`.
// `wait_for_own_exit`: the case expects the subject to end by itself
// (expect.exit); how it ended goes into the health.
// `hang`: where a hang of this side is remembered, and looked up to cut the
// waits after a hang already seen (hang_memory.hpp).
void collect_subject_side(launch::Subject& subject, const launch::ConnId& conn, bool is_server, Clock::time_point start,
                          oracles::Observation& observation, std::vector<std::string>& log,
                          bool wait_for_own_exit = false, const HangScope& hang = {});

// Ends the subject process: a client (and a server the case expects to exit
// by itself) gets kClientExitDeadline to end on its own, then SIGTERM and
// kStopGrace. Records a crash, a kill, sanitizer reports and protocol
// violations in `health`. After it every event the subject wrote is read.
// `plan` cuts the waits after a verdict already known (a hang seen before).
struct StopPlan {
  bool skip_own_exit_wait = false;  // SIGTERM a client at once (not when the case expects its own exit)
  Millis grace = kStopGrace;
  std::string because;  // why the waits are cut, for the log and the finding
};
struct StopReport {
  bool stayed_after_own_exit_wait = false;  // waited for its own exit, and it did not come
  bool needed_kill = false;
};
StopReport stop_subject(launch::Subject& subject, bool is_server, bool wait_for_own_exit,
                        oracles::SubjectHealth& health, std::vector<std::string>& log, const StopPlan& plan = {});

// A subject event as the oracles see it, its time counted from `start`.
oracles::AppEvent app_event(const launch::SubjectEvent& event, Clock::time_point start);

}  // namespace wsh::engine
