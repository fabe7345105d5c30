#pragma once
// The keys of the opening handshake (RFC 6455 §4.1, §4.2.2): the client's
// Sec-WebSocket-Key nonce and the server's Sec-WebSocket-Accept proof.

#include <cstdint>
#include <string>
#include <string_view>

namespace wsh::wire {

// §1.3: the GUID appended to the key before hashing.
inline constexpr std::string_view kWebSocketGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

// §4.2.2: base64(SHA-1(client_key + GUID)). The key is used as sent
// (trimmed of nothing, decoded never).
std::string compute_accept_key(std::string_view client_key);

// A Sec-WebSocket-Key: 16 bytes, base64-encoded (§4.1), derived from `seed`
// alone so that a run replays exactly. §4.1 asks for a random nonce; the
// harness's peers are test drivers, and replayability matters more there.
std::string make_client_key(std::uint64_t seed);

}  // namespace wsh::wire
