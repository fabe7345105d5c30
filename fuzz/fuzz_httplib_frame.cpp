// cpp-httplib's frame reader, httplib::ws::impl::read_websocket_frame, fed
// through an httplib::Stream whose reads return at most one input-chosen
// piece at a time (as SocketStream::read returns what one recv() brought),
// compared frame by frame with the harness's decoder on the same bytes.
//
// When the reader is a server (bit 0 of the options byte), the same bytes
// also go through httplib's whole server path: Server::process_request
// (protected, reached from a subclass) reads an upgrade request from an
// in-memory Stream, answers 101 and hands a ws::WebSocket to a handler that
// calls WebSocket::read until it fails. Messages, pings and the close
// handshake are then compared with the harness's decoder and message
// assembler: the messages returned, and whether httplib answers a valid
// close frame with one of its own. The client side cannot be driven so:
// WebSocket's constructors are private, and WebSocketClient, the only
// other friend, opens its own socket.
//
// A disagreement is a finding about httplib, not a crash of this target:
// MismatchLog counts it by kind. Sanitizer reports in httplib's code are
// crashes as usual. Input layout: support/stream_input.hpp.

// WebSocket::read's own payload and message limit: kept at this target's
// largest limit (kMaxLimit below) so that a 10-byte header announcing a huge
// payload does not make httplib zero 16 MiB for every input.
#define CPPHTTPLIB_WEBSOCKET_MAX_PAYLOAD_LENGTH (1 << 20)
#include <httplib.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "support/decoder_options.hpp"
#include "support/mismatch_log.hpp"
#include "support/stream_input.hpp"
#include "wire/decode_error.hpp"
#include "wire/frame_decoder.hpp"
#include "wire/message_assembler.hpp"
#include "wire/opcode.hpp"

namespace {

constexpr const char* kTarget = "fuzz_httplib_frame";

// httplib resizes its payload buffer to the announced length before reading
// it, so the largest limit is kept at 1 MiB to keep every input fast.
constexpr std::uint64_t kMaxLimit = 1 << 20;

// An in-memory httplib::Stream: reads come from `prefix` (an HTTP request,
// if any), then from the input piece by piece; writes are kept.
class PieceStream final : public httplib::Stream {
 public:
  explicit PieceStream(wsh::fuzz::PieceCursor cursor, std::string_view prefix = {})
      : cursor_(cursor), prefix_(prefix) {}

  const std::string& written() const { return written_; }

  // Whether a read returned fewer bytes than asked although more were on
  // their way: the reader then had to call read() again.
  bool short_read_seen() const { return short_read_seen_; }
  void forget_short_reads() { short_read_seen_ = false; }

  bool is_readable() const override { return !prefix_.empty() || !cursor_.done(); }
  bool wait_readable() const override { return is_readable(); }
  bool wait_writable() const override { return true; }
  ssize_t read(char* ptr, size_t size) override {
    if (!prefix_.empty()) {
      const std::size_t n = std::min(prefix_.size(), size);
      std::memcpy(ptr, prefix_.data(), n);
      prefix_.remove_prefix(n);
      return static_cast<ssize_t>(n);
    }
    if (cursor_.done()) return 0;  // the peer closed: recv() returns 0
    const wsh::fuzz::InputBytes piece = cursor_.next(size);
    const std::size_t n = std::min(piece.size(), size);  // never more than asked (tells gcc so too)
    std::memcpy(ptr, piece.data(), n);
    if (n < size && !cursor_.done()) short_read_seen_ = true;
    return static_cast<ssize_t>(n);
  }
  ssize_t write(const char* data, size_t size) override {
    written_.append(data, size);
    return static_cast<ssize_t>(size);
  }
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = "127.0.0.1";
    port = 0;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    ip = "127.0.0.1";
    port = 0;
  }
  socket_t socket() const override { return INVALID_SOCKET; }
  time_t duration() const override { return 0; }

 private:
  wsh::fuzz::PieceCursor cursor_;
  std::string_view prefix_;
  std::string written_;
  bool short_read_seen_ = false;
};

struct HttplibFrame {
  std::uint8_t opcode = 0;
  bool fin = false;
  std::string payload;
};

struct HttplibRead {
  std::vector<HttplibFrame> frames;
  bool stopped_after_short_read = false;  // the failing call saw a short read
};

