#include "serve/served_case.hpp"

#include <fmt/format.h>

#include "cases/max_message.hpp"
#include "engine/case_runner.hpp"
#include "engine/url_runner.hpp"
#include "engine/url_target.hpp"
#include "net/net_error.hpp"
#include "oracles/oracles.hpp"
#include "peer/scripted_peer.hpp"

namespace wsh::serve {
namespace {

using Clock = std::chrono::steady_clock;

// A chat command (PROTOCOL.md) is a text message starting with '/'; an echo
// client would only echo it back.
bool is_chat_command(const cases::SendStep& send) {
  return send.opcode == 0x1 && !send.payload.empty() && send.payload.front() == '/';
}

}  // namespace

std::optional<std::string> needs_subject_protocol(const cases::CaseInstance& instance) {
  const auto needs = [](std::string what) { return "needs the subject protocol: " + what; };
  for (const auto& located : instance.steps) {
    if (std::holds_alternative<cases::WaitEventStep>(located.step))
      return needs("it waits for an application event (" + located.text + ")");
    if (const auto* send = std::get_if<cases::SendStep>(&located.step); send && is_chat_command(*send))
      return needs("it sends a chat command (" + located.text + ")");
  }
  if (instance.expect.exit_code) return needs("it expects the subject process to exit by itself");
  if (instance.expect.spam_size || instance.expect.spam_count) return needs("it checks the output of /spam");
  if (!instance.requires_features.empty())
    return needs(fmt::format("it requires the feature \"{}\", which a subject announces in its hello",
                             instance.requires_features.front()));
  if (cases::sized_by_max_message(instance)) return needs("its payload is sized by the limit in the subject's hello");
  const auto& tuning = instance.subject;
  if (tuning.close_timeout_ms || tuning.read_timeout_ms || tuning.ping_interval_ms)
    return needs("it sets the subject's timeouts on its command line");
  return std::nullopt;
}

engine::CaseResult served_skip(const engine::PlannedResult& planned, std::string reason) {
  auto result = engine::blank_result(planned);
  result.verdict = oracles::Verdict::Skip;
  result.reason = std::move(reason);
  result.observed = engine::kObservedWireOnly;
  result.outcome = oracles::judge_outcome(result.verdict, result.expected, true);
  return result;
}

engine::CaseResult play_served_case(const engine::PlannedResult& planned, peer::PeerChannel& channel,
                                    std::mt19937_64& random, Clock::time_point start) {
  // The application oracles have nothing to read: judged on the wire only.
  cases::CaseInstance instance = *planned.instance;
  instance.expect.app = cases::AppExpectation::None;
  auto result = engine::blank_result(planned);
  result.observed = engine::kObservedWireOnly;
  result.not_observed = engine::unobserved_oracles(false);
  result.log.push_back("the client connected to wsharness serve: application oracles not observed (wire only)");
  auto& observation = result.observation;
  observation.subject_is_server = false;
  const auto deadline = start + instance.timeout;

  const auto finish = [&](oracles::Judgement judgement) {
    result.verdict = judgement.verdict;
    result.reason = judgement.reason;
    result.findings = std::move(judgement.findings);
    result.duration = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
    result.outcome = oracles::judge_outcome(result.verdict, result.expected, true);
    return result;
  };

  try {
    peer::PeerConfig config;
    config.subject_is_server = false;
    config.reply_close = instance.reply_close;
    config.auto_pong = instance.auto_pong;
    // No subject protocol: a wait_event step never gets here (needs_subject_protocol).
    const auto no_events = [](const cases::WaitEventStep&, peer::Deadline, peer::Clock::time_point) {
      return peer::EventWait{peer::EventWait::State::Failed, "no subject protocol on a served connection"};
    };
    peer::ScriptedPeer peer(channel, config, observation, start, random, no_events);
    if (peer.handshake(instance, deadline)) peer.play(instance, 0, deadline);
    peer.finish();
    result.waited = peer.waited();
  } catch (const net::NetError& error) {
    result.log.push_back(std::string("network: ") + error.what());
    return finish(
        oracles::judge({{oracles::Verdict::Error, "harness", std::string("network: ") + error.what()}}, false));
  } catch (const std::exception& error) {
    result.log.push_back(std::string("harness error: ") + error.what());
    return finish(
        oracles::judge({{oracles::Verdict::Error, "harness", std::string("harness error: ") + error.what()}}, false));
  }
  return finish(oracles::evaluate(instance.expect, observation));
}

}  // namespace wsh::serve
