#include "opening_handshake.hpp"

#include <random>
#include <variant>

#include "wire/handshake.hpp"

namespace wsh::subject::faulty {
namespace {

struct HeadRead {
  std::optional<std::string> head;  // the header block, CRLFCRLF included
  net::Bytes rest;
  std::string error;
};

// Reads until the blank line that ends the header block.
HeadRead read_head(Transport& transport, net::Deadline deadline) {
  std::string received;
  for (;;) {
    if (const auto end = wire::find_header_end(received)) {
      HeadRead read;
      read.rest.assign(received.begin() + static_cast<std::ptrdiff_t>(*end), received.end());
      received.resize(*end);
      read.head = std::move(received);
      return read;
    }
    if (wire::header_block_too_large(received)) return {std::nullopt, {}, "the header block is too large"};
    auto chunk = transport.read_some(deadline);
    switch (chunk.status) {
      case ChunkStatus::Data: received.append(chunk.data.begin(), chunk.data.end()); break;
      case ChunkStatus::Eof: return {std::nullopt, {}, "the peer closed the connection during the handshake"};
      case ChunkStatus::Reset: return {std::nullopt, {}, "the peer reset the connection during the handshake"};
      case ChunkStatus::Timeout: return {std::nullopt, {}, "no complete handshake before the deadline"};
      case ChunkStatus::Error: return {std::nullopt, {}, "read error during the handshake: " + chunk.error};
    }
  }
}

std::string describe(const wire::HandshakeError& error) {
  return error.reason + " (RFC 6455 §" + std::string(error.rfc_section) + ")";
}

void refuse(Transport& transport, const wire::HandshakeError& error, net::Deadline deadline) {
  // §4.2.2: a version the server does not speak gets 426 and the versions it does.
  const std::string response = error.kind == wire::HandshakeErrorKind::BadVersion
                                   ? "HTTP/1.1 426 Upgrade Required\r\nSec-WebSocket-Version: 13\r\nConnection: "
                                     "close\r\nContent-Length: 0\r\n\r\n"
                                   : "HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n";
  transport.write(net::as_byte_view(response), deadline);
}

std::string host_field(const WsUrl& url) {
  const bool ipv6 = url.host.find(':') != std::string::npos;
  return (ipv6 ? "[" + url.host + "]" : url.host) + ":" + std::to_string(url.port);
}

}  // namespace

HandshakeOutcome accept_websocket(Transport& transport, net::Deadline deadline, bool wrong_accept) {
  auto read = read_head(transport, deadline);
  if (!read.head) return {false, read.error, {}};
  const auto parsed = wire::parse_request(*read.head);
  if (const auto* error = std::get_if<wire::HandshakeError>(&parsed)) {
    refuse(transport, *error, deadline);
    return {false, describe(*error), {}};
  }
  const auto& request = std::get<wire::HttpRequest>(parsed);
  if (const auto error = wire::validate_client_request(request)) {
    refuse(transport, *error, deadline);
    return {false, describe(*error), {}};
  }
  const auto key = request.headers.find("Sec-WebSocket-Key").value_or("");
  const std::string response = wire::build_server_response(wrong_accept ? std::string(key) + "x" : std::string(key));
  const auto sent = transport.write(net::as_byte_view(response), deadline);
  if (!sent.ok()) return {false, "could not send the 101 response: " + std::string(net::to_string(sent.status)), {}};
  return {true, {}, std::move(read.rest)};
}

HandshakeOutcome request_websocket(Transport& transport, const WsUrl& url, net::Deadline deadline) {
  wire::ClientRequestSpec spec;
  spec.host = host_field(url);
  spec.target = url.target;
  // §4.1: the key is a fresh random nonce per connection.
  std::random_device random;
  spec.key = wire::make_client_key(std::uint64_t{random()} << 32 | random());
  const std::string request = wire::build_client_request(spec);
  const auto sent = transport.write(net::as_byte_view(request), deadline);
  if (!sent.ok())
    return {false, "could not send the handshake request: " + std::string(net::to_string(sent.status)), {}};

  auto read = read_head(transport, deadline);
  if (!read.head) return {false, read.error, {}};
  const auto parsed = wire::parse_response(*read.head);
  if (const auto* error = std::get_if<wire::HandshakeError>(&parsed)) return {false, describe(*error), {}};
  if (const auto error = wire::validate_server_response(std::get<wire::HttpResponse>(parsed), spec.key)) {
    return {false, describe(*error), {}};
  }
  return {true, {}, std::move(read.rest)};
}

}  // namespace wsh::subject::faulty
