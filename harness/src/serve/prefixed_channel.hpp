#pragma once
// A PeerChannel that first hands out bytes already read from the connection,
// then reads it as usual. `serve` reads a client's HTTP request itself to
// learn which case it asks for; the scripted peer then reads the same request
// again, through this channel, and answers the opening handshake as in any
// other client-role result.

#include <utility>

#include "peer/peer_channel.hpp"

namespace wsh::serve {

class PrefixedChannel final : public peer::PeerChannel {
 public:
  PrefixedChannel(peer::PeerChannel& inner, std::vector<std::uint8_t> already_read)
      : inner_(inner), prefix_(std::move(already_read)) {}

  peer::ChannelRead read(peer::Deadline deadline) override {
    if (prefix_.empty()) return inner_.read(deadline);
    peer::ChannelRead read;
    read.status = peer::ChannelStatus::Data;
    read.data = std::exchange(prefix_, {});
    return read;
  }
  bool write(std::span<const std::uint8_t> bytes, peer::Deadline deadline) override {
    return inner_.write(bytes, deadline);
  }
  peer::AppliedFault apply_fault(const cases::FaultStep& fault) override { return inner_.apply_fault(fault); }
  bool stalled() const override { return inner_.stalled(); }
  void close() override { inner_.close(); }

 private:
  peer::PeerChannel& inner_;
  std::vector<std::uint8_t> prefix_;
};

}  // namespace wsh::serve
