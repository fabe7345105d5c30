// Boost.Beast's websocket::stream reading frames from beast::test::stream,
// in either role, with the bytes arriving in input-chosen pieces: each
// piece is written by the test peer only after Beast has consumed the
// previous one, so Beast's read loop meets every split of the header and
// payload. Beyond crashes, sanitizer reports and hangs in Beast's frame
// parser, UTF-8 checks, control-frame replies and close path, it compares
// what Beast delivers with the harness's decoder and message assembler on
// the same bytes: the same data messages, in order, and the same ending (a
// completed close handshake for a valid close frame). A disagreement is
// counted by kind (support/mismatch_log.hpp), as in fuzz_httplib_frame;
// fuzz/FINDINGS.md lists the ones that are by design and how they are left
// out. Input layout: support/stream_input.hpp (bits 4-5 also choose Beast's
// read_message_max, which the harness applies to whole messages too).
//
// All Beast and Asio headers stay in this translation unit.

#include <boost/asio/io_context.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/_experimental/test/stream.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket/stream.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "support/decoder_options.hpp"
#include "support/mismatch_log.hpp"
#include "support/stream_input.hpp"
#include "wire/decode_error.hpp"
#include "wire/frame_decoder.hpp"
#include "wire/handshake.hpp"
#include "wire/http_message.hpp"
#include "wire/message_assembler.hpp"
#include "wire/opcode.hpp"

namespace {

constexpr const char* kTarget = "fuzz_beast_frame";

namespace net = boost::asio;
namespace beast = boost::beast;
namespace websocket = boost::beast::websocket;

using WsStream = websocket::stream<beast::test::stream>;

// A correct client request (RFC 6455 §1.3's example key) for Beast as server.
constexpr std::string_view kUpgradeRequest =
    "GET / HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";

// Runs whatever is ready; the io_context is restarted because poll() stops
// it whenever it runs out of ready handlers.
void run_ready(net::io_context& ioc) {
  ioc.restart();
  ioc.poll();
}

void write_to(beast::test::stream& peer, std::string_view bytes) {
  beast::error_code ignored;
  net::write(peer, net::buffer(bytes.data(), bytes.size()), ignored);
}

// The opening handshake, Beast in the given role; false if it failed.
bool open(net::io_context& ioc, WsStream& ws, beast::test::stream& peer, bool beast_is_server) {
  bool done = false;
  beast::error_code result;
  const auto on_done = [&](beast::error_code ec) {
    done = true;
    result = ec;
  };
  if (beast_is_server) {
    write_to(peer, kUpgradeRequest);
    ws.async_accept(on_done);
    run_ready(ioc);
  } else {
    ws.async_handshake("localhost", "/", on_done);
    run_ready(ioc);
    // Answer Beast's request with the correct 101 for its random key.
    const std::string request = peer.str();
    peer.clear();
    const auto parsed = wsh::wire::parse_request(request);
    const auto* message = std::get_if<wsh::wire::HttpRequest>(&parsed);
    if (message == nullptr) return false;
    const auto key = message->headers.find("Sec-WebSocket-Key");
    if (!key) return false;
    write_to(peer, wsh::wire::build_server_response(*key));
    run_ready(ioc);
  }
  peer.clear();
  return done && !result;
}

struct DataMessage {
  std::uint8_t opcode = 0;  // text or binary
  std::string payload;
};

// Keeps one async_read outstanding until Beast reports an error (a failed
// or closed connection), keeping the messages it delivered.
class Reader {
 public:
  explicit Reader(WsStream& ws) : ws_(ws) {}

  bool finished() const { return finished_; }
  const std::vector<DataMessage>& messages() const { return messages_; }
  const beast::error_code& error() const { return error_; }

  // Starts reads and runs handlers until Beast waits for more bytes or the
  // connection is over. `rounds` bounds the loop: every completed read
  // consumed at least one frame of at least two bytes.
  void pump(net::io_context& ioc, std::size_t rounds) {
    for (std::size_t round = 0; round < rounds && !finished_; ++round) {
      if (!pending_) start();
      run_ready(ioc);
      if (pending_) return;
    }
  }

 private:
  void start() {
    pending_ = true;
    ws_.async_read(buffer_, [this](beast::error_code ec, std::size_t) {
      pending_ = false;
      if (ec) {
        finished_ = true;
        error_ = ec;
      } else {
        messages_.push_back(
            {static_cast<std::uint8_t>(ws_.got_text() ? 0x1 : 0x2), beast::buffers_to_string(buffer_.data())});
      }
      buffer_.clear();
    });
  }

