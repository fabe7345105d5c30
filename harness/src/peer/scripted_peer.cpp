#include "peer/scripted_peer.hpp"

#include <fmt/format.h>
#include <thread>

#include "peer/step_frames.hpp"
#include "wire/close_code.hpp"
#include "wire/close_payload.hpp"
#include "wire/frame_encoder.hpp"
#include "wire/handshake.hpp"
#include "wire/utf8.hpp"

namespace wsh::peer {
namespace {

using oracles::Direction;
using oracles::TcpEnd;
using oracles::WireRecord;
using Kind = WireRecord::Kind;

constexpr std::uint8_t kText = static_cast<std::uint8_t>(wire::Opcode::Text);
constexpr std::uint8_t kBinary = static_cast<std::uint8_t>(wire::Opcode::Binary);
constexpr std::uint8_t kContinuation = static_cast<std::uint8_t>(wire::Opcode::Continuation);
constexpr std::uint8_t kClose = static_cast<std::uint8_t>(wire::Opcode::Close);
constexpr std::uint8_t kPing = static_cast<std::uint8_t>(wire::Opcode::Ping);
constexpr std::uint8_t kPong = static_cast<std::uint8_t>(wire::Opcode::Pong);

// The transcript keeps the head of big frames only.
constexpr std::size_t kRecordedBytes = 4096;
// The largest HTTP head either side may send in a handshake.
constexpr std::size_t kMaxHttpHead = 16 * 1024;

std::vector<std::uint8_t> head_of(std::span<const std::uint8_t> bytes) {
  return {bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(std::min(bytes.size(), kRecordedBytes))};
}

std::string describe_frame(const wire::Frame& frame) {
  std::string text = std::string(wire::opcode_name(frame.opcode));
  if (frame.opcode == kClose) {
    const auto parsed = wire::parse_close_payload(frame.payload);
    text += parsed.payload.code ? fmt::format(" {}", *parsed.payload.code) : std::string(" (no code)");
  }
  return text;
}

bool is_data_start(std::uint8_t opcode) { return opcode == kText || opcode == kBinary; }

// The message that starts at frames[first] (a text or binary frame), joined
// with its continuations: RFC 6455 §5.4 lets a sender fragment any message,
// so waiting for "text" means waiting for a text message. Control frames in
// between are skipped. `end` is one past its last frame; nullopt while the
// message is still incomplete, or when it is broken off by another data
// frame (the wire oracle judges that).
struct JoinedMessage {
  wire::Frame frame;
  std::size_t end = 0;
};
// Called again each time more frames arrive, so it looks for the final
// fragment before copying anything: joining a message of thousands of
// fragments on every arrival would copy it quadratically.
std::optional<JoinedMessage> join_message(const std::vector<wire::Frame>& frames, std::size_t first) {
  std::size_t size = frames[first].payload.size();
  std::size_t end = first + 1;
  for (bool fin = frames[first].fin; !fin; ++end) {
    if (end == frames.size()) return std::nullopt;
    const auto& next = frames[end];
    if (wire::is_control(next.opcode)) continue;
    if (next.opcode != kContinuation) return std::nullopt;
    size += next.payload.size();
    fin = next.fin;
  }
  JoinedMessage joined{frames[first], end};
  joined.frame.payload.reserve(size);
  for (std::size_t i = first + 1; i < end; ++i)
    if (!wire::is_control(frames[i].opcode))
      joined.frame.payload.insert(joined.frame.payload.end(), frames[i].payload.begin(), frames[i].payload.end());
  joined.frame.fin = true;
  return joined;
}

}  // namespace

ScriptedPeer::ScriptedPeer(PeerChannel& channel, PeerConfig config, oracles::Observation& observation,
                           Clock::time_point start, std::mt19937_64& random, EventWaiter wait_event)
    : channel_(channel),
      config_(std::move(config)),
      observation_(observation),
      start_(start),
      random_(random),
      wait_event_(std::move(wait_event)),
      decoder_(wire::DecoderConfig{config_.subject_is_server ? wire::Role::Client : wire::Role::Server,
                                   config_.max_payload}) {
  observation_.subject_is_server = config_.subject_is_server;
}

oracles::Micros ScriptedPeer::now() const { return std::chrono::duration_cast<oracles::Micros>(Clock::now() - start_); }

void ScriptedPeer::note(std::string text, Direction direction) {
  observation_.transcript.push_back(WireRecord{now(), direction, Kind::Note, std::nullopt, {}, std::move(text)});
}

// ---- handshake -------------------------------------------------------------

bool ScriptedPeer::handshake_refused(const wire::HandshakeError& error) {
  observation_.handshake_error = fmt::format("{} (§{})", error.reason, error.rfc_section);
  return false;
}

std::optional<std::string> ScriptedPeer::read_http_head(Deadline deadline) {
  std::string head;
  while (true) {
    if (const auto end = wire::find_header_end(head)) {
      const std::string rest = head.substr(*end);
      head.resize(*end);
      observation_.transcript.push_back(WireRecord{now(), Direction::FromSubject, Kind::Note, std::nullopt, {}, head});
      // Frames the subject sent right behind its handshake belong to the
      // decoder, and follow the head in the transcript.
      if (!rest.empty()) on_bytes({reinterpret_cast<const std::uint8_t*>(rest.data()), rest.size()});
      return head;
    }
    if (head.size() > kMaxHttpHead) {
      observation_.handshake_error = fmt::format("the subject's HTTP head exceeds {} bytes", kMaxHttpHead);
      return std::nullopt;
    }
    auto read = channel_.read(deadline);
    if (read.status != ChannelStatus::Data) {
      observation_.handshake_error =
          read.status == ChannelStatus::Timeout ? "no handshake from the subject before the deadline"
          : read.status == ChannelStatus::Eof   ? "the subject closed the connection during the handshake"
          : read.status == ChannelStatus::Reset ? "the subject reset the connection during the handshake"
                                                : "read error during the handshake: " + read.error;
      return std::nullopt;
    }
    head.append(read.data.begin(), read.data.end());
  }
}

bool ScriptedPeer::client_handshake(const cases::HandshakeStep& options, Deadline deadline) {
  wire::ClientRequestSpec spec;
  spec.host = fmt::format("{}:{}", config_.host, config_.port);
  spec.target = config_.target;
  spec.key = wire::make_client_key(random_());
  if (options.version) spec.version = *options.version;
  for (const auto& [name, value] : options.headers) spec.extra.add(name, value);
  for (const auto& field : options.omit) {
    if (field == "upgrade") spec.omit_upgrade = true;
    if (field == "connection") spec.omit_connection = true;
    if (field == "key") spec.omit_key = true;
    if (field == "version") spec.omit_version = true;
  }
  const std::string request = wire::build_client_request(spec);
  observation_.transcript.push_back(WireRecord{now(), Direction::ToSubject, Kind::Note, std::nullopt, {}, request});
  if (!channel_.write({reinterpret_cast<const std::uint8_t*>(request.data()), request.size()}, deadline)) {
    observation_.handshake_error = "could not send the handshake request";
    return false;
  }
  const auto head = read_http_head(deadline);
  if (!head) return false;
  const auto response = wire::parse_response(*head);
  if (const auto* error = std::get_if<wire::HandshakeError>(&response)) return handshake_refused(*error);
  if (auto error = wire::validate_server_response(std::get<wire::HttpResponse>(response), spec.key))
    return handshake_refused(*error);
  return true;
}

bool ScriptedPeer::server_handshake(const cases::HandshakeStep& options, Deadline deadline) {
  const auto head = read_http_head(deadline);
  if (!head) return false;
  const auto request = wire::parse_request(*head);
  if (const auto* error = std::get_if<wire::HandshakeError>(&request)) return handshake_refused(*error);
  const auto& parsed = std::get<wire::HttpRequest>(request);
  if (auto error = wire::validate_client_request(parsed)) return handshake_refused(*error);
  wire::HttpHeaders extra;
  for (const auto& [name, value] : options.headers) extra.add(name, value);
  const auto key = parsed.headers.find("Sec-WebSocket-Key").value_or("");
  const std::string response = wire::build_server_response(key, extra);
  observation_.transcript.push_back(WireRecord{now(), Direction::ToSubject, Kind::Note, std::nullopt, {}, response});
  if (!channel_.write({reinterpret_cast<const std::uint8_t*>(response.data()), response.size()}, deadline)) {
    observation_.handshake_error = "could not send the handshake response";
    return false;
  }
  return true;
}

bool ScriptedPeer::handshake(const cases::HandshakeStep& options, Deadline deadline) {
  const bool ok = config_.subject_is_server ? client_handshake(options, deadline) : server_handshake(options, deadline);
  observation_.handshake_ok = ok;
  if (!ok) note("handshake failed: " + observation_.handshake_error);
  return ok;
}

// ---- sending ---------------------------------------------------------------

void ScriptedPeer::note_frame_sent(const wire::Frame& frame) {
  if (frame.opcode != kClose || sent_close_) return;
  sent_close_ = true;
  observation_.peer_close_sent_at = now();
  if (!got_close_) observation_.peer_sent_close_first = true;
}

bool ScriptedPeer::send_bytes(std::span<const std::uint8_t> bytes, Deadline deadline, Kind kind,
                              std::optional<wire::Frame> frame) {
  if (frame) note_frame_sent(*frame);
  observation_.transcript.push_back(
      WireRecord{now(), Direction::ToSubject, kind, std::move(frame), head_of(bytes), {}});
  return channel_.write(bytes, deadline);
}

bool ScriptedPeer::send_frame(const cases::SendStep& send, Deadline deadline) {
  // One write holds all repeats when the case asks for a pipelined burst.
  std::vector<std::uint8_t> batch;
  for (int i = 0; i < send.repeat; ++i) {
    // The peer is the client when the subject is the server.
    auto [bytes, frame] = encode_send(send, config_.subject_is_server, random_);
    if (send.one_write) {
      note_frame_sent(frame);
      observation_.transcript.push_back(WireRecord{now(), Direction::ToSubject, Kind::Frame, std::move(frame), {}, {}});
      batch.insert(batch.end(), bytes.begin(), bytes.end());
    } else if (!send_bytes(bytes, deadline, Kind::Frame, std::move(frame))) {
      return false;
    }
  }
  if (send.one_write) {
    note(fmt::format("the {} frames above went out in one write of {} bytes", send.repeat, batch.size()));
    return channel_.write(batch, deadline);
  }
  return true;
}

void ScriptedPeer::send_control(std::uint8_t opcode, std::vector<std::uint8_t> payload) {
  cases::SendStep step;
  step.opcode = opcode;
  step.payload = std::move(payload);
  send_frame(step, Clock::now() + std::chrono::seconds(1));
}

// ---- receiving -------------------------------------------------------------

void ScriptedPeer::on_tcp_end(TcpEnd end, Kind kind, std::string text) {
  if (observation_.tcp_end != TcpEnd::StillOpen) return;
  observation_.tcp_end = end;
  observation_.tcp_end_at = now();
  observation_.transcript.push_back(WireRecord{now(), Direction::FromSubject, kind, std::nullopt, {}, std::move(text)});
}

void ScriptedPeer::on_bytes(std::span<const std::uint8_t> bytes) {
  if (observation_.subject_decode_error) {
    // The stream is already broken; keep the bytes for the reader.
    observation_.transcript.push_back(WireRecord{now(), Direction::FromSubject, Kind::RawBytes, std::nullopt,
                                                 head_of(bytes), "after the decode error"});
    return;
  }
  std::vector<wire::Frame> frames;
  decoder_.feed(bytes, frames);
  for (const auto& frame : frames) on_frame(frame);
  if (const auto& error = decoder_.error(); error && !observation_.subject_decode_error) {
    observation_.subject_decode_error = *error;
    observation_.transcript.push_back(WireRecord{now(),
                                                 Direction::FromSubject,
                                                 Kind::DecodeError,
                                                 std::nullopt,
                                                 {},
                                                 fmt::format("{} (§{})", error->message, error->rfc_section)});
  }
}

void ScriptedPeer::on_frame(const wire::Frame& frame) {
  observation_.frames_from_subject.push_back(frame);
  observation_.transcript.push_back(WireRecord{now(), Direction::FromSubject, Kind::Frame, frame, {}, {}});

  if (frame.opcode == kText || frame.opcode == kBinary || frame.opcode == kContinuation) {
    if (frame.opcode != kContinuation) {
      message_opcode_ = frame.opcode;
      message_.clear();
    }
    message_.insert(message_.end(), frame.payload.begin(), frame.payload.end());
    if (frame.fin && message_opcode_) {
      if (*message_opcode_ == kText && !wire::is_valid_utf8(message_))
        observation_.subject_message_errors.push_back(
            fmt::format("the subject sent a text message of {} bytes that is not valid UTF-8 (§8.1)", message_.size()));
      observation_.data_messages.emplace_back(message_.begin(), message_.end());
      message_opcode_.reset();
    }
    return;
  }
  if (frame.opcode == kPing && config_.auto_pong && !sent_close_) {
    send_control(kPong, frame.payload);
    return;
  }
  if (frame.opcode != kClose || got_close_) return;

  got_close_ = true;
  observation_.subject_close = frame;
  observation_.subject_close_at = now();
  if (!sent_close_ && config_.reply_close) {
    // Echo the status code as a conforming endpoint does (§5.5.1); a payload
    // we cannot echo legally gets an empty reply.
    const auto parsed = wire::parse_close_payload(frame.payload);
    std::vector<std::uint8_t> reply;
    if (parsed.payload.code && !parsed.error) reply = wire::build_close_payload(parsed.payload.code, "");
    send_control(kClose, std::move(reply));
  }
  close_tcp_after_closing_handshake();
}

// §7.1.1: once the closing handshake is done, the server closes TCP first,
// and the client closes its side when it sees the server's FIN. Called after
// each close frame sent or received and at the subject's FIN. A harness that
// held on to the connection instead would leave the subject waiting for an
// EOF until its own close timeout (a second, on Beast): the story of a peer
// that vanishes, which other cases tell, not of a clean close.
void ScriptedPeer::close_tcp_after_closing_handshake() {
  if (!got_close_ || !sent_close_ || closed_by_us_) return;
  if (!config_.subject_is_server) {
    note("closing handshake complete: the harness (the server) closes TCP");
    closed_by_us_ = true;
    on_tcp_end(TcpEnd::PeerClosed, Kind::Note, "the harness closed TCP");
    channel_.close();
  } else if (observation_.tcp_end == TcpEnd::SubjectFin) {
    note("closing handshake complete and the subject (the server) closed TCP: the harness closes its side");
    closed_by_us_ = true;
    channel_.close();
  }
}

bool ScriptedPeer::pump(Deadline deadline) {
  if (connection_ended()) return false;
  if (channel_.stalled()) {
    std::this_thread::sleep_until(deadline);
    return false;
  }
  auto read = channel_.read(deadline);
  switch (read.status) {
    case ChannelStatus::Data: on_bytes(read.data); return true;
    case ChannelStatus::Eof:
      if (decoder_.mid_frame())
        note(fmt::format("EOF inside a frame: {} bytes of it had arrived", decoder_.pending_bytes()),
             Direction::FromSubject);
      on_tcp_end(TcpEnd::SubjectFin, Kind::TcpFin, "the subject closed TCP (FIN)");
      close_tcp_after_closing_handshake();
      return false;
    case ChannelStatus::Reset:
      on_tcp_end(TcpEnd::SubjectReset, Kind::TcpRst, "the subject reset TCP (RST)");
      return false;
    case ChannelStatus::Timeout: return false;
    case ChannelStatus::Error:
      on_tcp_end(TcpEnd::SubjectReset, Kind::TcpRst, "read error: " + read.error);
      return false;
  }
  return false;
}

// ---- steps -----------------------------------------------------------------

bool ScriptedPeer::run(const cases::LocatedStep& step, Deadline case_deadline) {
  StepRun run{case_deadline, {}, false};
  // One overload of perform() per step kind: a new kind without one does not
  // compile, where a chain of get_if would fail at run time.
  if (std::visit([&](const auto& kind) { return perform(kind, run); }, step.step)) return true;
  observation_.step_failure = fmt::format("step {} ({}): {}", step.where.to_string(), step.text, run.failure);
  observation_.step_timed_out = run.timed_out;
  note("step failed: " + run.failure);
  return false;
}

namespace {

// A step's own bound, never past the case's.
Deadline bounded(const ScriptedPeer::StepRun& run, std::chrono::milliseconds within) {
  return std::min(Clock::now() + within, run.case_deadline);
}

}  // namespace

bool ScriptedPeer::perform(const cases::SendStep& send, StepRun& run) {
  if (send_frame(send, run.case_deadline)) {
    close_tcp_after_closing_handshake();
    return true;
  }
  observation_.step_send_outran = !harness_ended_connection();
  run.failure = "the connection was gone before the frame could be sent";
  return false;
}

bool ScriptedPeer::perform(const cases::SendRawStep& raw, StepRun& run) {
  if (send_bytes(raw.bytes, run.case_deadline, Kind::RawBytes, std::nullopt)) return true;
  observation_.step_send_outran = !harness_ended_connection();
  run.failure = "the connection was gone before the bytes could be sent";
  return false;
}

bool ScriptedPeer::perform(const cases::FaultStep& fault, StepRun& /*run*/) {
  const auto applied = channel_.apply_fault(fault);
  observation_.transcript.push_back(
      WireRecord{now(), Direction::ToSubject, Kind::Fault, std::nullopt, {}, applied.description});
  if (applied.ends_connection) on_tcp_end(TcpEnd::PeerReset, Kind::Note, "the harness reset TCP");
  return true;
}

bool ScriptedPeer::perform(const cases::WaitFrameStep& wait, StepRun& run) {
  const auto deadline = bounded(run, wait.within);
  while (true) {
    auto& frames = observation_.frames_from_subject;
    for (; frame_cursor_ < frames.size(); ++frame_cursor_) {
      const auto& frame = frames[frame_cursor_];
      if (wait.opcode && is_data_start(*wait.opcode) && is_data_start(frame.opcode) && !frame.fin) {
        const auto joined = join_message(frames, frame_cursor_);
        if (!joined) break;  // the rest of the message is still on its way
        if (frame_matches(wait, joined->frame)) {
          frame_cursor_ = joined->end;
          return true;
        }
        continue;
      }
      if (frame_matches(wait, frame)) {
        ++frame_cursor_;
        return true;
      }
    }
    if (Clock::now() >= deadline || connection_ended()) break;
    pump(deadline);
  }
  const std::string wanted = wait.opcode ? std::string(wire::opcode_name(*wait.opcode)) : std::string("any");
  const auto& frames = observation_.frames_from_subject;
  run.failure = fmt::format("expected a {} frame{} within {} ms; {}", wanted,
                            wait.codes.empty() ? "" : " with one of the expected codes", wait.within.count(),
                            connection_ended() ? "the connection ended first"
                            : frames.empty()   ? "got nothing"
                                               : "last got " + describe_frame(frames.back()));
  return false;
}

bool ScriptedPeer::perform(const cases::WaitEventStep& wait, StepRun& run) {
  const auto deadline = bounded(run, wait.within);
  // Wait in short slices and keep the connection serviced in between, so
  // pings and closes are answered while the subject works.
  constexpr auto kSlice = std::chrono::milliseconds(10);
  const auto since = Clock::now();
  while (true) {
    const auto outcome = wait_event_(wait, std::min(deadline, Clock::now() + kSlice), since);
    if (outcome.state == EventWait::State::Matched) return true;
    if (outcome.state == EventWait::State::Failed || Clock::now() >= deadline) {
      run.timed_out = outcome.state == EventWait::State::Pending;
      run.failure = outcome.message;
      return false;
    }
    // Read everything that is already there before the next slice: a
    // subject streaming megabytes (/spam) must not be throttled to one
    // read per slice, or it blocks on TCP and never reports.
    const auto slice = std::min(deadline, Clock::now() + kSlice);
    if (connection_ended() || !pump(slice)) {
      std::this_thread::sleep_until(std::min(slice, Clock::now() + std::chrono::milliseconds(1)));
    } else {
      while (Clock::now() < deadline && pump(Clock::now())) {
      }
    }
  }
}

bool ScriptedPeer::perform(const cases::ExpectTcpCloseStep& expect, StepRun& run) {
  const auto deadline = bounded(run, expect.within);
  while (!connection_ended() && Clock::now() < deadline) pump(deadline);
  const auto end = observation_.tcp_end;
  if (end == TcpEnd::StillOpen) {
    run.failure = fmt::format("expected the subject to close TCP within {} ms; it stayed open", expect.within.count());
    return false;
  }
  if ((expect.kind == cases::TcpCloseKind::Fin && end != TcpEnd::SubjectFin && end != TcpEnd::PeerClosed) ||
      (expect.kind == cases::TcpCloseKind::Rst && end != TcpEnd::SubjectReset)) {
    run.failure = fmt::format("expected TCP {}; got {}", expect.kind == cases::TcpCloseKind::Fin ? "FIN" : "RST",
                              end == TcpEnd::SubjectReset ? "RST" : "FIN");
    return false;
  }
  return true;
}

bool ScriptedPeer::perform(const cases::ExpectSilenceStep& silence, StepRun& run) {
  waited_ += silence.duration;
  const auto deadline = bounded(run, silence.duration);
  const auto before = observation_.frames_from_subject.size();
  while (Clock::now() < deadline && !connection_ended()) pump(deadline);
  if (observation_.frames_from_subject.size() != before) {
    run.failure = fmt::format("expected no frame for {} ms; got {}", silence.duration.count(),
                              describe_frame(observation_.frames_from_subject[before]));
    return false;
  }
  return true;
}

bool ScriptedPeer::perform(const cases::SleepStep& sleep, StepRun& run) {
  waited_ += sleep.duration;
  const auto deadline = bounded(run, sleep.duration);
  while (Clock::now() < deadline) {
    if (connection_ended() || !pump(deadline))
      std::this_thread::sleep_until(std::min(deadline, Clock::now() + std::chrono::milliseconds(5)));
  }
  return true;
}

bool ScriptedPeer::perform(const cases::HandshakeStep&, StepRun& run) {
  run.failure = "a handshake step may only come first";
  return false;
}

namespace {

// The leading handshake step, which handshake() plays, if the case has one.
const cases::HandshakeStep* leading_handshake(const cases::CaseInstance& instance) {
  return instance.steps.empty() ? nullptr : std::get_if<cases::HandshakeStep>(&instance.steps.front().step);
}

}  // namespace

bool ScriptedPeer::handshake(const cases::CaseInstance& instance, Deadline deadline) {
  const auto* options = leading_handshake(instance);
  return handshake(options ? *options : cases::HandshakeStep{}, deadline);
}

void ScriptedPeer::play(const cases::CaseInstance& instance, std::size_t connection, Deadline case_deadline) {
  auto step = instance.steps.begin();
  if (leading_handshake(instance)) ++step;
  for (; step != instance.steps.end(); ++step) {
    if (step->on == cases::StepScope::First && connection != 0) continue;
    if (!run(*step, case_deadline)) break;
  }
  drain(std::min(Clock::now() + instance.drain, case_deadline));
}

void ScriptedPeer::drain(Deadline deadline) {
  while (!connection_ended() && Clock::now() < deadline) pump(deadline);
}

void ScriptedPeer::finish() {
  if (observation_.tcp_end == TcpEnd::StillOpen) note("end of case: the harness closes TCP");
  if (!closed_by_us_) channel_.close();
  closed_by_us_ = true;
}

}  // namespace wsh::peer
