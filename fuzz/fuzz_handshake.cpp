// The opening-handshake parsers (wire/http_message.hpp) and validators
// (wire/handshake.hpp): every input is parsed both as a client's request and
// as a server's response, and whatever parses is validated the way the
// other side would validate it. Besides crashes it checks that the parsers
// agree with find_header_end on where a header block ends.

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <variant>

#include "support/check.hpp"
#include "wire/handshake.hpp"
#include "wire/http_message.hpp"

namespace {

constexpr const char* kTarget = "fuzz_handshake";

// RFC 6455 §1.3's example key, so a fuzzed response can reach the
// Sec-WebSocket-Accept comparison and the checks after it.
constexpr std::string_view kSentKey = "dGhlIHNhbXBsZSBub25jZQ==";

template <typename Message>
void check_block_end(const std::variant<Message, wsh::wire::HandshakeError>& parsed, std::string_view data) {
  const bool has_end = wsh::wire::find_header_end(data).has_value();
  if (std::holds_alternative<Message>(parsed)) {
    WSH_FUZZ_CHECK(kTarget, has_end);
  } else if (std::get<wsh::wire::HandshakeError>(parsed).kind == wsh::wire::HandshakeErrorKind::Incomplete) {
    WSH_FUZZ_CHECK(kTarget, !has_end);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  const auto request = wsh::wire::parse_request(text);
  check_block_end(request, text);
  if (const auto* parsed = std::get_if<wsh::wire::HttpRequest>(&request)) {
    static_cast<void>(wsh::wire::validate_client_request(*parsed));
  }

  const auto response = wsh::wire::parse_response(text);
  check_block_end(response, text);
  if (const auto* parsed = std::get_if<wsh::wire::HttpResponse>(&response)) {
    static_cast<void>(wsh::wire::validate_server_response(*parsed, kSentKey));
    const wsh::wire::HandshakeOffer offer{{"permessage-deflate"}, {"chat", "superchat"}};
    static_cast<void>(wsh::wire::validate_server_response(*parsed, kSentKey, offer));
  }
  return 0;
}
