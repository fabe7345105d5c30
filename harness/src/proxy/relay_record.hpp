#pragma once
// One line of the proxy's transcript: what crossed it, in which direction,
// and whether a subject did it or the harness (a fault, an injected frame).
// The engine turns these into one Observation per subject.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "proxy/flow.hpp"
#include "wire/decode_error.hpp"
#include "wire/frame.hpp"

namespace wsh::proxy {

struct RelayRecord {
  enum class Kind {
    HttpHead,     // the opening handshake request (ToServer) or response (ToClient)
    Frame,        // a decoded frame
    RawBytes,     // bytes after a decode error, or injected raw
    Fin,          // FIN reached the receiving subject
    Rst,          // RST reached the receiving subject
    Fault,        // a fault installed or applied on this direction
    DecodeError,  // the sending subject's bytes could not be decoded
    Note,         // anything else worth reading
  };
  std::chrono::microseconds at{0};  // since the case started
  Flow flow = Flow::ToServer;
  Kind kind = Kind::Note;
  // False: the sending subject did it (its frame, its FIN or RST, forwarded).
  // True: the harness did (an injected frame, a fault's FIN or RST, or the
  // proxy ending a leg whose other side is gone).
  bool by_harness = false;
  std::optional<wire::Frame> frame;
  std::vector<std::uint8_t> bytes;  // head of the frame's or raw bytes
  std::string text;
  std::optional<wire::DecodeError> error;  // DecodeError records
};

}  // namespace wsh::proxy
