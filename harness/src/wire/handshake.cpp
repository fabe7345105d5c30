#include "wire/handshake.hpp"

#include <algorithm>

#include "wire/base64.hpp"

namespace wsh::wire {
namespace {

constexpr std::size_t kKeyNonceSize = 16;  // §4.1: "a randomly selected 16-byte value"
constexpr std::string_view kSupportedVersion = "13";

void append_field(std::string& out, std::string_view name, std::string_view value) {
  out.append(name).append(": ").append(value).append("\r\n");
}

void append_fields(std::string& out, const HttpHeaders& headers) {
  for (const HttpField& field : headers.fields) append_field(out, field.name, field.value);
}

HandshakeError error(HandshakeErrorKind kind, std::string reason, std::string_view section) {
  return HandshakeError{kind, std::move(reason), section};
}

// HTTP-version "HTTP/1.1" or higher (§4.2.1 item 1). The parser has already
// checked the "HTTP/d.d" shape.
bool is_http_11_or_higher(std::string_view version) {
  if (version.size() != 8) return false;
  const int major = version[5] - '0';
  const int minor = version[7] - '0';
  return major > 1 || (major == 1 && minor >= 1);
}

std::string quoted(std::optional<std::string_view> value) {
  return value ? "\"" + std::string(*value) + "\"" : std::string("absent");
}

// §4.1 asks the same of a request and a response: a Connection header
// field holding the token "Upgrade".
std::optional<HandshakeError> check_connection_upgrade(const HttpHeaders& headers, std::string_view section) {
  if (headers.contains_token("Connection", "Upgrade")) return std::nullopt;
  return error(
      HandshakeErrorKind::BadConnection,
      "the Connection header field MUST contain the token \"Upgrade\"; found " + quoted(headers.find("Connection")),
      section);
}

// A header field that MUST NOT appear more than once in a `message`
// ("request" or "response"); `section` is its §11.3 registration.
std::optional<HandshakeError> check_at_most_once(const HttpHeaders& headers, std::string_view name,
                                                 HandshakeErrorKind kind, std::string_view message,
                                                 std::string_view section) {
  if (headers.count(name) <= 1) return std::nullopt;
  return error(kind, std::string(name) + " MUST NOT appear more than once in a " + std::string(message), section);
}

}  // namespace

std::string build_client_request(const ClientRequestSpec& spec) {
  std::string out = "GET " + spec.target + " HTTP/1.1\r\n";
  append_field(out, "Host", spec.host);
  if (!spec.omit_upgrade) append_field(out, "Upgrade", "websocket");
  if (!spec.omit_connection) append_field(out, "Connection", "Upgrade");
  if (!spec.omit_key) append_field(out, "Sec-WebSocket-Key", spec.key);
  if (!spec.omit_version) append_field(out, "Sec-WebSocket-Version", std::to_string(spec.version));
  append_fields(out, spec.extra);
  out.append("\r\n");
  return out;
}

std::string build_server_response(const ServerResponseSpec& spec) {
  std::string out = "HTTP/1.1 " + std::to_string(spec.status) + " " + spec.reason + "\r\n";
  if (!spec.omit_upgrade) append_field(out, "Upgrade", "websocket");
  if (!spec.omit_connection) append_field(out, "Connection", "Upgrade");
  if (!spec.omit_accept) {
    append_field(out, "Sec-WebSocket-Accept", spec.accept ? *spec.accept : compute_accept_key(spec.client_key));
  }
  append_fields(out, spec.extra);
  out.append("\r\n");
  return out;
}

std::string build_server_response(std::string_view client_key, const HttpHeaders& extra) {
  ServerResponseSpec spec;
  spec.client_key = client_key;
  spec.extra = extra;
  return build_server_response(spec);
}

std::optional<HandshakeError> validate_client_request(const HttpRequest& request) {
  constexpr std::string_view kSection = "4.2.1";
  const HttpHeaders& headers = request.headers;
  if (request.method != "GET") {
    return error(HandshakeErrorKind::BadMethod, "the opening handshake MUST be a GET request, not " + request.method,
                 kSection);
  }
  if (!is_http_11_or_higher(request.version)) {
    return error(HandshakeErrorKind::BadHttpVersion,
                 "the opening handshake MUST be HTTP/1.1 or higher, not " + request.version, kSection);
  }
  if (!headers.find("Host")) {
    return error(HandshakeErrorKind::MissingHost, "the request MUST contain a Host header field", kSection);
  }
  if (!headers.contains_token("Upgrade", "websocket")) {
    return error(HandshakeErrorKind::BadUpgrade,
                 "the Upgrade header field MUST contain \"websocket\"; found " + quoted(headers.find("Upgrade")),
                 kSection);
  }
  if (auto problem = check_connection_upgrade(headers, kSection)) return problem;
  if (auto problem =
          check_at_most_once(headers, "Sec-WebSocket-Key", HandshakeErrorKind::DuplicateKey, "request", "11.3.1"))
    return problem;
  const std::optional<std::string_view> key = headers.find("Sec-WebSocket-Key");
  const std::optional<Bytes> nonce = key ? base64_decode(*key) : std::nullopt;
  if (!nonce || nonce->size() != kKeyNonceSize) {
    return error(HandshakeErrorKind::BadKey,
                 "Sec-WebSocket-Key MUST be the base64 encoding of 16 bytes; found " + quoted(key), kSection);
  }
  if (auto problem = check_at_most_once(headers, "Sec-WebSocket-Version", HandshakeErrorKind::DuplicateVersion,
                                        "request", "11.3.5"))
    return problem;
  const std::optional<std::string_view> version = headers.find("Sec-WebSocket-Version");
  if (version != kSupportedVersion) {
    return error(HandshakeErrorKind::BadVersion, "Sec-WebSocket-Version MUST be 13; found " + quoted(version),
                 kSection);
  }
  return std::nullopt;
}

std::optional<HandshakeError> validate_server_response(const HttpResponse& response, std::string_view sent_key,
                                                       const HandshakeOffer& offer) {
  constexpr std::string_view kSection = "4.1";
  const HttpHeaders& headers = response.headers;
  if (response.status != 101) {
    return error(HandshakeErrorKind::BadStatus,
                 "the server answered " + std::to_string(response.status) + " instead of 101 Switching Protocols",
                 kSection);
  }
  const std::optional<std::string_view> upgrade = headers.find("Upgrade");
  if (!upgrade || !ascii_iequals(*upgrade, "websocket")) {
    return error(HandshakeErrorKind::BadUpgrade,
                 "the Upgrade header field MUST be \"websocket\"; found " + quoted(upgrade), kSection);
  }
  if (auto problem = check_connection_upgrade(headers, kSection)) return problem;
  if (auto problem = check_at_most_once(headers, "Sec-WebSocket-Accept", HandshakeErrorKind::DuplicateAccept,
                                        "response", "11.3.3"))
    return problem;
  const std::optional<std::string_view> accept = headers.find("Sec-WebSocket-Accept");
  const std::string expected = compute_accept_key(sent_key);
  if (accept != expected) {
    return error(HandshakeErrorKind::BadAccept,
                 "Sec-WebSocket-Accept MUST be \"" + expected + "\"; found " + quoted(accept), kSection);
  }
  for (const std::string_view element : headers.list_elements("Sec-WebSocket-Extensions")) {
    const std::string_view name = trim_http_whitespace(element.substr(0, element.find(';')));
    const bool offered = std::any_of(offer.extensions.begin(), offer.extensions.end(),
                                     [name](const std::string& e) { return ascii_iequals(e, name); });
    if (!offered) {
      return error(HandshakeErrorKind::UnrequestedExtension,
                   "the server accepted extension \"" + std::string(name) + "\", which the client did not offer",
                   kSection);
    }
  }
  if (auto problem = check_at_most_once(headers, "Sec-WebSocket-Protocol", HandshakeErrorKind::DuplicateSubprotocol,
                                        "response", "11.3.4"))
    return problem;
  if (const auto protocol = headers.find("Sec-WebSocket-Protocol")) {
    const bool offered =
        std::find(offer.subprotocols.begin(), offer.subprotocols.end(), *protocol) != offer.subprotocols.end();
    if (!offered) {
      return error(HandshakeErrorKind::UnrequestedSubprotocol,
                   "the server selected subprotocol \"" + std::string(*protocol) + "\", which the client did not offer",
                   kSection);
    }
  }
  return std::nullopt;
}

}  // namespace wsh::wire
