#pragma once
// One direction's ordered stack of stream faults, ending in a downstream sink
// (the connection's socket, or the proxy's). Bytes written into the pipeline
// pass through the faults in the order they were installed; each new fault
// goes nearest the socket, so it acts on what is sent from now on, as the
// faults before it already shaped it.

#include <cstdint>
#include <memory>
#include <random>
#include <vector>

#include "faults/fault.hpp"
#include "net/byte_sink.hpp"

namespace wsh::faults {

class FaultPipeline final : public net::ByteSink {
 public:
  // `downstream` and `rng` must outlive the pipeline.
  FaultPipeline(net::ByteSink& downstream, std::mt19937_64& rng);
  FaultPipeline(const FaultPipeline&) = delete;
  FaultPipeline& operator=(const FaultPipeline&) = delete;

  void install(std::unique_ptr<StreamFault> fault);
  // Removes every fault. Bytes a fault still holds are dropped: flush first
  // to send them.
  void clear();
  std::size_t fault_count() const { return stages_.size(); }

  std::uint64_t bytes_written() const { return bytes_in_; }     // into the pipeline
  std::uint64_t bytes_delivered() const { return bytes_out_; }  // to the downstream sink

  net::WriteOutcome write(net::ByteView bytes, net::Deadline deadline) override;
  net::WriteOutcome flush(net::Deadline deadline) override;
  void shutdown_write() override;
  void reset() override;
  void set_nodelay(bool enabled) override;

 private:
  class Link;
  struct Stage {
    std::unique_ptr<StreamFault> fault;
    std::uint64_t bytes_in = 0;  // offset of this stage's input stream
  };

  net::WriteOutcome write_from(std::size_t stage, net::ByteView bytes, net::Deadline deadline);
  net::WriteOutcome flush_from(std::size_t stage, net::Deadline deadline);

  net::ByteSink& downstream_;
  std::mt19937_64& rng_;
  std::vector<Stage> stages_;
  std::uint64_t bytes_in_ = 0;
  std::uint64_t bytes_out_ = 0;
};

}  // namespace wsh::faults
