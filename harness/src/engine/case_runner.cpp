#include "engine/case_runner.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <thread>

#include "cases/max_message.hpp"
#include "engine/fleet_runner.hpp"
#include "engine/pair_runner.hpp"
#include "engine/peer_session.hpp"
#include "engine/result_scope.hpp"
#include "engine/subject_side.hpp"
#include "engine/url_runner.hpp"
#include "launch/subject.hpp"
#include "net/tcp_listener.hpp"
#include "oracles/oracles.hpp"

namespace wsh::engine {
namespace {

oracles::Micros since(Clock::time_point start, Clock::time_point at) {
  return std::chrono::duration_cast<oracles::Micros>(at - start);
}

oracles::AppEvent to_app_event(const launch::SubjectEvent& event, Clock::time_point start) {
  oracles::AppEvent app;
  app.kind = std::string(launch::to_string(event.kind));
  if (event.kind == launch::EventKind::Read) app.result = std::string(launch::to_string(event.read_result));
  app.code = event.close_code;
  app.at = since(start, event.at);
  return app;
}

}  // namespace

std::vector<std::string> subject_arguments(const PlannedResult& planned, const RunContext& context, cases::Role role,
                                           std::uint16_t port) {
  const auto& tuning = planned.instance->subject;
  std::vector<std::string> args;
  const bool tls = planned.transport == Transport::Wss;
  if (role == cases::Role::Server) {
    args = {"server", "--port", "0"};
    if (tls)
      args.insert(args.end(),
                  {"--tls-cert", context.tls->server_cert.string(), "--tls-key", context.tls->server_key.string()});
  } else {
    args = {"client", "--url", fmt::format("{}://127.0.0.1:{}/", tls ? "wss" : "ws", port)};
    if (tls) args.insert(args.end(), {"--tls-ca", context.tls->ca_cert.string()});
  }
  const auto add = [&](const char* flag, const std::optional<int>& value) {
    if (value) args.insert(args.end(), {flag, std::to_string(*value)});
  };
  add("--close-timeout-ms", tuning.close_timeout_ms);
  add("--read-timeout-ms", tuning.read_timeout_ms);
  add("--ping-interval-ms", tuning.ping_interval_ms);
  return args;
}

StopReport stop_subject(launch::Subject& subject, bool is_server, bool wait_for_own_exit,
                        oracles::SubjectHealth& health, std::vector<std::string>& log, const StopPlan& plan) {
  StopReport report;
  launch::StopOutcome stopped;
  const bool own_exit_expected = !is_server || wait_for_own_exit;
  if (wait_for_own_exit || (own_exit_expected && !plan.skip_own_exit_wait)) {
    stopped.status = subject.wait_for_exit(Clock::now() + kClientExitDeadline);
    if (stopped.status.is_running()) {
      report.stayed_after_own_exit_wait = true;
      log.push_back(is_server ? "the subject did not exit by itself; stopping it"
                              : "the client subject did not exit after its connection ended; stopping it");
    }
  } else if (own_exit_expected) {
    log.push_back("not waiting for the client subject to exit by itself: " + plan.because);
  }
  if (wait_for_own_exit) {
    health.waited_for_exit = true;
    if (stopped.status.is_exited()) health.exited_by_itself = stopped.status.exit_code();
  }
  if (stopped.status.is_running()) stopped = subject.stop(plan.grace);
  const auto& status = stopped.status;
  if (stopped.needed_kill) {
    report.needed_kill = true;
    health.crash = plan.grace == kStopGrace
                       ? fmt::format("did not exit within {} ms of SIGTERM and was killed", kStopGrace.count())
                       : fmt::format("did not exit within {} ms of SIGTERM and was killed (not {} ms: {})",
                                     plan.grace.count(), kStopGrace.count(), plan.because);
  } else if (status.has_ended() && !(status.is_exited() && status.exit_code() == 0)) {
    health.crash = status.describe();
  }
  health.alive_at_end = !status.has_ended();
  if (auto report_text = subject.sanitizer_report()) health.sanitizer_report = report_text->first_lines;
  for (const auto& violation : subject.protocol_violations())
    health.protocol_violations.push_back(fmt::format("stdout line {}: {}", violation.line_number, violation.problem));
  return report;
}

void settle_fds(const launch::Subject& subject, oracles::SubjectHealth& health) {
  if (!health.fds_before) return;
  const auto settle = Clock::now() + kFdSettleDeadline;
  do {
    health.fds_after = subject.open_fd_count();
    if (!health.fds_after || *health.fds_after <= *health.fds_before) break;
    std::this_thread::sleep_for(Millis(5));
  } while (Clock::now() < settle);
}

HangScope hang_scope(const PlannedResult& planned, const RunContext& context, std::string_view side) {
  return {context.hangs, fmt::format("{}/{}", planned.subject->name, side),
          fmt::format("{} ({} {})", planned.instance->result_id, side, transport_name(planned.transport))};
}

oracles::AppEvent app_event(const launch::SubjectEvent& event, Clock::time_point start) {
  return to_app_event(event, start);
}

void collect_subject_side(launch::Subject& subject, const launch::ConnId& conn, bool is_server, Clock::time_point start,
                          oracles::Observation& observation, std::vector<std::string>& log, bool wait_for_own_exit,
                          const HangScope& hang) {
  // The application view: cleanup (or its absence) within a bound.
  const auto cleanup = subject.wait_for_event(launch::EventKind::Cleanup, conn, Clock::now() + kCleanupDeadline);
  if (!cleanup) log.push_back("no cleanup event: " + cleanup.message());

  auto& health = observation.health;
  if (cleanup) settle_fds(subject, health);

  // No cleanup within the full deadline: the handler did not return, and the
  // verdict says so whatever comes next. If this side hung the same way in an
  // earlier result, the waits after the verdict are cut (hang_memory.hpp).
  StopPlan plan;
  std::optional<RememberedHang> remembered;
  if (!cleanup && hang.memory) remembered = hang.memory->find(hang.scope);
  if (remembered) {
    plan.because = "the handler did not return, as in " + remembered->result;
    plan.skip_own_exit_wait = remembered->ignored_exit;
    if (remembered->needed_kill) plan.grace = kRepeatedHangGrace;
    log.push_back("a hang already seen: " + plan.because + "; cutting the waits after the verdict");
  }

  // Stop the subject; once it has exited, every event it wrote has been read.
  const auto stopped = stop_subject(subject, is_server, wait_for_own_exit, health, log, plan);

  bool cleanup_ever = false;
  for (const auto& event : subject.events()) {
    if (event.conn != conn) continue;
    observation.events.push_back(to_app_event(event, start));
    if (event.kind == launch::EventKind::Cleanup) cleanup_ever = true;
  }
  // Remembered only if the cleanup never came at all, not even while the
  // subject was being stopped: a late cleanup is a slow subject, not a hang.
  if (!cleanup && !cleanup_ever && !remembered && hang.memory &&
      (stopped.stayed_after_own_exit_wait || stopped.needed_kill))
    hang.memory->remember(hang.scope, {hang.result, stopped.stayed_after_own_exit_wait, stopped.needed_kill});
  // An event for a connection the harness never made is outside the protocol.
  for (const auto& event : subject.events()) {
    if (!event.conn.empty() && event.conn != conn)
      health.protocol_violations.push_back(
          fmt::format("event for unknown connection '{}': {}", event.conn, launch::describe(event)));
  }
}

CaseResult blank_result(const PlannedResult& planned) {
  const auto& instance = *planned.instance;
  CaseResult result;
  result.id = instance.result_id;
  result.case_id = instance.case_id;
  result.params = instance.params;
  result.subject = planned.subject->name;
  result.role = planned.role;
  result.transport = planned.transport;
  static_cast<cases::CaseCitation&>(result) = instance;
  for (const auto& step : instance.steps) result.steps.push_back(step.text);
  result.where = instance.where;
  result.seed = planned.seed;
  if (instance.expect.informational) result.expected.verdicts = {oracles::Verdict::Informational};
  result.subject_command = planned.subject->argv;
  return result;
}

std::optional<CaseResult> skip_reason(const PlannedResult& planned) {
  using Need = CaseResult::SubjectNeed;
  const auto& subject = *planned.subject;
  std::string reason;
  std::optional<Need> needs;
  if (planned.role == cases::Role::Pair) {
    reason = pair_skip_reason(planned);
    for (const char* role : {"server", "client"})
      if (!reason.empty() && !needs && !subject.supports_role(role)) needs = Need{Need::Kind::Role, role};
  } else if (!subject.supports_role(cases::role_name(planned.role))) {
    reason = fmt::format("{} does not support the {} role", subject.name, cases::role_name(planned.role));
    needs = Need{Need::Kind::Role, std::string(cases::role_name(planned.role))};
  }
  if (reason.empty() && planned.transport == Transport::Wss && !subject.has_feature("tls")) {
    reason = fmt::format("{} does not support wss:// (no \"tls\" feature)", subject.name);
    needs = Need{Need::Kind::Feature, "tls"};
  }
  if (reason.empty()) {
    if (auto problem = cases::max_message_problem(*planned.instance, subject.max_message)) {
      reason = fmt::format("{}: {}", subject.name, *problem);
      needs = Need{Need::Kind::Feature, "max_message"};
    }
  }
  if (reason.empty()) {
    for (const auto& feature : planned.instance->requires_features)
      if (!subject.has_feature(feature)) {
        reason = fmt::format("{} lacks the \"{}\" feature this case requires", subject.name, feature);
        needs = Need{Need::Kind::Feature, feature};
        break;
      }
  }
  if (reason.empty()) return std::nullopt;
  CaseResult result = blank_result(planned);
  result.verdict = oracles::Verdict::Skip;
  result.reason = reason;
  result.skip_needs = needs;
  return result;
}

CaseResult run_case(const PlannedResult& planned, const RunContext& context) {
  if (planned.subject->url) return run_url_case(planned, context);
  if (planned.role == cases::Role::Pair) return run_pair(planned, context);
  if (planned.instance->fleet) return run_fleet(planned, context);
  // Payloads sized by the subject's limit are made here, per result, so the
  // plan never holds megabytes per subject and transport.
  std::optional<cases::CaseInstance> bound;
  if (cases::sized_by_max_message(*planned.instance))
    bound = cases::bind_max_message(*planned.instance, planned.subject->max_message.value_or(0));
  const auto& instance = bound ? *bound : *planned.instance;
  ResultScope scope(planned, context, instance);
  auto& result = scope.result();
  auto& observation = result.observation;
  const auto start = scope.start();
  const auto case_deadline = scope.case_deadline();
  const bool is_server = planned.role == cases::Role::Server;

  const auto ended = scope.guard("the subject", [&]() -> std::optional<CaseResult> {
    std::optional<net::TcpListener> listener;
    if (!is_server) listener.emplace(net::TcpListener::listen());
    const auto subject_handle = start_subject(planned, context, planned.role, listener ? listener->port() : 0, scope);
    auto& subject = *subject_handle;

    PeerSessionSetup setup;
    setup.instance = &instance;
    setup.subject = &subject;
    setup.tls = planned.transport == Transport::Wss ? context.tls : nullptr;
    setup.subject_is_server = is_server;
    setup.start = start;
    std::optional<net::TcpSocket> socket;
    launch::ConnId conn;
    if (is_server) {
      const auto ready = subject.await_ready(start + kStartupDeadline);
      if (!ready) return scope.not_ready(subject, ready, "the subject");
      observation.health.fds_before = subject.open_fd_count();
      net::AddressPolicy policy;
      policy.allow_non_loopback = context.options.allow_non_loopback;
      setup.port = ready.event().port;
      socket = net::TcpSocket::connect(net::Endpoint{"127.0.0.1", setup.port}, case_deadline, policy);
      conn = std::to_string(socket->local_port());
    } else {
      socket = listener->accept(start + kStartupDeadline);
      conn = std::to_string(listener->port());
      observation.health.fds_before = subject.open_fd_count();
    }

    // One connection: the session records straight into the result.
    PeerSession session(setup, 0, planned.seed, &observation);
    session.attach(std::move(*socket), conn);
    session.handshake(case_deadline);
    session.play(case_deadline);
    result.waited = session.waited();
    collect_subject_side(subject, conn, is_server, start, observation, result.log,
                         instance.expect.exit_code.has_value(),
                         hang_scope(planned, context, cases::role_name(planned.role)));
    result.stderr_tail = subject.stderr_tail();
    return std::nullopt;
  });
  if (ended) return *ended;
  return scope.finish(oracles::evaluate(instance.expect, observation));
}

}  // namespace wsh::engine
