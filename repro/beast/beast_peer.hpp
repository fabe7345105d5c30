// The peer's side of a websocket::stream<beast::test::stream>: exact bytes
// written into, and read out of, the test stream; no second websocket::stream,
// so that nothing but the stream under test interprets the protocol.
#pragma once

#include <boost/asio/write.hpp>
#include <boost/beast/_experimental/test/stream.hpp>
#include <boost/beast/websocket.hpp>

#include <cstdint>
#include <string>

namespace repro {

// A client-to-server frame (RFC 6455 §5.3: clients mask) with a short payload.
inline std::string masked_frame(std::uint8_t first_byte, const std::string& payload) {
  const char key[4] = {0x11, 0x22, 0x33, 0x44};
  std::string out;
  out += static_cast<char>(first_byte);
  out += static_cast<char>(0x80 | payload.size());  // payloads here are < 126 bytes
  out.append(key, 4);
  for (std::size_t i = 0; i < payload.size(); ++i) out += static_cast<char>(payload[i] ^ key[i % 4]);
  return out;
}

inline std::string close_body(std::uint16_t code, const std::string& reason = "") {
  std::string body{static_cast<char>(code >> 8), static_cast<char>(code & 0xff)};
  return body + reason;
}

inline void write_bytes(boost::beast::test::stream& peer, const std::string& bytes) {
  boost::asio::write(peer, boost::asio::buffer(bytes));
}

// Performs the opening handshake with `ws` as the server; the peer's copy of
// the 101 response is discarded.
inline bool accept_as_server(boost::beast::websocket::stream<boost::beast::test::stream>& ws,
                             boost::beast::test::stream& peer) {
  write_bytes(peer,
              "GET / HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
              "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
  boost::beast::error_code ec;
  ws.accept(ec);
  const bool switched = !ec && peer.str().rfind("HTTP/1.1 101", 0) == 0;
  peer.clear();
  return switched;
}

// The status code of the close frame the stream under test has written to
// the peer, -1 when what it wrote is not an unmasked close frame with a code,
// 0 when it wrote nothing. Consumes everything written so far.
inline int read_close_code(boost::beast::test::stream& peer) {
  const std::string bytes{peer.str()};
  peer.clear();
  if (bytes.empty()) return 0;
  if (bytes.size() < 4 || static_cast<std::uint8_t>(bytes[0]) != 0x88) return -1;
  const auto len = static_cast<std::uint8_t>(bytes[1]);
  if (len < 2 || len > 125) return -1;
  return (static_cast<std::uint8_t>(bytes[2]) << 8) | static_cast<std::uint8_t>(bytes[3]);
}

}  // namespace repro
