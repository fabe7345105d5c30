#include "engine/pair_runner.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <utility>

#include "engine/pair_observation.hpp"
#include "engine/pair_steps.hpp"
#include "engine/result_scope.hpp"
#include "engine/subject_side.hpp"
#include "oracles/oracles.hpp"
#include "proxy/fault_proxy.hpp"

namespace wsh::engine {
namespace {

using proxy::Flow;

// A step the blind (wss://) proxy cannot play: it needs to see or make frames.
bool needs_frames(const cases::Step& step) {
  return std::holds_alternative<cases::SendStep>(step) || std::holds_alternative<cases::SendRawStep>(step) ||
         std::holds_alternative<cases::WaitFrameStep>(step) || std::holds_alternative<cases::ExpectSilenceStep>(step);
}

std::string summarise_events(const oracles::Observation& observation) {
  std::vector<std::string> parts;
  for (const auto& event : observation.events)
    parts.push_back(event.result.empty() ? event.kind : fmt::format("{}({})", event.kind, event.result));
  return parts.empty() ? std::string("none") : fmt::format("{}", fmt::join(parts, ", "));
}

// Each subject judged on its own, the findings named after it: the verdict
// is the worst of the two.
oracles::Judgement judge_pair(const cases::Expectation& expect, const oracles::Observation& server,
                              const oracles::Observation& client, std::optional<oracles::Finding> step) {
  std::vector<oracles::Finding> findings;
  if (step) findings.push_back(std::move(*step));
  for (const auto& [name, observation] : {std::pair{"server", &server}, std::pair{"client", &client}}) {
    for (auto& finding : oracles::evaluate(expect, *observation).findings) {
      finding.oracle = fmt::format("{}.{}", name, finding.oracle);
      finding.reason = fmt::format("{}: {}", name, finding.reason);
      findings.push_back(std::move(finding));
    }
  }
  return oracles::judge(std::move(findings), expect.informational);
}

}  // namespace

std::string pair_skip_reason(const PlannedResult& planned) {
  const auto& subject = *planned.subject;
  for (const char* role : {"server", "client"})
    if (!subject.supports_role(role))
      return fmt::format("{} does not support the {} role, and the pair topology runs it as both", subject.name, role);
  if (planned.transport == Transport::Wss) {
    for (const auto& step : planned.instance->steps)
      if (needs_frames(step.step))
        return fmt::format("over wss:// the proxy relays TLS records blind; step {} ({}) needs frames",
                           step.where.to_string(), step.text);
  }
  return {};
}

CaseResult run_pair(const PlannedResult& planned, const RunContext& context) {
  const auto& instance = *planned.instance;
  ResultScope scope(planned, context, instance);
  auto& result = scope.result();
  auto& log = result.log;
  const auto start = scope.start();
  const auto case_deadline = scope.case_deadline();
  std::mt19937_64 random(planned.seed);
  const bool tls = planned.transport == Transport::Wss;
  // Each subject's view, rebuilt from the proxy's transcript, straight in the result.
  auto& server_view = result.observation;
  auto& client_view = result.client_observation.emplace();
  std::optional<oracles::Finding> step_finding;

  const auto ended = scope.guard("a subject", [&]() -> std::optional<CaseResult> {
    // The server first: the proxy needs its port.
    const auto server_handle = start_subject(planned, context, cases::Role::Server, 0, scope, "server subject");
    auto& server = *server_handle;
    const auto ready = server.await_ready(start + kStartupDeadline);
    if (!ready) return scope.not_ready(server, ready, "the server subject");
    server_view.health.fds_before = server.open_fd_count();

    proxy::ProxyOptions options;
    options.decode = !tls;
    options.start = start;
    options.seed = random();
    options.policy.allow_non_loopback = context.options.allow_non_loopback;
    proxy::FaultProxy proxy(options);

    const auto client_handle =
        start_subject(planned, context, cases::Role::Client, proxy.port(), scope, "client subject");
    auto& client = *client_handle;
    proxy.connect(net::Endpoint{"127.0.0.1", ready.event().port}, start + kStartupDeadline);
    client_view.health.fds_before = client.open_fd_count();

    PairSubject server_side, client_side;
    server_side.subject = &server;
    server_side.conn = std::to_string(proxy.server_leg_port());
    client_side.subject = &client;
    client_side.conn = std::to_string(proxy.client_leg_port());
    log.push_back(fmt::format("proxy on port {}: client connection {}, server connection {}", proxy.port(),
                              client_side.conn, server_side.conn));
    PairSteps steps(proxy, server_side, client_side, random);

    // Faults at the head of the case shape the relay from its first byte.
    auto step = instance.steps.begin();
    bool ok = true;
    for (; ok && step != instance.steps.end() && std::holds_alternative<cases::FaultStep>(step->step); ++step)
      ok = steps.run(*step, case_deadline);
    proxy.start(case_deadline);
    for (; ok && step != instance.steps.end(); ++step) ok = steps.run(*step, case_deadline);
    if (steps.failure()) {
      log.push_back("step failed: " + *steps.failure());
      step_finding = oracles::Finding{steps.timed_out() ? oracles::Verdict::Timeout : oracles::Verdict::Fail, "step",
                                      *steps.failure()};
    }
    // Drain: let the subjects finish their closing until both directions end.
    proxy.wait([&](const auto&) { return proxy.flow_ended(Flow::ToServer) && proxy.flow_ended(Flow::ToClient); },
               std::min(Clock::now() + instance.drain, case_deadline));
    result.waited = steps.waited();

    // The client first: it exits by itself once its connection is over.
    collect_subject_side(client, client_side.conn, false, start, client_view, log, false,
                         hang_scope(planned, context, "pair-client"));
    collect_subject_side(server, server_side.conn, true, start, server_view, log, false,
                         hang_scope(planned, context, "pair-server"));
    proxy.stop();
    const auto records = proxy.records();
    observe_pair_side(records, cases::PairSide::Server, !tls, server_view);
    observe_pair_side(records, cases::PairSide::Client, !tls, client_view);
    log.push_back("server events: " + summarise_events(server_view));
    log.push_back("client events: " + summarise_events(client_view));
    result.stderr_tail =
        fmt::format("--- server ---\n{}\n--- client ---\n{}", server.stderr_tail(), client.stderr_tail());
    return std::nullopt;
  });
  if (ended) return *ended;

  auto expect = instance.expect;
  if (tls) {
    // Blind relay: no frames to judge, so the close outcome is not graded;
    // the application and health oracles still are.
    expect.close = cases::CloseExpectation::Any;
    expect.messages.reset();
    log.push_back("wss://: the proxy relayed TLS records blind; the close outcome is not graded");
  }
  return scope.finish(judge_pair(expect, server_view, client_view, std::move(step_finding)));
}

}  // namespace wsh::engine
