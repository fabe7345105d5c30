#pragma once
// Payload masking (RFC 6455 §5.3): octet i of the payload is XORed with octet
// i % 4 of the masking key. Masking and unmasking are the same operation.

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace wsh::wire {

using MaskKey = std::array<std::uint8_t, 4>;

// XORs `data` in place with `key`, treating data[0] as octet `key_offset` of
// the payload, so a payload that arrives in pieces can be unmasked piece by
// piece: apply_mask(piece, key, bytes_of_payload_before_piece).
// Works a machine word at a time: it sits on the decode path of every byte a
// client sends.
void apply_mask(std::span<std::uint8_t> data, MaskKey key, std::size_t key_offset = 0);

}  // namespace wsh::wire
