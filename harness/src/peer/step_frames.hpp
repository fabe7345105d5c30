#pragma once
// The frames of a case's steps, shared by the scripted peer (server and
// client topologies) and the pair topology's injector: what a send step puts
// on the wire, and whether a frame answers a wait_frame step.

#include <random>

#include "cases/case_model.hpp"
#include "wire/bytes.hpp"
#include "wire/frame.hpp"

namespace wsh::peer {

// One frame of a send step: the bytes on the wire and the Frame the
// transcript records.
struct EncodedFrame {
  wire::Bytes bytes;
  wire::Frame frame;
};

// Encodes one repeat of `send` as the harness speaks it. `as_client`: the
// harness is the client of this connection, so it masks by default (§5.3)
// and `mask = "wrong"` leaves the frame unmasked; as a server the other way
// round. A random key takes one draw from `random`.
EncodedFrame encode_send(const cases::SendStep& send, bool as_client, std::mt19937_64& random);

// Whether `frame` answers `wanted`: its opcode, one of its close codes, its
// exact payload (each when given).
bool frame_matches(const cases::WaitFrameStep& wanted, const wire::Frame& frame);

}  // namespace wsh::peer
