#pragma once
// truncate{after, then}: passes `after` more bytes (counted from when the
// fault is installed), then drops everything this side writes and ends the
// stream: then="fin" sends FIN (the peer reads EOF mid-frame), "rst" resets
// (the peer's read fails with ECONNRESET), "none" leaves TCP open (the peer
// waits for the rest of a frame that never comes). A case's "truncate at
// byte K of frame N" is this fault installed just before frame N.

#include <cstdint>
#include <memory>

#include "faults/fault.hpp"
#include "faults/fault_args.hpp"
#include "faults/fault_info.hpp"

namespace wsh::faults {

enum class TruncateEnd { Fin, Rst, None };

class TruncateFault final : public FaultOf<TruncateFault, StreamFault> {
 public:
  TruncateFault(std::uint64_t after, TruncateEnd then) : after_(after), then_(then) {}

  static const FaultInfo& info();
  static std::unique_ptr<Fault> make(const FaultArgs& args);

  net::WriteOutcome write(net::ByteView bytes, const StreamContext& context, net::ByteSink& next,
                          net::Deadline deadline) override;

 private:
  std::uint64_t after_;
  TruncateEnd then_;
  std::uint64_t passed_ = 0;
  bool cut_ = false;
};

}  // namespace wsh::faults
