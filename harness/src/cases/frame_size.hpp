#pragma once
// A frame given by its size on the wire (`frame_size` of a send step): the
// payload length that makes header + mask key + payload exactly that many
// bytes. RFC 6455 §5.2: a 2-byte header, then a 16-bit (payload 126..65535)
// or 64-bit (larger) extended length, then a 4-byte mask key when masked
// (§5.3: every frame from a client). Cases that put a header at a chosen
// offset from a reader's buffer boundary need the frame's size, not its
// payload's, and the size must not change with the role.

#include <cstdint>
#include <optional>

#include "cases/case_model.hpp"

namespace wsh::cases {

// The payload length, or nullopt when no frame of that encoding has that
// size (e.g. 128 bytes unmasked: 126 needs a 16-bit length, which makes 130).
std::optional<std::uint64_t> filler_for_frame_size(std::uint64_t frame_size, bool masked, LengthMode length);

}  // namespace wsh::cases
