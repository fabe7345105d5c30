#pragma once
// Reads one direction of a plain ws:// connection the way the receiving
// subject does: the HTTP head of the opening handshake, then frames through
// wire::FrameDecoder, with the masking rule of the sender's role (§5.1: the
// client masks, the server does not). Blind mode (wss://) records nothing:
// the bytes are TLS records the proxy cannot read.

#include <chrono>
#include <string>
#include <vector>

#include "net/bytes.hpp"
#include "proxy/relay_record.hpp"
#include "wire/frame_decoder.hpp"

namespace wsh::proxy {

class FlowRecorder {
 public:
  FlowRecorder(Flow flow, bool decode);

  // Appends the records `bytes` complete (head, frames, a decode error).
  void feed(net::ByteView bytes, std::chrono::microseconds at, std::vector<RelayRecord>& out);

  // Whether a frame could be inserted here without splitting one the subject
  // sent: the head is through and no frame is half-relayed.
  bool at_frame_boundary() const;
  bool decoding() const { return decode_; }
  // Bytes of a frame that had only partly arrived (for an EOF note).
  std::size_t pending_bytes() const { return decoder_.pending_bytes(); }

 private:
  Flow flow_;
  bool decode_;
  bool head_done_ = false;
  std::string head_;
  wire::FrameDecoder decoder_;
};

}  // namespace wsh::proxy
