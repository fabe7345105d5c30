#include "faults/truncate_fault.hpp"

#include <algorithm>

namespace wsh::faults {

const FaultInfo& TruncateFault::info() {
  static const FaultInfo info{
      "truncate",
      FaultKind::Stream,
      {integer_param("after", std::nullopt, "bytes still sent, counted from installation", 0),
       choice_param("then", "fin", {"fin", "rst", "none"}, "how the stream ends after the cut")},
      "sends `after` more bytes, then drops the rest and sends FIN (then=\"fin\"), RST (\"rst\") or nothing "
      "(\"none\")"};
  return info;
}

std::unique_ptr<Fault> TruncateFault::make(const FaultArgs& args) {
  const std::string& then = args.string("then");
  const TruncateEnd end = then == "rst" ? TruncateEnd::Rst : then == "none" ? TruncateEnd::None : TruncateEnd::Fin;
  return std::make_unique<TruncateFault>(static_cast<std::uint64_t>(args.integer("after")), end);
}

net::WriteOutcome TruncateFault::write(net::ByteView bytes, const StreamContext& /*context*/, net::ByteSink& next,
                                       net::Deadline deadline) {
  if (cut_) return {net::WriteStatus::Ok, bytes.size(), {}};
  const auto passing = static_cast<std::size_t>(std::min<std::uint64_t>(after_ - passed_, bytes.size()));
  if (passing > 0) {
    const net::WriteOutcome outcome = next.write(bytes.first(passing), deadline);
    passed_ += outcome.written;
    if (!outcome.ok()) return outcome;
  }
  if (passed_ == after_) {
    // The cut happens as soon as `after` bytes are out, not at the next
    // write: a frame truncated at its last byte is followed by FIN at once.
    cut_ = true;
    if (then_ == TruncateEnd::Fin) next.shutdown_write();
    if (then_ == TruncateEnd::Rst) next.reset();
  }
  return {net::WriteStatus::Ok, bytes.size(), {}};
}

}  // namespace wsh::faults
