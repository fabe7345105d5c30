#include "wire/decode_error.hpp"

namespace wsh::wire {

std::string_view decode_error_name(DecodeErrorKind kind) {
  switch (kind) {
    case DecodeErrorKind::UnmaskedClientFrame: return "unmasked-client-frame";
    case DecodeErrorKind::MaskedServerFrame: return "masked-server-frame";
    case DecodeErrorKind::ReservedOpcode: return "reserved-opcode";
    case DecodeErrorKind::RsvBitsSet: return "rsv-bits-set";
    case DecodeErrorKind::ControlFrameTooLong: return "control-frame-too-long";
    case DecodeErrorKind::FragmentedControlFrame: return "fragmented-control-frame";
    case DecodeErrorKind::NonMinimalLength: return "non-minimal-length";
    case DecodeErrorKind::LengthHighBitSet: return "length-high-bit-set";
    case DecodeErrorKind::PayloadTooBig: return "payload-too-big";
    case DecodeErrorKind::UnexpectedContinuation: return "unexpected-continuation";
    case DecodeErrorKind::ExpectedContinuation: return "expected-continuation";
  }
  return "unknown";
}

std::string_view decode_error_rfc_section(DecodeErrorKind kind) {
  switch (kind) {
    case DecodeErrorKind::UnmaskedClientFrame:
    case DecodeErrorKind::MaskedServerFrame: return "5.1";
    case DecodeErrorKind::ReservedOpcode:
    case DecodeErrorKind::RsvBitsSet:
    case DecodeErrorKind::NonMinimalLength:
    case DecodeErrorKind::LengthHighBitSet: return "5.2";
    case DecodeErrorKind::UnexpectedContinuation:
    case DecodeErrorKind::ExpectedContinuation: return "5.4";
    case DecodeErrorKind::ControlFrameTooLong:
    case DecodeErrorKind::FragmentedControlFrame: return "5.5";
    case DecodeErrorKind::PayloadTooBig: return "10.4";
  }
  return "";
}

CloseCode close_code_for(DecodeErrorKind kind) {
  return kind == DecodeErrorKind::PayloadTooBig ? close_code::kMessageTooBig : close_code::kProtocolError;
}

}  // namespace wsh::wire
