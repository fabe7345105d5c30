#pragma once
// Where the TCP bytes one side writes go: the socket itself, or a fault
// pipeline (wsh::faults::FaultPipeline) that transforms them on their way to
// the socket. Connection writes into a ByteSink so the faults module can sit
// between the TLS layer and the socket without net knowing about faults.

#include "net/bytes.hpp"
#include "net/deadline.hpp"
#include "net/io_outcome.hpp"

namespace wsh::net {

class ByteSink {
 public:
  virtual ~ByteSink() = default;

  // Passes `bytes`, the next bytes of this direction, on.
  virtual WriteOutcome write(ByteView bytes, Deadline deadline) = 0;
  // Releases anything held back (a burst collecting writes). The socket
  // itself holds nothing.
  virtual WriteOutcome flush(Deadline deadline) = 0;
  // FIN now. Bytes still held back stay held.
  virtual void shutdown_write() = 0;
  // RST now (SO_LINGER 0 then close). Bytes still held back are lost.
  virtual void reset() = 0;
  // TCP_NODELAY on the socket at the end, so small writes leave as separate
  // segments.
  virtual void set_nodelay(bool enabled) = 0;
};

}  // namespace wsh::net