HttplibRead read_with_httplib(const wsh::fuzz::StreamInput& input, bool expect_masked, std::size_t max_len) {
  HttplibRead result;
  PieceStream stream(wsh::fuzz::PieceCursor(input.stream, input.piece_sizes));
  // Each frame takes at least 2 bytes, so this loop ends.
  while (true) {
    stream.forget_short_reads();
    httplib::ws::Opcode opcode{};
    HttplibFrame frame;
    if (!httplib::ws::impl::read_websocket_frame(stream, opcode, frame.payload, frame.fin, expect_masked, max_len)) {
      result.stopped_after_short_read = stream.short_read_seen();
      return result;
    }
    frame.opcode = static_cast<std::uint8_t>(opcode);
    result.frames.push_back(std::move(frame));
  }
}

bool same_frame(const HttplibFrame& ours, const wsh::wire::Frame& theirs) {
  return ours.opcode == theirs.opcode && ours.fin == theirs.fin &&
         std::equal(ours.payload.begin(), ours.payload.end(), theirs.payload.begin(), theirs.payload.end(),
                    [](char a, std::uint8_t b) { return static_cast<std::uint8_t>(a) == b; });
}

// Whether the frame's length took more bytes than §5.2's minimal encoding.
bool has_non_minimal_length(const wsh::wire::Frame& frame) {
  const std::size_t length = frame.payload.size();
  const std::size_t minimal = 2 + (length > 0xFFFF ? 8 : length > 125 ? 2 : 0) + (frame.masked ? 4 : 0);
  return frame.header_size() > minimal;
}

// The first place where httplib and the harness disagree, as a kind name,
// or "" when they agree on every frame.
std::string first_disagreement(const HttplibRead& httplib_read, const wsh::wire::DecodeResult& harness,
                               std::string& detail) {
  const std::size_t common = std::min(httplib_read.frames.size(), harness.frames.size());
  for (std::size_t i = 0; i < common; ++i) {
    if (!same_frame(httplib_read.frames[i], harness.frames[i])) {
      detail = "frame " + std::to_string(i) + " decoded differently";
      return "different-frame";
    }
  }
  if (httplib_read.frames.size() > common) {
    detail = "httplib returned frame " + std::to_string(common) + "; the harness ";
    if (harness.error) {
      detail += "failed: " + harness.error->message;
      return "accepts-" + std::string(wsh::wire::decode_error_name(harness.error->kind));
    }
    detail += "saw it cut short";
    return "accepts-truncated-frame";
  }
  if (harness.frames.size() > common) {
    detail = "httplib failed on frame " + std::to_string(common) + ", which the harness decoded whole";
    // httplib checks a control frame's 7-bit length before reading the
    // extended one, so it refuses a short control payload in a 16- or
    // 64-bit length: a non-minimal encoding the RFC forbids anyway.
    if (has_non_minimal_length(harness.frames[common])) return "rejects-non-minimal-length";
    return httplib_read.stopped_after_short_read ? "rejects-valid-frame-after-short-read" : "rejects-valid-frame";
  }
  return "";
}

// --- The whole server path: Server::process_request and WebSocket::read ---

// A correct client request (RFC 6455 §1.3's example key).
constexpr std::string_view kUpgradeRequest =
    "GET / HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";

struct DataMessage {
  std::uint8_t opcode = 0;  // text or binary
  std::string payload;
};

// What the handler saw: the messages WebSocket::read returned before it failed.
struct LoopRun {
  bool upgraded = false;
  std::vector<DataMessage> messages;
  bool short_read_seen = false;
  std::string written;  // the 101 response, then the frames httplib sent
};

// Server::process_request is protected: a subclass makes it callable with
// any Stream, as uWebSockets' fuzzers drive a whole server over a fake socket.
class StreamServer final : public httplib::Server {
 public:
  using httplib::Server::process_request;
};

// WebSocket::read sends pings from its own thread every
// websocket_ping_interval seconds; 0 turns that thread off where the
// version has the setting (0.33.0 has not, and its thread just waits).
template <typename Server>
void turn_off_pings(Server& server) {
  if constexpr (requires { server.set_websocket_ping_interval(std::time_t{0}); }) {
    server.set_websocket_ping_interval(0);
  }
}

