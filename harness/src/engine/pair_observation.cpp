#include "engine/pair_observation.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "wire/opcode.hpp"
#include "wire/utf8.hpp"

namespace wsh::engine {
namespace {

using oracles::Direction;
using oracles::TcpEnd;
using oracles::WireRecord;
using Kind = proxy::RelayRecord::Kind;

constexpr std::uint8_t kText = static_cast<std::uint8_t>(wire::Opcode::Text);
constexpr std::uint8_t kBinary = static_cast<std::uint8_t>(wire::Opcode::Binary);
constexpr std::uint8_t kContinuation = static_cast<std::uint8_t>(wire::Opcode::Continuation);
constexpr std::uint8_t kClose = static_cast<std::uint8_t>(wire::Opcode::Close);

// Joins the subject's data frames into messages, as the receiving end would,
// and checks text for UTF-8 (§8.1), like the scripted peer does.
class MessageCollector {
 public:
  explicit MessageCollector(oracles::Observation& observation) : observation_(observation) {}

  void on_frame(const wire::Frame& frame) {
    if (frame.opcode != kText && frame.opcode != kBinary && frame.opcode != kContinuation) return;
    if (frame.opcode != kContinuation) {
      opcode_ = frame.opcode;
      message_.clear();
    }
    message_.insert(message_.end(), frame.payload.begin(), frame.payload.end());
    if (!frame.fin || !opcode_) return;
    if (*opcode_ == kText && !wire::is_valid_utf8(message_))
      observation_.subject_message_errors.push_back(
          fmt::format("the subject sent a text message of {} bytes that is not valid UTF-8 (§8.1)", message_.size()));
    observation_.data_messages.emplace_back(message_.begin(), message_.end());
    opcode_.reset();
  }

 private:
  oracles::Observation& observation_;
  std::optional<std::uint8_t> opcode_;
  std::vector<std::uint8_t> message_;
};

WireRecord::Kind end_kind(Kind kind) { return kind == Kind::Fin ? WireRecord::Kind::TcpFin : WireRecord::Kind::TcpRst; }

}  // namespace

void observe_pair_side(const std::vector<proxy::RelayRecord>& records, cases::PairSide side, bool decoded,
                       oracles::Observation& observation) {
  const bool is_server = side == cases::PairSide::Server;
  const auto toward = is_server ? proxy::Flow::ToServer : proxy::Flow::ToClient;
  observation.subject_is_server = is_server;
  MessageCollector messages(observation);
  bool saw_101 = false, saw_response = false;

  const auto end = [&](TcpEnd how, std::chrono::microseconds at) {
    if (observation.tcp_end != TcpEnd::StillOpen) return;
    observation.tcp_end = how;
    observation.tcp_end_at = at;
  };

  for (const auto& record : records) {
    const bool to_subject = record.flow == toward;
    const Direction direction = to_subject ? Direction::ToSubject : Direction::FromSubject;
    // The subject's own doing: what it sent, or its own TCP end.
    const bool from_subject = !to_subject && !record.by_harness;
    WireRecord line{record.at, direction, WireRecord::Kind::Note, record.frame, record.bytes, record.text};
    switch (record.kind) {
      case Kind::HttpHead:
        if (record.flow == proxy::Flow::ToClient) {
          saw_response = true;
          saw_101 = record.text.rfind("HTTP/1.1 101", 0) == 0;
        }
        break;
      case Kind::Frame:
        if (!to_subject && record.by_harness) {
          // A frame the harness put in front of the other subject: not this
          // subject's, but worth seeing in its transcript.
          line.text = record.text;
          line.frame.reset();
          break;
        }
        line.kind = WireRecord::Kind::Frame;
        if (to_subject) {
          if (record.frame->opcode == kClose && !observation.peer_close_sent_at) {
            observation.peer_close_sent_at = record.at;
            if (!observation.subject_close) observation.peer_sent_close_first = true;
          }
          break;
        }
        observation.frames_from_subject.push_back(*record.frame);
        messages.on_frame(*record.frame);
        if (record.frame->opcode == kClose && !observation.subject_close) {
          observation.subject_close = *record.frame;
          observation.subject_close_at = record.at;
        }
        break;
      case Kind::RawBytes: line.kind = WireRecord::Kind::RawBytes; break;
      case Kind::DecodeError:
        if (from_subject) {
          line.kind = WireRecord::Kind::DecodeError;
          if (record.error && !observation.subject_decode_error) observation.subject_decode_error = *record.error;
        }
        break;
      case Kind::Fin:
      case Kind::Rst:
        if (to_subject) {
          line.kind = end_kind(record.kind);
          end(record.kind == Kind::Fin ? TcpEnd::PeerClosed : TcpEnd::PeerReset, record.at);
        } else if (from_subject) {
          line.kind = end_kind(record.kind);
          end(record.kind == Kind::Fin ? TcpEnd::SubjectFin : TcpEnd::SubjectReset, record.at);
        }
        // else: the harness ended the other subject's connection; a note here.
        break;
      case Kind::Fault: line.kind = WireRecord::Kind::Fault; break;
      case Kind::Note: break;
    }
    observation.transcript.push_back(std::move(line));
  }

  if (decoded) {
    observation.handshake_ok = saw_101;
    if (!saw_101)
      observation.handshake_error = saw_response ? "the server subject did not answer the handshake with 101"
                                                 : "no handshake response passed the proxy";
  } else {
    observation.handshake_ok = std::any_of(observation.events.begin(), observation.events.end(),
                                           [](const oracles::AppEvent& event) { return event.kind == "open"; });
    if (!observation.handshake_ok) observation.handshake_error = "the subject never reported the connection open";
  }
}

}  // namespace wsh::engine
