#pragma once
// Parsing the HTTP/1.1 messages of the opening handshake (RFC 6455 §4,
// RFC 7230 §3): one request or response header block, nothing else. Bytes
// after the block (frames a server sends right behind its 101) are left
// to the caller: find_header_end() says where they start.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "wire/handshake_error.hpp"
#include "wire/http_headers.hpp"

namespace wsh::wire {

// A peer that sends more header than this without ending the block is
// refused (§10.4: implementations should impose limits).
inline constexpr std::size_t kMaxHeaderBlockSize = 16 * 1024;

struct HttpRequest {
  std::string method{};
  std::string target{};
  std::string version{};  // "HTTP/1.1"
  HttpHeaders headers{};
};

struct HttpResponse {
  int status = 0;
  std::string reason{};
  std::string version{};  // "HTTP/1.1"
  HttpHeaders headers{};
};

// Index just past the first CRLFCRLF, i.e. where the header block ends and
// any following bytes begin.
std::optional<std::size_t> find_header_end(std::string_view data);

// True when `received` has no complete header block within the first
// kMaxHeaderBlockSize bytes: waiting for more would be pointless.
bool header_block_too_large(std::string_view received);

// Each parses the header block at the start of `data` (it must hold a
// complete block; bytes after it are ignored). Errors: Incomplete,
// TooLarge, MalformedStartLine, MalformedHeader.
std::variant<HttpRequest, HandshakeError> parse_request(std::string_view data);
std::variant<HttpResponse, HandshakeError> parse_response(std::string_view data);

}  // namespace wsh::wire
