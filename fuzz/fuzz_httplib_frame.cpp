// cpp-httplib's frame reader, httplib::ws::impl::read_websocket_frame, fed
// through an httplib::Stream whose reads return at most one input-chosen
// piece at a time (as SocketStream::read returns what one recv() brought),
// compared frame by frame with the harness's decoder on the same bytes.
//
// A disagreement is a finding about httplib, not a crash of this target:
// MismatchLog counts it by kind. Sanitizer reports in httplib's code are
// crashes as usual. Input layout: support/stream_input.hpp.

#include <httplib.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "support/decoder_options.hpp"
#include "support/mismatch_log.hpp"
#include "support/stream_input.hpp"
#include "wire/decode_error.hpp"
#include "wire/frame_decoder.hpp"

namespace {

constexpr const char* kTarget = "fuzz_httplib_frame";

// httplib resizes its payload buffer to the announced length before reading
// it, so the largest limit is kept at 1 MiB to keep every input fast.
constexpr std::uint64_t kMaxLimit = 1 << 20;

// An in-memory httplib::Stream: reads come from the input, piece by piece.
class PieceStream final : public httplib::Stream {
 public:
  explicit PieceStream(wsh::fuzz::PieceCursor cursor) : cursor_(cursor) {}

  // Whether a read returned fewer bytes than asked although more were on
  // their way: the reader then had to call read() again.
  bool short_read_seen() const { return short_read_seen_; }
  void forget_short_reads() { short_read_seen_ = false; }

  bool is_readable() const override { return !cursor_.done(); }
  bool wait_readable() const override { return !cursor_.done(); }
  bool wait_writable() const override { return true; }
  ssize_t read(char* ptr, size_t size) override {
    if (cursor_.done()) return 0;  // the peer closed: recv() returns 0
    const wsh::fuzz::InputBytes piece = cursor_.next(size);
    const std::size_t n = std::min(piece.size(), size);  // never more than asked (tells gcc so too)
    std::memcpy(ptr, piece.data(), n);
    if (n < size && !cursor_.done()) short_read_seen_ = true;
    return static_cast<ssize_t>(n);
  }
  ssize_t write(const char*, size_t size) override { return static_cast<ssize_t>(size); }
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

HttplibRead read_with_httplib(const wsh::fuzz::StreamInput& input, bool expect_masked,
                              std::size_t max_len) {
  HttplibRead result;
  PieceStream stream(wsh::fuzz::PieceCursor(input.stream, input.piece_sizes));
  // Each frame takes at least 2 bytes, so this loop ends.
  while (true) {
    stream.forget_short_reads();
    httplib::ws::Opcode opcode{};
    HttplibFrame frame;
    if (!httplib::ws::impl::read_websocket_frame(stream, opcode, frame.payload, frame.fin,
                                                 expect_masked, max_len)) {
      result.stopped_after_short_read = stream.short_read_seen();
      return result;
    }
    frame.opcode = static_cast<std::uint8_t>(opcode);
    result.frames.push_back(std::move(frame));
  }
}

bool same_frame(const HttplibFrame& ours, const wsh::wire::Frame& theirs) {
  return ours.opcode == theirs.opcode && ours.fin == theirs.fin &&
         std::equal(ours.payload.begin(), ours.payload.end(), theirs.payload.begin(),
                    theirs.payload.end(),
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
    return httplib_read.stopped_after_short_read ? "rejects-valid-frame-after-short-read"
                                                 : "rejects-valid-frame";
  }
  return "";
}

}  // namespace

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

  const HttplibRead httplib_read = read_with_httplib(*input, config.role == wsh::wire::Role::Server,
                                                     static_cast<std::size_t>(config.max_payload));
  const wsh::wire::DecodeResult harness = wsh::wire::decode_all(input->stream, config);

  std::string detail;
  const std::string kind = first_disagreement(httplib_read, harness, detail);
  if (!kind.empty()) {
    wsh::fuzz::MismatchLog::instance().record(kTarget, kind, detail, {data, size});
  }
  return 0;
}