LoopRun run_server_loop(const wsh::fuzz::StreamInput& input) {
  static LoopRun* current = nullptr;
  static StreamServer* server = [] {
    auto* created = new StreamServer();  // one per process: building it costs more than an input
    turn_off_pings(*created);
    created->WebSocket("/", [](const httplib::Request&, httplib::ws::WebSocket& ws) {
      std::string message;
      while (true) {
        const httplib::ws::ReadResult result = ws.read(message);
        if (result == httplib::ws::Fail) return;
        current->messages.push_back({static_cast<std::uint8_t>(result == httplib::ws::Text ? 0x1 : 0x2), message});
      }
    });
    return created;
  }();
  LoopRun run;
  current = &run;
  PieceStream stream(wsh::fuzz::PieceCursor(input.stream, input.piece_sizes), kUpgradeRequest);
  bool connection_closed = false;
  bool upgraded = false;
  server->process_request(stream, "127.0.0.1", 0, "127.0.0.1", 0, true, connection_closed, {}, &upgraded);
  current = nullptr;
  run.upgraded = upgraded;
  run.short_read_seen = stream.short_read_seen();
  run.written = stream.written();
  return run;
}

// How the harness's decoder and message assembler end the same stream.
struct HarnessLoop {
  std::vector<wsh::wire::Message> data_messages;
  std::optional<wsh::wire::Message> close;    // a valid close message, if one ended the stream
  std::string error;                          // the first error's name, if one ended it
  wsh::wire::CloseCode error_close_code = 0;  // the code §7.4.1 has the reader fail with
  // By design, not compared (fuzz/FINDINGS.md): httplib refuses a control
  // frame with a non-minimal length, and checks UTF-8 only once a message
  // is complete, where the harness fails on the first invalid fragment.
  bool close_had_non_minimal_length = false;
  bool utf8_failed_mid_message = false;
};

HarnessLoop harness_loop(const wsh::wire::DecodeResult& decoded) {
  HarnessLoop result;
  wsh::wire::MessageAssembler assembler({.max_message = kMaxLimit});
  std::vector<wsh::wire::Message> messages;
  bool failed_frame_fin = true;
  for (const auto& frame : decoded.frames) {
    if (!assembler.push(frame, messages)) {
      failed_frame_fin = frame.fin;
      break;
    }
    if (!messages.empty() && messages.back().opcode == wsh::wire::to_raw(wsh::wire::Opcode::Close)) break;
  }
  for (auto& message : messages) {
    if (message.opcode == wsh::wire::to_raw(wsh::wire::Opcode::Close)) {
      for (const auto& frame : decoded.frames) {
        if (frame.stream_offset == message.stream_offset) {
          result.close_had_non_minimal_length = has_non_minimal_length(frame);
        }
      }
      result.close = std::move(message);
      return result;  // §5.5.1: nothing after a close frame is read
    }
    if (wsh::wire::is_data(message.opcode)) result.data_messages.push_back(std::move(message));
  }
  if (assembler.error()) {
    result.error = wsh::wire::message_error_name(assembler.error()->kind);
    result.error_close_code = assembler.error()->close_code;
    result.utf8_failed_mid_message =
        assembler.error()->kind == wsh::wire::MessageErrorKind::InvalidUtf8 && !failed_frame_fin;
  } else if (decoded.error) {
    result.error = wsh::wire::decode_error_name(decoded.error->kind);
    result.error_close_code = wsh::wire::close_code_for(decoded.error->kind);
  }
  return result;
}

// The body of the first close frame httplib sent after its 101 response.
std::optional<wsh::wire::Bytes> sent_close_body(const std::string& written) {
  const std::size_t end_of_response = written.find("\r\n\r\n");
  if (end_of_response == std::string::npos) return std::nullopt;
  const std::string_view frames = std::string_view(written).substr(end_of_response + 4);
  const wsh::wire::DecodeResult sent =
      wsh::wire::decode_all({reinterpret_cast<const std::uint8_t*>(frames.data()), frames.size()},
                            wsh::wire::DecoderConfig{.role = wsh::wire::Role::Client, .structure_only = true});
  for (const auto& frame : sent.frames) {
    if (frame.opcode == wsh::wire::to_raw(wsh::wire::Opcode::Close)) return frame.payload;
  }
  return std::nullopt;
}

