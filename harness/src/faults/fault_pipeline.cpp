#include "faults/fault_pipeline.hpp"

namespace wsh::faults {

// What a stage sees as `next`: the rest of the pipeline after it. Control
// (FIN, RST, nodelay) goes straight to the socket; faults shape bytes only.
class FaultPipeline::Link final : public net::ByteSink {
 public:
  Link(FaultPipeline& pipeline, std::size_t stage) : pipeline_(pipeline), stage_(stage) {}

  net::WriteOutcome write(net::ByteView bytes, net::Deadline deadline) override {
    return pipeline_.write_from(stage_, bytes, deadline);
  }
  net::WriteOutcome flush(net::Deadline deadline) override { return pipeline_.flush_from(stage_, deadline); }
  void shutdown_write() override { pipeline_.downstream_.shutdown_write(); }
  void reset() override { pipeline_.downstream_.reset(); }
  void set_nodelay(bool enabled) override { pipeline_.downstream_.set_nodelay(enabled); }

 private:
  FaultPipeline& pipeline_;
  std::size_t stage_;
};

FaultPipeline::FaultPipeline(net::ByteSink& downstream, std::mt19937_64& rng) : downstream_(downstream), rng_(rng) {}

void FaultPipeline::install(std::unique_ptr<StreamFault> fault) {
  if (!fault) return;
  // The newest stage's input is what the wire has carried so far.
  stages_.push_back({std::move(fault), bytes_out_});
}

void FaultPipeline::clear() { stages_.clear(); }

net::WriteOutcome FaultPipeline::write(net::ByteView bytes, net::Deadline deadline) {
  bytes_in_ += bytes.size();
  net::WriteOutcome outcome = write_from(0, bytes, deadline);
  // The writer asked for bytes.size(); what faults did to them is not its concern.
  if (outcome.ok()) outcome.written = bytes.size();
  return outcome;
}

net::WriteOutcome FaultPipeline::flush(net::Deadline deadline) { return flush_from(0, deadline); }

void FaultPipeline::shutdown_write() { downstream_.shutdown_write(); }

void FaultPipeline::reset() { downstream_.reset(); }

void FaultPipeline::set_nodelay(bool enabled) { downstream_.set_nodelay(enabled); }

net::WriteOutcome FaultPipeline::write_from(std::size_t stage, net::ByteView bytes, net::Deadline deadline) {
  if (stage == stages_.size()) {
    const net::WriteOutcome outcome = downstream_.write(bytes, deadline);
    bytes_out_ += outcome.written;
    return outcome;
  }
  Stage& current = stages_[stage];
  const StreamContext context{current.bytes_in, rng_};
  current.bytes_in += bytes.size();
  Link next(*this, stage + 1);
  return current.fault->write(bytes, context, next, deadline);
}

net::WriteOutcome FaultPipeline::flush_from(std::size_t stage, net::Deadline deadline) {
  for (std::size_t index = stage; index < stages_.size(); ++index) {
    Link next(*this, index + 1);
    const net::WriteOutcome outcome = stages_[index].fault->flush(next, deadline);
    if (!outcome.ok()) return outcome;
  }
  return downstream_.flush(deadline);
}

}  // namespace wsh::faults
