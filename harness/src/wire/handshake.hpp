#pragma once
// The opening handshake (RFC 6455 §4): building the client's request and
// the server's 101 response, and checking each side's message the way the
// other side must. The builders can leave out any required field, because
// test cases send broken handshakes on purpose.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wire/handshake_error.hpp"
#include "wire/handshake_key.hpp"
#include "wire/http_headers.hpp"
#include "wire/http_message.hpp"

namespace wsh::wire {

struct ClientRequestSpec {
  std::string host{};  // "127.0.0.1:40123"
  std::string target = "/";
  std::string key{};    // Sec-WebSocket-Key, e.g. make_client_key(seed); sent as given
  int version = 13;     // Sec-WebSocket-Version
  HttpHeaders extra{};  // appended after the required fields
  bool omit_upgrade = false;
  bool omit_connection = false;
  bool omit_key = false;
  bool omit_version = false;
};

// "GET target HTTP/1.1", Host, Upgrade, Connection, Sec-WebSocket-Key,
// Sec-WebSocket-Version, the extra fields, then the empty line.
std::string build_client_request(const ClientRequestSpec& spec);

struct ServerResponseSpec {
  std::string client_key{};  // the Sec-WebSocket-Key to answer
  int status = 101;
  std::string reason = "Switching Protocols";
  std::optional<std::string> accept{};  // default: compute_accept_key(client_key)
  HttpHeaders extra{};                  // appended after the required fields
  bool omit_upgrade = false;
  bool omit_connection = false;
  bool omit_accept = false;
};

std::string build_server_response(const ServerResponseSpec& spec);
// The correct 101 answer to `client_key` (§4.2.2 step 5).
std::string build_server_response(std::string_view client_key, const HttpHeaders& extra = {});

// §4.2.1: what a server must find in a client's opening handshake: GET,
// HTTP/1.1 or higher, Host, Upgrade containing "websocket" and Connection
// containing "Upgrade" (both ASCII case-insensitive), exactly one
// Sec-WebSocket-Key that decodes to 16 bytes (§11.3.1), exactly one
// Sec-WebSocket-Version, equal to 13 (§11.3.5).
std::optional<HandshakeError> validate_client_request(const HttpRequest& request);

// What the client asked for beyond the plain handshake; the server may
// accept only these (§4.1).
struct HandshakeOffer {
  std::vector<std::string> extensions{};    // extension names, e.g. "permessage-deflate"
  std::vector<std::string> subprotocols{};  // in the client's order
};

// §4.1: what a client must find in the server's answer: status 101, Upgrade
// equal to "websocket" and Connection containing "Upgrade" (ASCII
// case-insensitive), exactly one Sec-WebSocket-Accept equal to
// compute_accept_key(sent_key) (§11.3.3), no extension the client did not
// offer, and at most one subprotocol (§11.3.4), which the client offered.
std::optional<HandshakeError> validate_server_response(const HttpResponse& response, std::string_view sent_key,
                                                       const HandshakeOffer& offer = {});

}  // namespace wsh::wire
