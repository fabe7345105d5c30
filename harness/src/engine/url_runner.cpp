#include "engine/url_runner.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <random>
#include <thread>

#include "cases/max_message.hpp"
#include "engine/connection_channel.hpp"
#include "engine/probe_events.hpp"
#include "engine/step_event.hpp"
#include "engine/subject_side.hpp"
#include "net/endpoint.hpp"
#include "net/loopback_guard.hpp"
#include "net/net_error.hpp"
#include "net/socket_address.hpp"
#include "net/tcp_socket.hpp"
#include "net/tls_endpoint.hpp"
#include "oracles/oracles.hpp"
#include "peer/scripted_peer.hpp"
#include "wire/bytes.hpp"
#include "wire/frame.hpp"

namespace wsh::engine {
namespace {

// The pre-run check's wait for the probe's open event, once the ping is answered.
constexpr Millis kProbeOpenWait{500};

constexpr std::string_view kChatCommands[] = {"/close-async", "/close", "/quit", "/shutdown", "/leave", "/spam"};

// A text frame whose payload is one of the subject protocol's chat commands
// (harness/subjects/PROTOCOL.md): an echo server would echo it back.
bool sends_chat_command(const cases::CaseInstance& instance) {
  for (const auto& located : instance.steps) {
    const auto* send = std::get_if<cases::SendStep>(&located.step);
    if (!send || send->opcode != 0x1) continue;
    const std::string_view text(reinterpret_cast<const char*>(send->payload.data()), send->payload.size());
    for (const auto command : kChatCommands)
      if (text.substr(0, command.size()) == command && (text.size() == command.size() || text[command.size()] == ' '))
        return true;
  }
  return false;
}

// A wait_event step with something the peer does after it (a send, a raw
// write, a fault): the event is the signal to act, and without it the case
// would be another case (the peer closing before /spam has sent anything).
bool an_event_gates_the_peer(const cases::CaseInstance& instance) {
  bool waited = false;
  for (const auto& located : instance.steps) {
    if (std::holds_alternative<cases::WaitEventStep>(located.step)) waited = true;
    const bool acts = std::holds_alternative<cases::SendStep>(located.step) ||
                      std::holds_alternative<cases::SendRawStep>(located.step) ||
                      std::holds_alternative<cases::FaultStep>(located.step);
    if (waited && acts) return true;
  }
  return false;
}

// The case without its wait_event steps, for a run without probe events:
// they check the application (read() Fail, cleanup within a bound), which is
// not observed there; the wire steps around them keep their own deadlines.
std::optional<cases::CaseInstance> without_event_waits(const cases::CaseInstance& instance,
                                                       std::vector<std::string>& log) {
  const auto waits = [](const cases::LocatedStep& located) {
    return std::holds_alternative<cases::WaitEventStep>(located.step);
  };
  if (std::none_of(instance.steps.begin(), instance.steps.end(), waits)) return std::nullopt;
  cases::CaseInstance copy = instance;
  copy.steps.clear();
  for (const auto& located : instance.steps) {
    if (waits(located)) log.push_back(fmt::format("not observed (no probe events): {}", located.text));
    else copy.steps.push_back(located);
  }
  return copy;
}

bool tunes_the_subject(const cases::CaseInstance& instance) {
  const auto& tuning = instance.subject;
  return tuning.close_timeout_ms || tuning.read_timeout_ms || tuning.ping_interval_ms;
}

// The first feature the case requires that a server by URL cannot be known
// to have. --speaks-protocol promises the chat commands, and with them the
// features that are only commands (/spam and /close-async: "threads";
// /leave: "leave"); the others (heartbeat, read-timeout) are set by the
// subject's command line, which a running server does not have.
std::string feature_not_promised(const cases::CaseInstance& instance, const UrlTarget& target) {
  for (const auto& feature : instance.requires_features) {
    const bool a_command = feature == "threads" || feature == "leave";
    if (!(a_command && target.speaks_protocol)) return feature;
  }
  return {};
}

// A client-side TLS endpoint for the target: its CA, or no verification.
net::TlsEndpoint tls_client_for(const UrlTarget& target) {
  // "localhost" is checked as a DNS name, an address against the SAN's IPs.
  return target.tls_ca ? net::TlsEndpoint::client(*target.tls_ca, target.host)
                       : net::TlsEndpoint::insecure_client(target.host);
}

net::TcpSocket connect_to(const UrlTarget& target, net::Deadline deadline) {
  net::AddressPolicy policy;
  policy.allow_non_loopback = target.allow_remote;
  return net::TcpSocket::connect(net::Endpoint{target.host, target.port}, deadline, policy);
}

peer::PeerConfig peer_config(const UrlTarget& target, const cases::CaseInstance* instance) {
  peer::PeerConfig config;
  config.subject_is_server = true;
  config.host = target.host.find(':') != std::string::npos ? "[" + target.host + "]" : target.host;
  config.port = target.port;
  config.target = target.target;
  if (instance) {
    config.reply_close = instance->reply_close;
    config.auto_pong = instance->auto_pong;
  }
  return config;
}

}  // namespace

std::vector<std::string> unobserved_oracles(bool probe) {
  std::vector<std::string> names;
  if (!probe)
    names = {"app.handler-returned", "app.read-fail-once",     "app.fail-is-last",
             "app.cleanup-once",     "app.cleanup-after-fail", "app.cleanup-prompt"};
  // No process: its fds, crashes, sanitizer reports and exit are not seen.
  for (const char* name : {"app.fd-leak", "health.crash", "health.sanitizer", "health.protocol", "health.exit"})
    names.emplace_back(name);
  return names;
}

std::optional<CaseResult> url_skip_reason(const PlannedResult& planned) {
  const auto& target = *planned.subject->url;
  const auto& instance = *planned.instance;
  std::string reason;
  if (planned.role != cases::Role::Server) {
    reason = fmt::format("a server by URL is tested in the server role only, not {}", cases::role_name(planned.role));
  } else if (instance.fleet) {
    reason =
        "needs the subject process: a multi-connection case judges one process over many connections "
        "(by URL, one connection per case)";
  } else if (instance.expect.exit_code) {
    reason = "needs the subject process: the case judges how the process exits";
  } else if (tunes_the_subject(instance)) {
    reason =
        "needs the subject process: the case starts it with its own timeouts (--close-timeout-ms, "
        "--read-timeout-ms, --ping-interval-ms)";
  } else if (!target.speaks_protocol && sends_chat_command(instance)) {
    reason = "needs the subject protocol";
  } else if (const auto missing = feature_not_promised(instance, target); !missing.empty()) {
    reason = fmt::format("needs the subject's hello: the case requires the \"{}\" feature", missing);
  } else if (cases::sized_by_max_message(instance)) {
    reason = "needs the subject's hello: the case is sized by its limits.max_message";
  } else if (!target.probe_events && an_event_gates_the_peer(instance)) {
    reason =
        "needs the application's events: the peer acts only once the subject reports an event "
        "(wait_event); give --probe-events";
  }
  if (reason.empty()) return std::nullopt;
  CaseResult result = blank_result(planned);
  result.verdict = oracles::Verdict::Skip;
  result.reason = std::move(reason);
  result.observed = target.probe_events ? kObservedProbe : kObservedWireOnly;
  return result;
}

CaseResult run_url_case(const PlannedResult& planned, const RunContext& context) {
  const auto& target = *planned.subject->url;
  const bool probe = target.probe_events.has_value();
  CaseResult result = blank_result(planned);
  const auto wire_only = probe ? std::nullopt : without_event_waits(*planned.instance, result.log);
  const auto& instance = wire_only ? *wire_only : *planned.instance;
  result.observed = probe ? kObservedProbe : kObservedWireOnly;
  result.not_observed = unobserved_oracles(probe);
  result.subject_command = {"--url", target.url};
  auto& observation = result.observation;
  auto& log = result.log;
  const auto start = Clock::now();
  const auto case_deadline = start + context.options.case_timeout.value_or(instance.timeout);
  std::mt19937_64 random(planned.seed);

  const auto finish = [&](oracles::Judgement judgement) {
    result.verdict = judgement.verdict;
    result.reason = judgement.reason;
    result.findings = std::move(judgement.findings);
    result.duration = std::chrono::duration_cast<Millis>(Clock::now() - start);
    return result;
  };
  const auto harness_error = [&](std::string reason) {
    log.push_back(reason);
    return finish(oracles::judge({{oracles::Verdict::Error, "harness", std::move(reason)}}, false));
  };

  try {
    auto socket = connect_to(target, std::min(case_deadline, start + kStartupDeadline));
    const launch::ConnId conn = std::to_string(socket.local_port());
    log.push_back(fmt::format("connected to {} from local port {}", target.url, conn));
    std::optional<ProbeEventReader> events;
    if (probe) events.emplace(*target.probe_events, conn);

    std::optional<net::TlsEndpoint> tls;
    if (target.tls) tls = tls_client_for(target);
    faults::FaultedConnection faulted(net::Connection(std::move(socket), std::move(tls)), random);
    ConnectionChannel channel(faulted);

    std::size_t cursor = 0;
    const auto wait_event = [&](const cases::WaitEventStep& wanted, peer::Deadline slice_end,
                                peer::Clock::time_point) -> peer::EventWait {
      if (!events) return {peer::EventWait::State::Failed, "no probe events to wait on (--probe-events)"};
      const auto matcher = step_event_matcher(wanted, conn, "connection " + conn);
      while (true) {
        const auto arrived = events->events();
        for (; cursor < arrived.size(); ++cursor)
          if (matcher.matches(arrived[cursor])) {
            ++cursor;
            return {peer::EventWait::State::Matched, {}};
          }
        if (Clock::now() >= slice_end) return {peer::EventWait::State::Pending, {}};
        std::this_thread::sleep_for(Millis(2));
      }
    };
    peer::ScriptedPeer peer(channel, peer_config(target, &instance), observation, start, random, wait_event);

    const auto tls_handshake = faulted.connection().handshake(case_deadline);
    if (!tls_handshake.ok()) {
      observation.handshake_error = "TLS handshake failed: " + tls_handshake.detail;
    } else {
      if (peer.handshake(instance, case_deadline)) peer.play(instance, 0, case_deadline);
    }
    peer.finish();
    result.waited = peer.waited();

    if (events) {
      // The handler's cleanup trails the connection's end; wait for it as for
      // a launched subject's (subject_side.hpp), then take every event seen.
      if (!events->wait_for(launch::EventKind::Cleanup, Clock::now() + kCleanupDeadline))
        log.push_back(fmt::format("no cleanup event for connection {} in {} within {} ms", conn,
                                  target.probe_events->string(), kCleanupDeadline.count()));
      // A second cleanup right behind the first is what double-cleanup looks like.
      std::this_thread::sleep_for(Millis(20));
      events->poll();
      for (const auto& event : events->events()) observation.events.push_back(app_event(event, start));
      for (const auto& problem : events->problems())
        observation.health.protocol_violations.push_back("probe event: " + problem);
    } else {
      log.push_back("application not observed: no probe events (wire-only)");
    }
  } catch (const net::NetError& error) {
    // The server answered the pre-run check: refusing now is news about it
    // (it crashed or stopped during an earlier case), said as such.
    const bool refused = error.kind() == net::NetErrorKind::Refused;
    return harness_error(refused ? fmt::format("the server at {} no longer accepts connections (it answered the "
                                               "check before the run: did an earlier case end it?): {}",
                                               target.url, error.what())
                                 : fmt::format("network ({}): {}", target.url, error.what()));
  } catch (const std::exception& error) {
    return harness_error(std::string("harness error: ") + error.what());
  }
  // What black-box mode cannot see is not judged: without probe events the
  // application oracles, and never the process's exit.
  cases::Expectation expect = instance.expect;
  expect.exit_code.reset();
  if (!probe) expect.app = cases::AppExpectation::None;
  return finish(oracles::evaluate(expect, observation));
}

std::optional<std::string> check_url_target(const UrlTarget& target, std::chrono::milliseconds budget) {
  if (target.tls && !target.tls_ca && !target.insecure)
    return fmt::format(
        "--url {}: wss:// needs --tls-ca FILE (the CA that signed the server's certificate) or "
        "--insecure",
        target.url);
  if (!target.tls && (target.tls_ca || target.insecure))
    return fmt::format("--tls-ca/--insecure given for a ws:// URL ({}): they apply to wss:// only", target.url);
  if (target.tls_ca && target.insecure) return std::string("--tls-ca and --insecure exclude each other");
  if (target.tls_ca && !std::filesystem::is_regular_file(*target.tls_ca))
    return fmt::format("--tls-ca {}: no such file", target.tls_ca->string());
  if (!target.allow_remote) {
    try {
      for (const auto& address : net::resolve(net::Endpoint{target.host, target.port}))
        net::require_allowed(address, net::AddressPolicy{});
    } catch (const net::NetError& error) {
      return fmt::format(
          "--url {}: {} is not a loopback address; pass --allow-remote to test a server on "
          "another host ({})",
          target.url, target.host, error.what());
    }
  }

  const auto start = Clock::now();
  const auto deadline = start + budget;
  oracles::Observation observation;
  std::mt19937_64 random(0x5eedull);
  try {
    auto socket = connect_to(target, deadline);
    const launch::ConnId conn = std::to_string(socket.local_port());
    std::optional<ProbeEventReader> events;
    if (target.probe_events) events.emplace(*target.probe_events, conn);
    std::optional<net::TlsEndpoint> tls;
    if (target.tls) tls = tls_client_for(target);
    faults::FaultedConnection faulted(net::Connection(std::move(socket), std::move(tls)), random);
    const auto handshake = faulted.connection().handshake(deadline);
    if (!handshake.ok())
      return fmt::format("--url {}: the TLS handshake failed: {} (check --tls-ca, or --insecure)", target.url,
                         handshake.detail);
    ConnectionChannel channel(faulted);
    const auto no_events = [](const cases::WaitEventStep&, peer::Deadline, peer::Clock::time_point) {
      return peer::EventWait{peer::EventWait::State::Failed, "no events in a probe connection"};
    };
    peer::ScriptedPeer peer(channel, peer_config(target, nullptr), observation, start, random, no_events);
    if (!peer.handshake(cases::HandshakeStep{}, deadline)) {
      std::string answer;
      for (const auto& record : observation.transcript)
        if (record.direction == oracles::Direction::FromSubject && record.kind == oracles::WireRecord::Kind::Note)
          answer = record.text.substr(0, record.text.find('\r'));
      if (!answer.empty())
        return fmt::format("--url {}: not a WebSocket endpoint: the upgrade request was answered \"{}\" ({})",
                           target.url, answer.substr(0, 120), observation.handshake_error);
      return fmt::format("--url {}: the server {} before answering the WebSocket upgrade", target.url,
                         observation.handshake_error.find("closed") != std::string::npos ||
                                 observation.handshake_error.find("reset") != std::string::npos
                             ? "closed the connection at once"
                             : "said nothing (" + observation.handshake_error + ")");
    }
    // A ping must be answered (RFC 6455 §5.5.2); a server that closes instead
    // is not one a case can run against.
    cases::SendStep ping_frame;
    ping_frame.opcode = 0x9;
    ping_frame.payload = wire::to_bytes("wsharness-probe");
    cases::LocatedStep ping{ping_frame, {}, "send ping", {}};
    cases::WaitFrameStep pong_wanted;
    pong_wanted.opcode = 0xA;
    pong_wanted.within = std::chrono::duration_cast<Millis>(deadline - Clock::now());
    cases::LocatedStep pong{pong_wanted, {}, "wait pong", {}};
    const bool answered = peer.run(ping, deadline) && peer.run(pong, deadline);
    if (!answered && (observation.subject_close || observation.tcp_end == oracles::TcpEnd::SubjectFin ||
                      observation.tcp_end == oracles::TcpEnd::SubjectReset))
      return fmt::format(
          "--url {}: the server closed the connection at once after the opening handshake "
          "(before answering a ping)",
          target.url);
    // The probe's file must be the one the server writes to: its open event
    // for this connection arrives, or every application verdict would be a
    // hang that is really a wrong path.
    // The handler wrote it before it read the ping, so a short wait is plenty.
    if (events && !events->wait_for(launch::EventKind::Open, std::min(deadline, Clock::now() + kProbeOpenWait)))
      return fmt::format(
          "--probe-events {}: no event for the check connection (the server saw peer port {}) "
          "within {} ms of its pong: start the server with WSHARNESS_EVENTS={}",
          target.probe_events->string(), conn, kProbeOpenWait.count(), target.probe_events->string());
    // Ended with TCP alone, no close frame: the check must not be the
    // connection that trips a bug the cases are there to show (a server that
    // crashes on a close frame would be dead before its first case).
    peer.finish();
  } catch (const net::NetError& error) {
    return fmt::format("--url {}: cannot connect: {} (is the server running?)", target.url, error.what());
  } catch (const std::exception& error) {
    return fmt::format("--url {}: {}", target.url, error.what());
  }
  return std::nullopt;
}

SubjectSpec url_subject(const UrlTarget& target) {
  SubjectSpec subject;
  subject.name = target.agent;
  subject.impl = "by URL";
  subject.roles = {"server"};
  if (target.tls) subject.features = {"tls"};
  subject.url = std::make_shared<const UrlTarget>(target);
  return subject;
}

Transport subject_url_transport(const SubjectSpec& subject) {
  return subject.url && subject.url->tls ? Transport::Wss : Transport::Ws;
}

std::vector<SubjectSpec> use_url_targets(RunOptions& options) {
  std::vector<SubjectSpec> subjects;
  if (options.url_targets.empty()) return subjects;
  options.roles = {cases::Role::Server};
  options.transports.clear();
  for (const auto& target : options.url_targets) {
    subjects.push_back(url_subject(target));
    const auto transport = target.tls ? Transport::Wss : Transport::Ws;
    if (std::find(options.transports.begin(), options.transports.end(), transport) == options.transports.end())
      options.transports.push_back(transport);
  }
  return subjects;
}

}  // namespace wsh::engine
