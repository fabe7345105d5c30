// Boost.Beast's frame reader on the frame BM_FrameDecode decodes: a
// websocket::stream<beast::test::stream> in the server role, its handshake
// done once outside the timing, reading one masked binary frame of N bytes
// per iteration. Each iteration appends the frame to the test stream's input
// (one copy, where a socket would have recv()) and calls read(): Beast's
// header parse, copy into its read buffer, unmask into the message buffer.
//
// All Beast and Asio headers stay in this translation unit.

#include <boost/asio/io_context.hpp>
#include <boost/beast/_experimental/test/stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket/stream.hpp>

#include <benchmark/benchmark.h>

#include <string_view>

#include "bench_frames.hpp"

namespace wsh::bench {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace websocket = boost::beast::websocket;

// A correct client request (RFC 6455 §1.3's example key).
constexpr std::string_view kUpgradeRequest =
    "GET / HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";

void BM_BeastFrameRead(benchmark::State& state) {
  const auto size = static_cast<std::size_t>(state.range(0));
  const wire::Bytes frame = masked_binary_frame(pattern_payload(size));
  const std::string_view frame_text(reinterpret_cast<const char*>(frame.data()), frame.size());

  net::io_context ioc;
  websocket::stream<beast::test::stream> ws(ioc);
  beast::test::stream peer(ioc);  // takes Beast's 101; nothing else is written
  ws.next_layer().connect(peer);
  ws.read_message_max(2 * size + 1024);
  ws.next_layer().append(kUpgradeRequest);
  beast::error_code ec;
  ws.accept(ec);
  if (ec) {
    state.SkipWithError(("Beast refused the handshake: " + ec.message()).c_str());
    return;
  }
  ws.binary(true);

  beast::flat_buffer message;
  message.reserve(size);
  for (auto _ : state) {
    ws.next_layer().append(frame_text);
    message.clear();
    const std::size_t n = ws.read(message, ec);
    if (ec || n != size) {
      state.SkipWithError("Beast did not return the frame's payload");
      break;
    }
    benchmark::DoNotOptimize(message.data().data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * size));
}

BENCHMARK(BM_BeastFrameRead)->Apply(frame_sizes);

}  // namespace
}  // namespace wsh::bench