// The first place where httplib's whole read loop and the harness disagree,
// as a kind name ("loop-..."), or "" when they agree.
std::string first_loop_disagreement(const LoopRun& run, const HarnessLoop& harness, std::string& detail) {
  if (!run.upgraded) {
    detail = "the upgrade request was not answered with 101";
    return "loop-no-upgrade";
  }
  const std::size_t common = std::min(run.messages.size(), harness.data_messages.size());
  for (std::size_t i = 0; i < common; ++i) {
    const auto& ours = harness.data_messages[i];
    const auto& theirs = run.messages[i];
    if (theirs.opcode != ours.opcode ||
        !std::equal(theirs.payload.begin(), theirs.payload.end(), ours.payload.begin(), ours.payload.end(),
                    [](char a, std::uint8_t b) { return static_cast<std::uint8_t>(a) == b; })) {
      detail = "message " + std::to_string(i) + " differs";
      return "loop-different-message";
    }
  }
  if (run.messages.size() > common) {
    detail = "WebSocket::read returned message " + std::to_string(common) + "; the harness stopped: " +
             (harness.close           ? "close frame"
              : harness.error.empty() ? "stream cut short"
                                      : harness.error);
    return "loop-accepts-" + (harness.close           ? std::string("message-after-close")
                              : harness.error.empty() ? std::string("truncated-message")
                                                      : harness.error);
  }
  if (harness.data_messages.size() > common) {
    detail = "WebSocket::read failed before message " + std::to_string(common) + ", which the harness assembled";
    return run.short_read_seen ? "loop-rejects-valid-message-after-short-read" : "loop-rejects-valid-message";
  }
  const std::optional<wsh::wire::Bytes> reply = sent_close_body(run.written);
  if (harness.close && !reply && !harness.close_had_non_minimal_length) {
    detail = "a valid close frame got no close frame back";
    return run.short_read_seen ? "loop-no-close-reply-after-short-read" : "loop-no-close-reply";
  }
  // Failing the connection (§7.1.7) may send a close frame, with the code
  // the error calls for (§7.4.1: 1002, 1007 or 1009); any other close frame
  // there, an echo of an invalid close body above all, is a disagreement.
  if (!harness.close && !harness.error.empty() && reply && !harness.utf8_failed_mid_message) {
    const bool right_code = reply->size() >= 2 && ((*reply)[0] << 8 | (*reply)[1]) == harness.error_close_code;
    if (right_code) return "";
    detail = "httplib sent a close frame without code " + std::to_string(harness.error_close_code) +
             " where the harness failed: " + harness.error;
    return "loop-close-reply-to-" + harness.error;
  }
  return "";
}

}  // namespace

WSH_FUZZ_EXPORT_MISMATCH_COUNT()

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto input = wsh::fuzz::parse_stream_input(data, size);
  if (!input) return 0;
  wsh::wire::DecoderConfig config = wsh::fuzz::decoder_config(*input);
  config.max_payload = std::min(config.max_payload, kMaxLimit);
  // What httplib's reader is meant to check, no more: no extension defines
  // RSV bits, and §5.2's minimal length is a rule for senders.
  config.allow_rsv = false;
  config.require_minimal_length = false;
  config.structure_only = false;

  const HttplibRead httplib_read =
      read_with_httplib(*input, config.role == wsh::wire::Role::Server, static_cast<std::size_t>(config.max_payload));
  const wsh::wire::DecodeResult harness = wsh::wire::decode_all(input->stream, config);

  std::string detail;
  const std::string kind = first_disagreement(httplib_read, harness, detail);
  if (!kind.empty()) {
    wsh::fuzz::MismatchLog::instance().record(kTarget, kind, detail, {data, size});
  }

  if (config.role == wsh::wire::Role::Server) {
    // WebSocket::read applies its own limit, not the input's.
    wsh::wire::DecoderConfig loop_config = config;
    loop_config.max_payload = kMaxLimit;
    const HarnessLoop expected = harness_loop(wsh::wire::decode_all(input->stream, loop_config));
    const LoopRun run = run_server_loop(*input);
    const std::string loop_kind = first_loop_disagreement(run, expected, detail);
    if (!loop_kind.empty()) {
      wsh::fuzz::MismatchLog::instance().record(kTarget, loop_kind, detail, {data, size});
    }
  }
  return 0;
}
