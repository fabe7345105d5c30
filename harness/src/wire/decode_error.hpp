#pragma once
// Why the frame decoder stopped: which RFC 6455 rule a byte stream broke, and
// where. Every kind obliges the receiver to _Fail the WebSocket Connection_
// (§7.1.7).

#include <cstdint>
#include <string>
#include <string_view>

#include "wire/close_code.hpp"

namespace wsh::wire {

enum class DecodeErrorKind {
  UnmaskedClientFrame,     // §5.1: a server received a frame without MASK
  MaskedServerFrame,       // §5.1: a client received a frame with MASK
  ReservedOpcode,          // §5.2: opcode 0x3-0x7 or 0xB-0xF
  RsvBitsSet,              // §5.2: RSV1-3 set with no extension negotiated
  ControlFrameTooLong,     // §5.5: control frame payload over 125 bytes
  FragmentedControlFrame,  // §5.5: control frame without FIN
  NonMinimalLength,        // §5.2: length not in the fewest bytes
  LengthHighBitSet,        // §5.2: most significant bit of the 64-bit length set
  PayloadTooBig,           // §10.4: over the receiver's configured limit
  UnexpectedContinuation,  // §5.4: continuation frame with no message in progress
  ExpectedContinuation,    // §5.4: new text/binary frame inside a fragmented message
};

// Where each error is reported, so that the offset depends only on the
// bytes, never on how they were split into reads (the decoder's central
// property). With S the stream offset of the frame's first byte:
//   byte 0 rules (RsvBitsSet, ReservedOpcode, FragmentedControlFrame,
//     UnexpectedContinuation, ExpectedContinuation)            -> S
//   byte 1 rules (UnmaskedClientFrame, MaskedServerFrame)      -> S + 1
//   length rules (NonMinimalLength, LengthHighBitSet,
//     ControlFrameTooLong, PayloadTooBig)                      -> S + 1,
//     the first byte of the length field, whichever width it has.
struct DecodeError {
  DecodeErrorKind kind{};
  std::uint64_t offset = 0;        // stream offset of the byte that proved the error (see above)
  std::string_view rfc_section{};  // e.g. "5.5"
  std::string message{};           // a sentence naming the rule and the offending value

  bool operator==(const DecodeError&) const = default;
};

// "unmasked-client-frame", "masked-server-frame", "reserved-opcode", ...
std::string_view decode_error_name(DecodeErrorKind kind);

// The RFC 6455 section that states the rule ("5.1", "5.2", "5.4", "5.5", "10.4").
std::string_view decode_error_rfc_section(DecodeErrorKind kind);

// The status code a receiver should close with: 1009 (Message Too Big) for
// PayloadTooBig, 1002 (Protocol Error) for everything else (§7.4.1).
CloseCode close_code_for(DecodeErrorKind kind);

}  // namespace wsh::wire
