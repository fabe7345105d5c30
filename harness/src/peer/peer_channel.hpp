#pragma once
// The byte pipe a scripted peer speaks through: plaintext WebSocket bytes in
// and out (TLS, when on, lives below it) and the TCP-level fault knobs. The
// engine implements it over the net layer; tests implement it in memory.

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/clock.hpp"
#include "cases/case_model.hpp"

namespace wsh::peer {

using wsh::Clock;
using wsh::Deadline;

enum class ChannelStatus {
  Data,     // bytes arrived
  Eof,      // the other side closed (FIN)
  Reset,    // the connection was reset (RST)
  Timeout,  // the deadline passed with nothing to read
  Error,    // anything else; `error` says what
};

struct ChannelRead {
  ChannelStatus status = ChannelStatus::Timeout;
  std::vector<std::uint8_t> data;
  std::string error;
};

// A fault step as the channel applied it.
struct AppliedFault {
  std::string description;       // for the transcript: "chop{size=1}"
  bool ends_connection = false;  // the fault ended the connection (rst): nothing more will be read
};

class PeerChannel {
 public:
  virtual ~PeerChannel() = default;

  // Reads what is available, waiting until `deadline` for something.
  virtual ChannelRead read(Deadline deadline) = 0;
  // Writes all of `bytes` through the installed stream faults. False when the
  // connection is gone (reset, broken pipe) or the deadline passed.
  virtual bool write(std::span<const std::uint8_t> bytes, Deadline deadline) = 0;
  // Applies a fault step: an action (rst, fin, stall, unstall) or a stream
  // fault installed on what is written next (chop, delay, truncate, ...).
  // Says what it did, from the fault's own description of itself.
  virtual AppliedFault apply_fault(const cases::FaultStep& fault) = 0;
  // True while a `stall` fault is in force: the peer must not read.
  virtual bool stalled() const = 0;
  // Closes our side for good (the server's duty after the closing handshake).
  virtual void close() = 0;
};

}  // namespace wsh::peer
