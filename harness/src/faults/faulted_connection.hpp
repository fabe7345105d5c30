#pragma once
// The scripted peer's side of fault injection: a net::Connection whose
// outgoing TCP bytes (ciphertext under TLS) pass through a FaultPipeline, and
// which honours stall. inject(make_fault(...), faulted) applies a case step.

#include <memory>
#include <random>

#include "faults/fault.hpp"
#include "faults/fault_pipeline.hpp"
#include "net/connection.hpp"

namespace wsh::faults {

class FaultedConnection final : public FaultTarget {
 public:
  // `rng` (the run's seeded generator) must outlive this object.
  FaultedConnection(net::Connection connection, std::mt19937_64& rng);
  ~FaultedConnection() override;
  FaultedConnection(FaultedConnection&&) noexcept;
  FaultedConnection& operator=(FaultedConnection&&) noexcept;

  net::Connection& connection() { return connection_; }
  FaultPipeline& outgoing() override { return *pipeline_; }
  void stall_reading(bool stalled) override { connection_.stall_reading(stalled); }

 private:
  net::Connection connection_;
  // On the heap so the connection's route to it survives moves.
  std::unique_ptr<FaultPipeline> pipeline_;
};

}  // namespace wsh::faults
