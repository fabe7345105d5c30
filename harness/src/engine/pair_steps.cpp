#include "engine/pair_steps.hpp"

#include <algorithm>
#include <thread>

#include <fmt/format.h>

#include "cases/step_handlers.hpp"
#include "engine/step_event.hpp"
#include "faults/fault_spec_error.hpp"
#include "peer/step_frames.hpp"
#include "wire/close_payload.hpp"
#include "wire/frame_encoder.hpp"
#include "wire/opcode.hpp"

namespace wsh::engine {
namespace {

using Kind = proxy::RelayRecord::Kind;
using proxy::Flow;

Flow flow_from(cases::PairSide sender) { return sender == cases::PairSide::Server ? Flow::ToClient : Flow::ToServer; }
Flow flow_toward(cases::PairSide receiver) {
  return receiver == cases::PairSide::Server ? Flow::ToServer : Flow::ToClient;
}

bool is_subject_frame(const proxy::RelayRecord& record, Flow flow) {
  return record.flow == flow && record.kind == Kind::Frame && !record.by_harness && record.frame;
}

// The subject ended its own connection (its FIN or RST, as the proxy read it).
const proxy::RelayRecord* subject_end(const std::vector<proxy::RelayRecord>& records, Flow flow) {
  for (const auto& record : records)
    if (record.flow == flow && !record.by_harness && (record.kind == Kind::Fin || record.kind == Kind::Rst))
      return &record;
  return nullptr;
}

std::size_t count_subject_frames(const std::vector<proxy::RelayRecord>& records) {
  return static_cast<std::size_t>(std::count_if(records.begin(), records.end(), [](const proxy::RelayRecord& record) {
    return record.kind == Kind::Frame && !record.by_harness;
  }));
}

}  // namespace

PairSteps::PairSteps(proxy::FaultProxy& proxy, PairSubject& server, PairSubject& client, std::mt19937_64& random)
    : proxy_(proxy), server_(server), client_(client), random_(random) {}

bool PairSteps::run(const cases::LocatedStep& step, Deadline case_deadline) {
  std::string failure;
  bool timed_out = false;
  if (run_step(step.step, case_deadline, failure, timed_out)) return true;
  failure_ = fmt::format("step {} ({}): {}", step.where.to_string(), step.text, failure);
  timed_out_ = timed_out;
  return false;
}

bool PairSteps::apply_fault(const cases::FaultStep& fault, Deadline deadline, std::string& failure) {
  const auto direction = fault.direction.value_or(cases::PairDirection::Both);
  std::vector<Flow> flows;
  if (direction != cases::PairDirection::ToClient) flows.push_back(Flow::ToServer);
  if (direction != cases::PairDirection::ToServer) flows.push_back(Flow::ToClient);
  for (const auto flow : flows) {
    try {
      if (auto why = proxy_.apply_fault(flow, fault.name, fault.params, deadline)) {
        failure = std::move(*why);
        return false;
      }
    } catch (const faults::FaultSpecError& error) {
      failure = error.what();
      return false;
    }
  }
  return true;
}

bool PairSteps::inject(const cases::SendStep& send, Deadline deadline, std::string& failure) {
  const auto receiver = send.to.value_or(cases::PairSide::Server);
  // The harness speaks for the other subject: toward the server it is a
  // client and masks (§5.3); toward the client it is a server and does not.
  const bool as_client = receiver == cases::PairSide::Server;
  for (int i = 0; i < send.repeat; ++i) {
    auto [bytes, frame] = peer::encode_send(send, as_client, random_);
    if (!proxy_.inject(flow_toward(receiver), bytes, std::move(frame), deadline, failure)) return false;
  }
  return true;
}

bool PairSteps::wait_frame(const cases::WaitFrameStep& wait, Deadline deadline, std::string& failure) {
  const auto sender = wait.from.value_or(cases::PairSide::Server);
  auto& subject = side(sender);
  const Flow flow = flow_from(sender);
  std::optional<std::size_t> found;
  std::size_t seen = 0;
  proxy_.wait(
      [&](const std::vector<proxy::RelayRecord>& records) {
        seen = 0;
        for (const auto& record : records) {
          if (!is_subject_frame(record, flow)) continue;
          if (seen++ < subject.frame_cursor) continue;
          if (peer::frame_matches(wait, *record.frame)) {
            found = seen;
            return true;
          }
        }
        return subject_end(records, flow) != nullptr;
      },
      deadline);
  if (found) {
    subject.frame_cursor = *found;
    return true;
  }
  const std::string wanted = wait.opcode ? std::string(wire::opcode_name(*wait.opcode)) : std::string("any");
  failure = fmt::format("expected a {} frame{} from the {} within {} ms; {}", wanted,
                        wait.codes.empty() ? "" : " with one of the expected codes", cases::pair_side_name(sender),
                        wait.within.count(),
                        proxy_.flow_ended(flow) ? "its connection ended first"
                        : seen == 0             ? "got nothing"
                                                : fmt::format("got {} other frame(s)", seen - subject.frame_cursor));
  return false;
}

bool PairSteps::wait_event(const cases::WaitEventStep& wait, Deadline deadline, std::string& failure, bool& timed_out) {
  auto& subject = side(wait.subject.value_or(cases::PairSide::Server));
  const auto side_name = cases::pair_side_name(wait.subject.value_or(cases::PairSide::Server));
  const auto matcher =
      step_event_matcher(wait, subject.conn, fmt::format("connection {} of the {}", subject.conn, side_name));
  const auto outcome = subject.subject->wait_for_event(matcher, deadline, subject.event_cursor);
  if (outcome) {
    subject.event_cursor = outcome.index() + 1;
    return true;
  }
  timed_out = outcome.failure().reason == launch::WaitFailureReason::DeadlinePassed;
  failure = outcome.message();
  return false;
}

bool PairSteps::expect_tcp_close(const cases::ExpectTcpCloseStep& expect, Deadline deadline, std::string& failure) {
  const auto kind_ok = [&](const proxy::RelayRecord& end) {
    return expect.kind == cases::TcpCloseKind::Any ||
           (expect.kind == cases::TcpCloseKind::Fin) == (end.kind == Kind::Fin);
  };
  const char* wanted = expect.kind == cases::TcpCloseKind::Fin   ? "FIN"
                       : expect.kind == cases::TcpCloseKind::Rst ? "RST"
                                                                 : "FIN or RST";
  if (expect.from) {
    const Flow flow = flow_from(*expect.from);
    proxy::RelayRecord end;
    const bool ended = proxy_.wait(
        [&](const std::vector<proxy::RelayRecord>& records) {
          const auto* found = subject_end(records, flow);
          if (found) end = *found;
          return found != nullptr;
        },
        deadline);
    if (!ended) {
      failure = fmt::format("expected the {} to close TCP ({}) within {} ms; it did not",
                            cases::pair_side_name(*expect.from), wanted, expect.within.count());
      return false;
    }
    if (!kind_ok(end)) {
      failure = fmt::format("expected TCP {} from the {}; got {}", wanted, cases::pair_side_name(*expect.from),
                            end.kind == Kind::Fin ? "FIN" : "RST");
      return false;
    }
    return true;
  }
  const bool both = proxy_.wait(
      [&](const std::vector<proxy::RelayRecord>&) {
        return proxy_.flow_ended(Flow::ToServer) && proxy_.flow_ended(Flow::ToClient);
      },
      deadline);
  if (!both) {
    failure = fmt::format("expected both TCP connections to end within {} ms; {} still open", expect.within.count(),
                          proxy_.flow_ended(Flow::ToServer) ? "the server's side is" : "the client's side is");
    return false;
  }
  const auto records = proxy_.records();
  for (const auto flow : {Flow::ToServer, Flow::ToClient}) {
    if (const auto* end = subject_end(records, flow); end && !kind_ok(*end)) {
      failure = fmt::format("expected TCP {}; the {} sent {}", wanted, flow == Flow::ToServer ? "client" : "server",
                            end->kind == Kind::Fin ? "FIN" : "RST");
      return false;
    }
  }
  return true;
}

bool PairSteps::run_step(const cases::Step& step, Deadline case_deadline, std::string& failure, bool& timed_out) {
  const auto bounded = [&](std::chrono::milliseconds within) {
    return std::min(std::chrono::steady_clock::now() + within, case_deadline);
  };
  return std::visit(
      cases::StepHandlers{
          [&](const cases::SendStep& send) { return inject(send, case_deadline, failure); },
          [&](const cases::SendRawStep& raw) {
            return proxy_.inject(flow_toward(raw.to.value_or(cases::PairSide::Server)), raw.bytes, std::nullopt,
                                 case_deadline, failure);
          },
          [&](const cases::FaultStep& fault) { return apply_fault(fault, case_deadline, failure); },
          [&](const cases::WaitFrameStep& wait) { return wait_frame(wait, bounded(wait.within), failure); },
          [&](const cases::WaitEventStep& wait) { return wait_event(wait, bounded(wait.within), failure, timed_out); },
          [&](const cases::ExpectTcpCloseStep& expect) {
            return expect_tcp_close(expect, bounded(expect.within), failure);
          },
          [&](const cases::ExpectSilenceStep& silence) {
            waited_ += silence.duration;
            const auto before = count_subject_frames(proxy_.records());
            std::this_thread::sleep_until(bounded(silence.duration));
            const auto after = count_subject_frames(proxy_.records());
            if (after == before) return true;
            failure = fmt::format("expected no frame from either subject for {} ms; got {}", silence.duration.count(),
                                  after - before);
            return false;
          },
          [&](const cases::SleepStep& sleep) {
            waited_ += sleep.duration;
            std::this_thread::sleep_until(bounded(sleep.duration));
            return true;
          },
          [&](const cases::HandshakeStep&) {
            failure = "a pair case has no handshake step";
            return false;
          },
      },
      step);
}

}  // namespace wsh::engine
