#include "wire/handshake_key.hpp"

#include <array>
#include <string>

#include "wire/base64.hpp"
#include "wire/bytes.hpp"
#include "wire/sha1.hpp"

namespace wsh::wire {
namespace {

// SplitMix64: a tiny, well-mixed generator; one seed gives one key.
std::uint64_t split_mix64(std::uint64_t& state) {
  state += 0x9E37'79B9'7F4A'7C15ULL;
  std::uint64_t z = state;
  z = (z ^ (z >> 30)) * 0xBF58'476D'1CE4'E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D0'49BB'1331'11EBULL;
  return z ^ (z >> 31);
}

}  // namespace

std::string compute_accept_key(std::string_view client_key) {
  std::string input;
  input.reserve(client_key.size() + kWebSocketGuid.size());
  input.append(client_key).append(kWebSocketGuid);
  const Sha1Digest digest = sha1(to_bytes(input));
  return base64_encode(digest);
}

std::string make_client_key(std::uint64_t seed) {
  std::array<std::uint8_t, 16> nonce{};
  std::uint64_t state = seed;
  for (std::size_t half = 0; half < 2; ++half) {
    const std::uint64_t word = split_mix64(state);
    for (std::size_t i = 0; i < 8; ++i) nonce[half * 8 + i] = static_cast<std::uint8_t>(word >> (8 * i));
  }
  return base64_encode(nonce);
}

}  // namespace wsh::wire
