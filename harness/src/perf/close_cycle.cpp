#include "perf/close_cycle.hpp"

#include <fmt/format.h>
#include <vector>

#include "net/connection.hpp"
#include "net/net_error.hpp"
#include "wire/close_payload.hpp"
#include "wire/frame_decoder.hpp"
#include "wire/frame_encoder.hpp"
#include "wire/handshake.hpp"
#include "wire/opcode.hpp"

namespace wsh::perf {
namespace {

using Clock = launch::Clock;

// The largest HTTP head a subject may answer with.
constexpr std::size_t kMaxHttpHead = 16 * 1024;
// RFC 6455 §7.4.1: 1000, normal closure, big-endian.
const wire::Bytes kNormalClosure = {0x03, 0xe8};

Micros since(Clock::time_point from, Clock::time_point to) { return std::chrono::duration_cast<Micros>(to - from); }

std::string_view as_text(const wire::Bytes& bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

class Cycle {
 public:
  Cycle(const CycleTarget& target, const launch::Subject& subject) : target_(target), subject_(subject) {}

  CycleOutcome run(std::uint64_t key_seed) {
    const std::size_t event_cursor = subject_.event_count();
    if (!open(key_seed)) return finish();
    outcome_.opened = true;
    const bool closed = close_handshake();
    // The harness's own end of TCP right after the subject's, as a client
    // does (§7.1.1): a server may wait for it before its cleanup runs.
    connection_->close();
    if (closed) wait_cleanup(event_cursor);
    return finish();
  }

 private:
  bool fail(CycleFailure failure, std::string detail) {
    if (outcome_.failure == CycleFailure::None) {
      outcome_.failure = failure;
      outcome_.detail = std::move(detail);
    }
    return false;
  }

  CycleOutcome finish() {
    if (connection_) connection_->close();  // a second close is harmless
    return std::move(outcome_);
  }

  bool open(std::uint64_t key_seed) {
    const auto deadline = Clock::now() + target_.stage_timeout;
    try {
      auto socket = net::TcpSocket::connect(net::Endpoint{"127.0.0.1", target_.port}, deadline);
      outcome_.conn = std::to_string(socket.local_port());
      std::optional<net::TlsEndpoint> tls;
      if (target_.tls) tls = net::TlsEndpoint::client(target_.tls->ca_cert, "127.0.0.1");
      connection_.emplace(std::move(socket), std::move(tls));
    } catch (const net::NetError& error) {
      return fail(CycleFailure::Connect, error.what());
    }
    if (const auto tls = connection_->handshake(deadline); !tls.ok())
      return fail(CycleFailure::TlsHandshake, "TLS handshake: " + tls.detail);

    wire::ClientRequestSpec spec;
    spec.host = fmt::format("127.0.0.1:{}", target_.port);
    spec.key = wire::make_client_key(key_seed);
    const std::string request = wire::build_client_request(spec);
    if (!connection_->write(wire::to_bytes(request), deadline).ok())
      return fail(CycleFailure::Handshake, "could not send the handshake request");
    std::string head;
    while (!wire::find_header_end(head)) {
      if (head.size() > kMaxHttpHead) return fail(CycleFailure::Handshake, "the subject's HTTP head is too large");
      auto received = connection_->read_some(deadline);
      if (received.status != net::ReceivedStatus::Data)
        return fail(CycleFailure::Handshake, fmt::format("no 101 answer: {}", net::to_string(received.status)));
      head.append(as_text(received.data));
    }
    const std::size_t end = *wire::find_header_end(head);
    const auto response = wire::parse_response(head.substr(0, end));
    if (const auto* error = std::get_if<wire::HandshakeError>(&response))
      return fail(CycleFailure::Handshake, fmt::format("{} (§{})", error->reason, error->rfc_section));
    if (auto error = wire::validate_server_response(std::get<wire::HttpResponse>(response), spec.key))
      return fail(CycleFailure::Handshake, fmt::format("{} (§{})", error->reason, error->rfc_section));
    // Frames right behind the 101 belong to the decoder.
    const std::string rest = head.substr(end);
    if (!rest.empty()) decoder_.feed(wire::to_bytes(rest), frames_);
    return true;
  }

  // Sends close 1000, then reads until the subject's close frame and the
  // end of TCP. Beast over TLS waits for the harness's close_notify before
  // closing TCP (RFC 8446 §6.1), so one is sent back when one arrives.
  bool close_handshake() {
    wire::EncodeOptions options;
    options.mask = wire::MaskKey{0x5a, 0x17, 0xc3, 0x81};
    const auto frame = wire::encode_frame(wire::Opcode::Close, kNormalClosure, options);
    sent_at_ = Clock::now();
    const auto deadline = sent_at_ + target_.stage_timeout;
    if (!connection_->write(frame, deadline).ok())
      return fail(CycleFailure::NoCloseReply, "could not send the close frame");
    bool close_notify_sent = false;
    // A close frame that came right behind the 101 counts as answered now.
    if (has_close_frame()) outcome_.close_reply = since(sent_at_, Clock::now());
    while (true) {
      auto received = connection_->read_some(deadline);
      const auto at = Clock::now();
      switch (received.status) {
        case net::ReceivedStatus::Data:
          if (!decoder_.feed(received.data, frames_)) return fail(CycleFailure::BadFrame, decoder_.error()->message);
          if (!outcome_.close_reply && has_close_frame()) outcome_.close_reply = since(sent_at_, at);
          continue;
        case net::ReceivedStatus::CloseNotify:
          if (!close_notify_sent) {
            close_notify_sent = true;
            connection_->send_close_notify(deadline);
          }
          continue;
        case net::ReceivedStatus::Eof:
          if (!outcome_.close_reply)
            return fail(CycleFailure::NoCloseReply, "the subject closed TCP without a close frame");
          outcome_.tcp_close = since(sent_at_, at);
          return true;
        case net::ReceivedStatus::Reset:
          if (!outcome_.close_reply)
            return fail(CycleFailure::NoCloseReply, "the subject reset TCP without a close frame");
          outcome_.tcp_close = since(sent_at_, at);
          return fail(CycleFailure::TcpReset, "the subject reset TCP after its close frame");
        case net::ReceivedStatus::Timeout:
          return outcome_.close_reply
                     ? fail(CycleFailure::NoTcpClose, fmt::format("TCP still open {} ms after the close handshake",
                                                                  target_.stage_timeout.count()))
                     : fail(CycleFailure::NoCloseReply,
                            fmt::format("no close frame within {} ms", target_.stage_timeout.count()));
        case net::ReceivedStatus::Error:
          return fail(outcome_.close_reply ? CycleFailure::NoTcpClose : CycleFailure::NoCloseReply,
                      "read error: " + received.error);
      }
    }
  }

  bool has_close_frame() {
    for (const auto& frame : frames_) {
      if (frame.opcode != wire::to_raw(wire::Opcode::Close)) continue;
      const auto parsed = wire::parse_close_payload(frame.payload);
      if (parsed.payload.code) outcome_.reply_code = *parsed.payload.code;
      return true;
    }
    return false;
  }

  void wait_cleanup(std::size_t event_cursor) {
    const auto cleanup = subject_.wait_for_event(launch::EventKind::Cleanup, outcome_.conn,
                                                 sent_at_ + target_.stage_timeout, event_cursor);
    if (cleanup) {
      outcome_.cleanup = since(sent_at_, cleanup.event().at);
    } else {
      fail(CycleFailure::NoCleanup, cleanup.message());
    }
  }

  const CycleTarget& target_;
  const launch::Subject& subject_;
  CycleOutcome outcome_;
  std::optional<net::Connection> connection_;
  wire::FrameDecoder decoder_{wire::DecoderConfig{wire::Role::Client}};
  std::vector<wire::Frame> frames_;
  Clock::time_point sent_at_{};
};

}  // namespace

std::string_view failure_name(CycleFailure failure) {
  switch (failure) {
    case CycleFailure::None: return "none";
    case CycleFailure::Connect: return "connect";
    case CycleFailure::TlsHandshake: return "tls_handshake";
    case CycleFailure::Handshake: return "handshake";
    case CycleFailure::BadFrame: return "bad_frame";
    case CycleFailure::NoCloseReply: return "no_close_reply";
    case CycleFailure::NoTcpClose: return "no_tcp_close";
    case CycleFailure::TcpReset: return "tcp_reset";
    case CycleFailure::NoCleanup: return "no_cleanup";
  }
  return "none";
}

CycleOutcome run_close_cycle(const CycleTarget& target, const launch::Subject& subject, std::uint64_t key_seed) {
  return Cycle(target, subject).run(key_seed);
}

}  // namespace wsh::perf