  WsStream& ws_;
  beast::flat_buffer buffer_;
  bool pending_ = false;
  bool finished_ = false;
  beast::error_code error_;
  std::vector<DataMessage> messages_;
};

// How the harness's decoder and message assembler end the same stream.
struct HarnessView {
  std::vector<wsh::wire::Message> data_messages;
  bool valid_close = false;  // a valid close frame ended the stream
  std::string error;         // the first error's name, if one ended it
  bool message_over_limit = false;
};

HarnessView harness_view(const wsh::fuzz::StreamInput& input, std::uint64_t limit) {
  // Beast's checks: no extension, so RSV bits fail (§5.2), and it refuses
  // non-minimal lengths; read_message_max applies to a whole message, so the
  // frame limit is left wide and the assembler's message limit set instead.
  wsh::wire::DecoderConfig config{input.reader_is_server() ? wsh::wire::Role::Server : wsh::wire::Role::Client};
  const wsh::wire::DecodeResult decoded = wsh::wire::decode_all(input.stream, config);
  HarnessView view;
  wsh::wire::MessageAssembler assembler({.max_message = limit});
  std::vector<wsh::wire::Message> messages;
  for (const auto& frame : decoded.frames) {
    const bool ok = assembler.push(frame, messages);
    if (!messages.empty() && messages.back().opcode == wsh::wire::to_raw(wsh::wire::Opcode::Close)) break;
    if (!ok) break;
  }
  for (auto& message : messages) {
    if (message.opcode == wsh::wire::to_raw(wsh::wire::Opcode::Close)) {
      view.valid_close = true;
      return view;  // §5.5.1: nothing after a close frame is read
    }
    if (wsh::wire::is_data(message.opcode)) view.data_messages.push_back(std::move(message));
  }
  if (assembler.error()) {
    view.error = wsh::wire::message_error_name(assembler.error()->kind);
    view.message_over_limit = assembler.error()->kind == wsh::wire::MessageErrorKind::MessageTooBig;
  } else if (decoded.error) {
    view.error = wsh::wire::decode_error_name(decoded.error->kind);
  }
  return view;
}

// The first place where Beast and the harness disagree, as a kind name, or
// "" when they agree.
std::string first_disagreement(const Reader& reader, const HarnessView& harness, std::string& detail) {
  const auto& delivered = reader.messages();
  const std::size_t common = std::min(delivered.size(), harness.data_messages.size());
  for (std::size_t i = 0; i < common; ++i) {
    const auto& ours = harness.data_messages[i];
    const auto& theirs = delivered[i];
    if (theirs.opcode != ours.opcode ||
        !std::equal(theirs.payload.begin(), theirs.payload.end(), ours.payload.begin(), ours.payload.end(),
                    [](char a, std::uint8_t b) { return static_cast<std::uint8_t>(a) == b; })) {
      detail = "message " + std::to_string(i) + " differs";
      return "different-message";
    }
  }
  const std::string beast_error = reader.error() ? reader.error().message() : "no error";
  if (delivered.size() > common) {
    const std::string stop = harness.valid_close     ? "message-after-close"
                             : harness.error.empty() ? "truncated-message"
                                                     : harness.error;
    detail = "Beast delivered message " + std::to_string(common) + "; the harness stopped: " + stop;
    return "accepts-" + stop;
  }
  if (harness.data_messages.size() > common) {
    detail =
        "Beast failed (" + beast_error + ") before message " + std::to_string(common) + ", which the harness assembled";
    return "rejects-valid-message";
  }
  const bool beast_closed = reader.error() == websocket::error::closed;
  if (harness.valid_close && !beast_closed) {
    detail = "a valid close frame did not complete Beast's close handshake (" + beast_error + ")";
    return "rejects-valid-close";
  }
  if (!harness.valid_close && beast_closed) {
    detail = "Beast completed a close handshake where the harness found " +
             (harness.error.empty() ? std::string("no close frame") : harness.error);
    return "accepts-close-" + (harness.error.empty() ? std::string("missing") : harness.error);
  }
  return "";
}

}  // namespace

WSH_FUZZ_EXPORT_MISMATCH_COUNT()

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto input = wsh::fuzz::parse_stream_input(data, size);
  if (!input) return 0;

  net::io_context ioc;
  WsStream ws(ioc);
  beast::test::stream peer(ioc);
  ws.next_layer().connect(peer);
  // Beast reads 0 as "no limit", so the smallest limit it can apply is 1.
  const std::uint64_t limit = std::max<std::uint64_t>(wsh::fuzz::decoder_config(*input).max_payload, 1);
  ws.read_message_max(limit);
  if (!open(ioc, ws, peer, input->reader_is_server())) return 0;

  Reader reader(ws);
  const std::size_t rounds = input->stream.size() + 2;
  reader.pump(ioc, rounds);
  wsh::fuzz::PieceCursor cursor(input->stream, input->piece_sizes);
  while (!cursor.done() && !reader.finished()) {
    const wsh::fuzz::InputBytes piece = cursor.next();
    write_to(peer, {reinterpret_cast<const char*>(piece.data()), piece.size()});
    reader.pump(ioc, rounds);
    peer.clear();  // what Beast wrote back (pongs, its close frame)
  }
  // End of input: the peer closes, Beast reads EOF.
  peer.close();
  reader.pump(ioc, rounds);
  run_ready(ioc);

  std::string detail;
  const std::string kind = first_disagreement(reader, harness_view(*input, limit), detail);
  if (!kind.empty()) wsh::fuzz::MismatchLog::instance().record(kTarget, kind, detail, {data, size});
  return 0;
}
