// Boost.Beast's websocket::stream reading frames from beast::test::stream,
// in either role, with the bytes arriving in input-chosen pieces: each
// piece is written by the test peer only after Beast has consumed the
// previous one, so Beast's read loop meets every split of the header and
// payload. The target looks for crashes, sanitizer reports and hangs in
// Beast's frame parser, UTF-8 checks, control-frame replies and close path.
// Input layout: support/stream_input.hpp (bits 4-5 also choose Beast's
// read_message_max).
//
// All Beast and Asio headers stay in this translation unit.

#include <boost/asio/io_context.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/_experimental/test/stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket/stream.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "support/decoder_options.hpp"
#include "support/stream_input.hpp"
#include "wire/handshake.hpp"
#include "wire/http_message.hpp"

namespace {

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

// Keeps one async_read outstanding until Beast reports an error (a failed
// or closed connection).
class Reader {
 public:
  explicit Reader(WsStream& ws) : ws_(ws) {}

  bool finished() const { return finished_; }

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
      if (ec) finished_ = true;
      buffer_.clear();
    });
  }

  WsStream& ws_;
  beast::flat_buffer buffer_;
  bool pending_ = false;
  bool finished_ = false;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto input = wsh::fuzz::parse_stream_input(data, size);
  if (!input) return 0;

  net::io_context ioc;
  WsStream ws(ioc);
  beast::test::stream peer(ioc);
  ws.next_layer().connect(peer);
  ws.read_message_max(std::max<std::uint64_t>(wsh::fuzz::decoder_config(*input).max_payload, 1));
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
  return 0;
}
