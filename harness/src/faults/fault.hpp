#pragma once
// toxiproxy's model (docs/ARCHITECTURE.md, "Faults"): each fault is one small object with
// a name, its parameters and one method. Two kinds:
//  - a StreamFault transforms the TCP bytes one side writes, from the moment
//    it is installed in that direction's FaultPipeline;
//  - an ActionFault happens once, to the connection (rst, fin, stall).
// The scripted peer and the proxy apply the same objects: each exposes its
// directions as FaultTargets.

#include <cstdint>
#include <memory>
#include <random>
#include <string_view>

#include "faults/fault_info.hpp"
#include "net/byte_sink.hpp"
#include "net/bytes.hpp"
#include "net/deadline.hpp"
#include "net/io_outcome.hpp"

namespace wsh::faults {

class FaultPipeline;

class Fault {
 public:
  virtual ~Fault() = default;
  // The registry's entry for this fault: its name and effects are written
  // there once, and the peer and the proxy ask for them rather than testing names.
  virtual const FaultInfo& about() const = 0;
  std::string_view name() const { return about().name; }
  const FaultEffects& effects() const { return about().effects; }
};

// What the pipeline tells a stream fault about the bytes it hands over.
struct StreamContext {
  // Offset of bytes[0] in the stream entering this fault, counted from the
  // first byte this direction ever sent (a fault installed later sees the
  // offsets the wire has reached, so corrupt{offset} names a wire offset).
  std::uint64_t offset = 0;
  // The run's seeded generator (--seed): the only source of random choices,
  // so a run replays exactly.
  std::mt19937_64& rng;
};

class StreamFault : public Fault {
 public:
  // Passes `bytes` on to `next` (the rest of the pipeline, ending in the
  // socket), transformed. Returns Ok when the bytes were dealt with, dropped
  // ones included; otherwise the downstream outcome that stopped it.
  virtual net::WriteOutcome write(net::ByteView bytes, const StreamContext& context, net::ByteSink& next,
                                  net::Deadline deadline) = 0;
  // Releases bytes held back (burst). Most faults hold nothing.
  virtual net::WriteOutcome flush(net::ByteSink& next, net::Deadline deadline);
};

// One direction of one connection, as a fault sees it: the scripted peer's
// Connection (FaultedConnection) or one leg of the proxy.
class FaultTarget {
 public:
  virtual ~FaultTarget() = default;
  // The bytes this side writes, and its socket's FIN/RST.
  virtual FaultPipeline& outgoing() = 0;
  // Stop (true) or resume (false) reading from this side's socket.
  virtual void stall_reading(bool stalled) = 0;
};

class ActionFault : public Fault {
 public:
  virtual void act(FaultTarget& target) = 0;
};

// What every fault kind would otherwise write again: about() answers with
// the kind's own static info(), the registry's entry.
//   class ChopFault final : public FaultOf<ChopFault, StreamFault> { ... };
template <typename Kind, typename Base>
class FaultOf : public Base {
 public:
  const FaultInfo& about() const final { return Kind::info(); }
};

// Applies `fault` to `target`: a stream fault is installed at the socket end
// of target.outgoing(), an action acts now.
void inject(std::unique_ptr<Fault> fault, FaultTarget& target);

}  // namespace wsh::faults
